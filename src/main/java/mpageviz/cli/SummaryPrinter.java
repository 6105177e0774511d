package mpageviz.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.trace.Summary;

/** Prints a run's summary for people: what mpage sent and why, the disk's order, fallbacks, pages with errors. */
final class SummaryPrinter {
    private final PrintStream out;

    SummaryPrinter(PrintStream out) {
        this.out = out;
    }

    void print(Layout layout, Summary s) {
        Layout.Geometry g = layout.geometry();
        out.println("  " + describeRun(layout.run()) + ", " + size(g.blockSize()) + " blocks, " + size(g.pageSize())
                + " pages, i_size " + layout.file().size());
        out.println("  submissions:");
        int n = 0;
        for (Summary.Submission sub : s.submissions()) {
            out.printf("    %3d. %s%n", ++n, describe(sub));
        }
        if (n == 0) {
            out.println("    none");
        }
        out.println("  requests, in disk order:");
        n = 0;
        for (Summary.Request r : s.requests()) {
            out.printf("    %3d. %-5s sectors %d..%d (%d) from %s%n", ++n, r.rw(), r.sector(),
                    r.sector() + r.sectors() - 1, r.sectors(), String.join("+", r.from()));
        }
        if (n == 0) {
            out.println("    none");
        }
        List<String> errors = new ArrayList<>();
        for (Summary.PageResult p : s.pages()) {
            if (p.flags().contains("error") || !p.flags().contains("uptodate") && !layout.run().isWrite()) {
                errors.add(p.index() + " " + p.flags());
            }
        }
        out.println("  pages with errors or not uptodate: " + (errors.isEmpty() ? "none" : String.join(", ", errors)));
        Summary.Stats st = s.stats();
        out.printf("  stats: %d bios, %d requests, %d fallback pages, %d pages touched, seek %d sectors%n", st.bios(),
                st.requests(), st.fallbackPages(), s.pages().size(), st.seekSectors());
    }

    static String describeRun(RunSpec r) {
        switch (r.op()) {
            case RunSpec.READPAGES:
                List<Long> pages = r.readaheadPages();
                return "readpages of " + pages.size() + " pages " + ranges(pages);
            case RunSpec.READPAGE:
                return "readpage of page " + r.index();
            case RunSpec.WRITEPAGE:
                return "writepage of page " + r.index() + " (sync " + r.syncMode() + ")";
            default:
                return "writepages (sync " + r.syncMode() + ", pages " + r.rangeStart() + ".."
                        + (r.rangeEnd() < 0 ? "end" : String.valueOf(r.rangeEnd()))
                        + (r.nrToWrite() > 0 ? ", budget " + r.nrToWrite() : "")
                        + (r.rangeCyclic() ? ", cyclic" : "") + ")";
        }
    }

    static String describe(Summary.Submission sub) {
        switch (sub.kind()) {
            case Summary.Submission.BIO:
                List<Long> pages = new ArrayList<>();
                int bytes = 0;
                for (Summary.Vec v : sub.vecs()) {
                    pages.add(v.page());
                    bytes += v.length();
                }
                return String.format("bio  %-5s sector %d, %d bytes, pages %s  [%s]", sub.rw(), sub.sector(), bytes,
                        ranges(pages), sub.reason());
            case Summary.Submission.META:
                return String.format("meta %-5s block %d (indirect block read by get_block)", sub.rw(), sub.block());
            case Summary.Submission.BH:
                return String.format("bh   %-5s block %d, %s", sub.rw(), sub.block(),
                        sub.page() == null ? "metadata (write_boundary_block)" : "page " + sub.page());
            case Summary.Submission.FALLBACK:
                return "fallback page " + sub.page() + " to the buffer-head path  [" + sub.reason() + "]";
            default:
                return "skipped page " + sub.page() + "  [" + sub.reason() + "]";
        }
    }

    /** "0..2, 5, 7..9" for an ascending list. */
    static String ranges(List<Long> xs) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < xs.size()) {
            int j = i;
            while (j + 1 < xs.size() && xs.get(j + 1) == xs.get(j) + 1) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(xs.get(i));
            if (j > i) {
                sb.append("..").append(xs.get(j));
            }
            i = j + 1;
        }
        return sb.toString();
    }

    private static String size(int bytes) {
        return bytes >= 1024 ? (bytes / 1024) + " KiB" : bytes + " B";
    }
}
