package mpageviz.view;

import java.util.ArrayList;
import java.util.List;

/**
 * One page as the picture shows it at a step: its flags (PageFlag bits), its buffers (null when it has none) and
 * where its bytes came from, as spans in offset order.
 *
 * @param inCache false for a fresh readahead page not (yet) in the page cache, or one that was skipped
 */
public record PageView(long index, int flags, List<BufferView> buffers, List<DataSpan> data, boolean inCache) {

    /**
     * Bytes offset..offset+length of the page and their origin: the layout's page stamp, zeros, or the disk
     * starting at byte {@code diskOffset} (-1 when not from disk).
     */
    public record DataSpan(int offset, int length, String source, long diskOffset) {
        public static final String STAMP = "page-stamp";
        public static final String ZERO = "zero";

        public int end() {
            return offset + length;
        }

        /** The part of this span from page offset {@code from} to {@code to}. */
        DataSpan cut(int from, int to) {
            return new DataSpan(from, to - from, source, diskOffset < 0 ? -1 : diskOffset + (from - offset));
        }
    }

    public PageView withFlags(int newFlags) {
        return new PageView(index, newFlags, buffers, data, inCache);
    }

    public PageView withBuffers(List<BufferView> newBuffers) {
        return new PageView(index, flags, newBuffers, data, inCache);
    }

    public PageView withInCache(boolean in) {
        return new PageView(index, flags, buffers, data, in);
    }

    /** The page after bytes span.offset..span.end changed: the new span replaces whatever it covers. */
    public PageView withData(DataSpan span) {
        List<DataSpan> out = new ArrayList<>(data.size() + 2);
        boolean placed = false;
        for (DataSpan d : data) {
            if (d.end() <= span.offset()) {
                out.add(d);
                continue;
            }
            if (d.offset() < span.offset()) {
                out.add(d.cut(d.offset(), span.offset()));
            }
            if (!placed) {
                out.add(span);
                placed = true;
            }
            if (d.end() > span.end()) {
                out.add(d.cut(Math.max(d.offset(), span.end()), d.end()));
            }
        }
        if (!placed) {
            out.add(span);
        }
        return new PageView(index, flags, buffers, List.copyOf(out), inCache);
    }
}
