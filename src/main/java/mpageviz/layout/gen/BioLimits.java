package mpageviz.layout.gen;

/**
 * Queue limits small enough that a bio fills up after a few pages (bio_add_page's max_sectors, bi_max_vecs and
 * max_segments checks, kernel-semantics.md §1.4), and the arithmetic to explain it in the notes.
 */
final class BioLimits {
    private BioLimits() {
    }

    /** Sets maxSectors to hold k whole pages (k is 1..6, plus a spare part of a page) and maybe few segments. */
    static int apply(Draft f) {
        Dice d = f.dice;
        int k = d.between(1, 6);
        int pageSectors = f.pageSize / 512;
        f.maxSectors = k * pageSectors + d.between(0, pageSectors - 1);
        f.maxSegments = d.chance(30) ? d.between(1, 8) : Draft.DEFAULT_MAX_SEGMENTS;
        return k;
    }

    /** Pages a bio allocated for {@code nr} vectors can take under the limits (k pages by maxSectors). */
    static int capacity(Draft f, int nr, int k) {
        return Math.min(k, Math.min(f.maxSegments, roundVecs(nr)));
    }

    /** bio_alloc's bi_max_vecs in 3.2-3.6: nr rounded up to 4, 16, 64, 128 or 256. */
    static int roundVecs(int nr) {
        for (int size : new int[] {4, 16, 64, 128}) {
            if (nr <= size) {
                return size;
            }
        }
        return 256;
    }

    static String explain(Draft f, int k, int cap) {
        String s = "maxSectors " + f.maxSectors + " holds " + k + " page" + (k == 1 ? "" : "s") + " of "
                + f.pageSize / 1024 + " KiB";
        if (f.maxSegments < k) {
            s += " and maxSegments " + f.maxSegments + " allows only " + f.maxSegments + " vec"
                    + (f.maxSegments == 1 ? "" : "s");
        }
        return s + ", so a bio takes at most " + cap + " page" + (cap == 1 ? "" : "s") + ".";
    }
}
