package mpageviz.layout.gen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;

/**
 * A generated layout's notes in words: the opening sentences that say what the draft's file, settings and call
 * are, and the number formats the recipes' own sentences use ("0-2, 5", "4 KiB").
 */
final class Notes {
    private Notes() {
    }

    /** The file, the settings that differ from the defaults (if any) and the call, one sentence or so each. */
    static List<String> opening(Draft f) {
        List<String> out = new ArrayList<>();
        out.add(file(f));
        String settings = settings(f);
        if (!settings.isEmpty()) {
            out.add(settings);
        }
        out.add(run(f));
        return out;
    }

    /** "4 KiB pages, 1 KiB blocks", "4 KiB pages and blocks", "8 KiB pages, 512-byte blocks". */
    static String geometry(FileDraft f) {
        if (f.pageSize == f.blockSize) {
            return bytes(f.pageSize) + " pages and blocks";
        }
        return bytes(f.pageSize) + " pages, " + bytes(f.blockSize) + " blocks";
    }

    /** "4 KiB" or "512-byte". */
    static String bytes(int n) {
        return n >= 1024 ? n / 1024 + " KiB" : n + "-byte";
    }

    /** The file in one sentence: geometry, i_size and its block map, holes included. */
    static String file(FileDraft f) {
        StringBuilder sb = new StringBuilder(geometry(f));
        long pages = f.pagesInFile();
        sb.append("; i_size ").append(f.size).append(" (page").append(pages == 1 ? " 0" : "s 0-" + (pages - 1))
                .append(')');
        List<Layout.Extent> sorted = new ArrayList<>(f.extents);
        sorted.sort(Comparator.comparingLong(Layout.Extent::logical));
        List<String> parts = new ArrayList<>();
        long pos = 0;
        for (Layout.Extent e : sorted) {
            if (e.logical() > pos) {
                parts.add("logical " + range(pos, e.logical() - 1) + " a hole");
            }
            parts.add("logical " + range(e.logical(), e.logical() + e.count() - 1) + " at disk "
                    + range(e.physical(), e.physical() + e.count() - 1));
            pos = e.logical() + e.count();
        }
        if (pos < f.eofBlocks()) {
            parts.add("logical " + range(pos, f.eofBlocks() - 1) + " a hole");
        }
        if (!parts.isEmpty()) {
            sb.append("; ").append(String.join(", ", parts));
        }
        sb.append('.');
        return sb.toString();
    }

    /** Queue limits, get_block and block-layer settings that differ from the defaults, as sentences, or "". */
    static String settings(Draft f) {
        List<String> parts = new ArrayList<>();
        if (f.maxSectors != Draft.DEFAULT_MAX_SECTORS || f.maxSegments != Draft.DEFAULT_MAX_SEGMENTS) {
            parts.add("Queue limits: maxSectors " + f.maxSectors + ", maxSegments " + f.maxSegments + ".");
        }
        if (f.maxBlocks > 0) {
            parts.add("get_block maps at most " + f.maxBlocks + " block" + (f.maxBlocks == 1 ? "" : "s")
                    + " per call.");
        }
        if (!f.plug) {
            parts.add("No plug: every bio goes to the disk at once.");
        } else if (!f.merge) {
            parts.add("Plug merging is off.");
        }
        if (f.plug && f.sortOnFlush) {
            parts.add("The plug flush sorts by sector (as in 3.8).");
        }
        return String.join(" ", parts);
    }

    /** The call in words. */
    static String run(Draft f) {
        RunSpec run = f.run;
        switch (run.op()) {
            case RunSpec.READPAGES:
                return "Readahead of pages " + range(run.first(), run.first() + run.count() - 1) + ".";
            case RunSpec.READPAGE:
                return "readpage of page " + run.index() + ".";
            case RunSpec.WRITEPAGE:
                return "writepage of page " + run.index() + " (" + sync(run) + ").";
            default:
                List<Long> dirty = new ArrayList<>();
                for (Layout.PageSpec p : f.pageCache.values()) {
                    if (p.has("dirty")) {
                        dirty.add(p.index());
                    }
                }
                return "writepages (" + sync(run) + ") over dirty page"
                        + (dirty.size() == 1 ? " " : "s ") + ranges(dirty) + ".";
        }
    }

    private static String sync(RunSpec run) {
        return "WB_SYNC_" + run.syncMode().toUpperCase(Locale.ROOT);
    }

    /** How a write fallback goes on: {@code rest} continues the sentence after the reason. */
    static String writeFallback(long t, String reason, String rest) {
        return "mpage sends any pending bio (before-fallback) and hands page " + t + " to the mapping's writepage,"
                + " block_write_full_page (" + reason + ")" + rest;
    }

    static String range(long a, long b) {
        return a == b ? Long.toString(a) : a + "-" + b;
    }

    /** "0-2, 5, 7-9" for an ascending list. */
    static String ranges(List<Long> values) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < values.size()) {
            int j = i;
            while (j + 1 < values.size() && values.get(j + 1) == values.get(j) + 1) {
                j++;
            }
            parts.add(range(values.get(i), values.get(j)));
            i = j + 1;
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** "buffers 0-1 mapped and uptodate, buffer 2 mapped, buffer 3 unmapped" for per-buffer labels. */
    static String groups(String noun, String[] labels) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < labels.length) {
            int j = i;
            while (j + 1 < labels.length && labels[j + 1].equals(labels[i])) {
                j++;
            }
            parts.add((i == j ? noun + " " + i : noun + "s " + i + "-" + j) + " " + labels[i]);
            i = j + 1;
        }
        return String.join(", ", parts);
    }
}
