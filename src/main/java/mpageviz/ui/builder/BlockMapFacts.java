package mpageviz.ui.builder;

import java.util.ArrayList;
import java.util.List;

import mpageviz.layout.Layout.Extent;
import mpageviz.layout.Layout.MetadataBlock;

/**
 * What the block map being edited says about single blocks: which extent or indirect block holds them, and the
 * words the paint tab's status line uses for them and for a drag in progress. Lists are scanned: a layout has at
 * most some thousands of extents, and only the block under the pointer is asked about.
 */
final class BlockMapFacts {
    private final BuilderModel model;

    BlockMapFacts(BuilderModel model) {
        this.model = model;
    }

    int extentAtLogical(long l) {
        List<Extent> es = model.extents();
        for (int i = 0; i < es.size(); i++) {
            if (es.get(i).holds(l)) {
                return i;
            }
        }
        return -1;
    }

    int extentAtDisk(long d) {
        List<Extent> es = model.extents();
        for (int i = 0; i < es.size(); i++) {
            Extent e = es.get(i);
            if (d >= e.physical() && d < e.physical() + e.count()) {
                return i;
            }
        }
        return -1;
    }

    int metadataAtDisk(long d) {
        List<MetadataBlock> ms = model.metadata();
        for (int i = 0; i < ms.size(); i++) {
            if (ms.get(i).block() == d) {
                return i;
            }
        }
        return -1;
    }

    /** What the map says about logical block {@code l}: where it lives, its marks. */
    String describeLogical(long l) {
        StringBuilder s = new StringBuilder("logical ").append(l).append(" (page ").append(l / model.blocksPerPage())
                .append(')');
        int i = extentAtLogical(l);
        if (i >= 0) {
            Extent e = model.extents().get(i);
            s.append(" \u2192 disk ").append(e.physical() + l - e.logical()).append(", extent ").append(i + 1);
        } else {
            s.append(": hole");
        }
        if (model.boundaries().contains(l)) {
            s.append("; boundary");
        }
        for (MetadataBlock m : model.metadata()) {
            if (l >= m.first() && l <= m.last()) {
                s.append("; needs indirect block ").append(m.block());
            }
        }
        if (l >= model.fileBlocks()) {
            s.append("; past i_size");
        }
        return s.toString();
    }

    /** What disk block {@code d} holds. */
    String describeDisk(long d, PaintTool tool) {
        List<String> parts = new ArrayList<>();
        int m = metadataAtDisk(d);
        if (m >= 0) {
            MetadataBlock mb = model.metadata().get(m);
            parts.add("indirect block for " + mb.first() + ".." + mb.last() + cacheState(mb)
                    + (tool == PaintTool.METADATA ? "; click removes it" : ""));
        }
        int i = extentAtDisk(d);
        if (i >= 0) {
            Extent e = model.extents().get(i);
            parts.add("holds logical " + (e.logical() + d - e.physical()) + ", extent " + (i + 1));
        }
        if (d >= model.deviceBlocksProperty().get()) {
            parts.add("past the device end (" + model.deviceBlocksProperty().get() + " blocks)");
        }
        if (parts.isEmpty()) {
            parts.add("free");
        }
        return "disk " + d + ": " + String.join("; ", parts);
    }

    static String cacheState(MetadataBlock m) {
        return m.dirty() ? " (cached, dirty)" : m.cached() ? " (cached)" : "";
    }

    /** "logical 4" or "logical 4..6 (3 blocks)". */
    static String blocks(long first, long last) {
        return first == last ? "logical " + first : "logical " + first + ".." + last + " (" + (last - first + 1)
                + " blocks)";
    }

    /** What releasing the drag of logical blocks {@code first..last} over disk block {@code disk} (-1: none) does. */
    String describeDrag(PaintTool tool, long first, long last, long disk) {
        long n = last - first + 1;
        String what = blocks(first, last);
        switch (tool) {
            case MAP:
                if (disk < 0) {
                    return "Map " + what + ": drop on a disk block";
                }
                return "Map " + what + " \u2192 disk " + (n == 1 ? disk + "" : disk + ".."
                        + (disk + n - 1)) + ": release to map" + clash(tool, first, n, disk);
            case ERASE:
                return "Erase " + what + ": release to make " + (n == 1 ? "it a hole" : "them holes");
            case BOUNDARY:
                if (n > 1) {
                    return "Boundary: click a single block";
                }
                return "Boundary: release to " + (model.boundaries().contains(first) ? "clear" : "mark") + " logical "
                        + first;
            case METADATA:
                if (disk < 0) {
                    return "Metadata for " + what + ": drop on the indirect block's disk block";
                }
                return "Metadata: disk " + disk + " becomes the indirect block for logical " + first + ".."
                        + last + ": release to add" + clash(tool, first, 1, disk);
            default:
                return "";
        }
    }

    // A warning when disk blocks d..d+n-1 already hold other data (the validator will object to the result).
    private String clash(PaintTool tool, long logical, long n, long d) {
        List<Extent> es = model.extents();
        for (int i = 0; i < es.size(); i++) {
            Extent e = es.get(i);
            boolean replaced = tool == PaintTool.MAP && e.logical() >= logical
                    && e.logical() + e.count() <= logical + n;
            if (!replaced && e.physical() < d + n && d < e.physical() + e.count()) {
                return "; overlaps extent " + (i + 1) + " on disk";
            }
        }
        for (MetadataBlock m : model.metadata()) {
            if (m.block() >= d && m.block() < d + n) {
                return "; overlaps indirect block " + m.block();
            }
        }
        return "";
    }

    /** Metadata entry {@code i} in words, for the pointer over its bracket. */
    String describeMetadata(int i) {
        MetadataBlock m = model.metadata().get(i);
        return "indirect block " + m.block() + " maps logical " + m.first() + ".." + m.last() + cacheState(m);
    }
}
