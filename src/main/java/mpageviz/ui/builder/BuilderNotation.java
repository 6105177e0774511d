package mpageviz.ui.builder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import mpageviz.layout.Layout.Allocator;
import mpageviz.layout.Layout.BufferSpec;
import mpageviz.layout.Layout.GetBlockError;
import mpageviz.layout.Layout.MetadataBlock;
import mpageviz.layout.Layout.SectorRange;

/**
 * The short text forms the builder's fields use for list-valued parts of a layout, both ways: numbers
 * ("3 7 11"), buffers ("mapped,uptodate@240 -"), get_block errors ("9:EIO"), sector ranges ("1700+8"), an
 * allocator ("4000..4095") and metadata blocks ("1012: 12..267 cached dirty"). Parsers throw
 * IllegalArgumentException with a message a user can act on.
 */
public final class BuilderNotation {
    private BuilderNotation() {
    }

    private static List<String> tokens(String text) {
        String t = text == null ? "" : text.trim();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("[\\s,]+"));
    }

    public static long number(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text.trim() + "\" is not a number");
        }
    }

    public static String longs(List<? extends Number> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    public static List<Long> parseLongs(String text) {
        List<Long> out = new ArrayList<>();
        for (String t : tokens(text)) {
            out.add(number(t));
        }
        return out;
    }

    public static List<Integer> parseInts(String text) {
        List<Integer> out = new ArrayList<>();
        for (long v : parseLongs(text)) {
            out.add((int) v);
        }
        return out;
    }

    /** One buffer: its flags joined by commas ("-" for none), then "@block" when it has one. */
    public static String buffer(BufferSpec b) {
        String flags = b.flags().isEmpty() ? "-" : String.join(",", b.flags());
        return b.block() == null ? flags : flags + "@" + b.block();
    }

    /** A page's buffers, space-separated; empty for a page without buffers. */
    public static String buffers(List<BufferSpec> buffers) {
        return buffers == null ? "" : buffers.stream().map(BuilderNotation::buffer).collect(Collectors.joining(" "));
    }

    /** Reads {@link #buffers}; blank text means the page has no buffers (null). */
    public static List<BufferSpec> parseBuffers(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return null;
        }
        List<BufferSpec> out = new ArrayList<>();
        for (String token : t.split("\\s+")) {
            int at = token.indexOf('@');
            String flags = at < 0 ? token : token.substring(0, at);
            Long block = at < 0 ? null : number(token.substring(at + 1));
            List<String> list = flags.equals("-") || flags.isEmpty() ? List.of() : List.of(flags.split(","));
            out.add(new BufferSpec(list, block));
        }
        return out;
    }

    public static String errors(List<GetBlockError> errors) {
        return errors.stream().map(e -> e.logical() + ":" + e.errno()).collect(Collectors.joining(" "));
    }

    public static List<GetBlockError> parseErrors(String text) {
        List<GetBlockError> out = new ArrayList<>();
        for (String t : tokens(text)) {
            int colon = t.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("\"" + t + "\" is not logical:ERRNO (for example 9:EIO)");
            }
            out.add(new GetBlockError(number(t.substring(0, colon)), t.substring(colon + 1)));
        }
        return out;
    }

    public static String sectorRanges(List<SectorRange> ranges) {
        return ranges.stream().map(r -> r.start() + "+" + r.count()).collect(Collectors.joining(" "));
    }

    public static List<SectorRange> parseSectorRanges(String text) {
        List<SectorRange> out = new ArrayList<>();
        for (String t : tokens(text)) {
            int plus = t.indexOf('+');
            if (plus < 0) {
                throw new IllegalArgumentException("\"" + t + "\" is not start+count (for example 1700+8)");
            }
            out.add(new SectorRange(number(t.substring(0, plus)), number(t.substring(plus + 1))));
        }
        return out;
    }

    public static String allocator(Allocator a) {
        return a == null ? "" : a.next() + ".." + a.last();
    }

    /** Blank text: no allocator (allocating fails with ENOSPC). */
    public static Allocator parseAllocator(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return null;
        }
        int dots = t.indexOf("..");
        if (dots < 0) {
            throw new IllegalArgumentException("\"" + t + "\" is not next..last (for example 4000..4095)");
        }
        return new Allocator(number(t.substring(0, dots)), number(t.substring(dots + 2)));
    }

    public static String metadata(MetadataBlock m) {
        return m.block() + ": " + m.first() + ".." + m.last() + (m.cached() ? " cached" : "")
                + (m.dirty() ? " dirty" : "");
    }

    public static MetadataBlock parseMetadata(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("\"" + t + "\" is not block: first..last [cached] [dirty]");
        }
        List<String> rest = tokens(t.substring(colon + 1));
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("metadata needs a range first..last after the block");
        }
        Allocator range = parseAllocator(rest.get(0));
        return new MetadataBlock(number(t.substring(0, colon)), range.next(), range.last(), rest.contains("cached"),
                rest.contains("dirty"));
    }
}
