package mpageviz.trace;

import java.util.List;

/**
 * The part of a trace other tools compare against (trace-format.md, "The summary"): what mpage submitted and gave
 * up on, in order; the requests as the disk served them; every touched page's final flags and bytes; totals.
 */
public record Summary(List<Submission> submissions, List<Request> requests, List<PageResult> pages, Stats stats) {

    public Summary {
        submissions = List.copyOf(submissions);
        requests = List.copyOf(requests);
        pages = List.copyOf(pages);
    }

    /**
     * One submission record. Which fields apply depends on {@code kind}:
     * bio (rw, sector, vecs, reason), meta (rw, block), fallback and skipped (page, reason), bh (rw, block, page,
     * where page is null for write_boundary_block's metadata write).
     */
    public record Submission(String kind, String rw, long sector, List<Vec> vecs, String reason, long block,
                             Long page) {
        public static final String BIO = "bio";
        public static final String META = "meta";
        public static final String FALLBACK = "fallback";
        public static final String SKIPPED = "skipped";
        public static final String BH = "bh";

        public Submission {
            vecs = vecs == null ? null : List.copyOf(vecs);
        }

        public static Submission bio(String rw, long sector, List<Vec> vecs, String reason) {
            return new Submission(BIO, rw, sector, vecs, reason, -1, null);
        }

        public static Submission meta(String rw, long block) {
            return new Submission(META, rw, -1, null, null, block, null);
        }

        public static Submission fallback(long page, String reason) {
            return new Submission(FALLBACK, null, -1, null, reason, -1, page);
        }

        public static Submission skipped(long page, String reason) {
            return new Submission(SKIPPED, null, -1, null, reason, -1, page);
        }

        public static Submission bh(String rw, long block, Long page) {
            return new Submission(BH, rw, -1, null, null, block, page);
        }
    }

    /** One bio vec as [page index, length in bytes]. */
    public record Vec(long page, int length) {
    }

    /** A request as the disk served it; {@code from} names each merged bio's kind in chain order. */
    public record Request(String rw, long sector, int sectors, List<String> from) {
        public Request {
            from = List.copyOf(from);
        }
    }

    /** A page's final state: sorted flag names and the SHA-256 of its bytes. */
    public record PageResult(long index, List<String> flags, String sha256) {
        public PageResult {
            flags = List.copyOf(flags);
        }
    }

    /**
     * Totals. {@code seekSectors} is the head travel between served requests: the sum over requests after the
     * first of |start sector - end sector of the previous request|.
     */
    public record Stats(int bios, int requests, int fallbackPages, long seekSectors) {
    }
}
