package mpageviz.layout.gen;

import mpageviz.layout.Layout;

/**
 * The ext2 shape of the BH_Boundary example (kernel-semantics.md §10): direct blocks, then the single-indirect
 * block, then the data it maps; the last direct block carries BH_Boundary.
 */
final class Ext2Shape {
    /** The direct blocks (whole pages of them), and how many pages they and the whole file fill. */
    final long direct;
    final long directPages;
    final int pages;
    /** The disk block of logical 0, of the indirect block, and whether the indirect block follows the data. */
    final long start;
    final long indirect;
    final boolean adjacent;

    private Ext2Shape(Draft f, long direct, int pages, long start, long indirect, boolean adjacent) {
        this.direct = direct;
        this.directPages = direct / f.bpp;
        this.pages = pages;
        this.start = start;
        this.indirect = indirect;
        this.adjacent = adjacent;
    }

    /**
     * A file of the direct blocks and 1 to 6 pages more, {@link #place}d; the indirect block follows the data,
     * except 30% of the time when {@code sometimesApart}.
     */
    static Ext2Shape file(Draft f, boolean sometimesApart, boolean cached, boolean dirty) {
        long direct = directBlocks(f);
        int n = (int) (direct / f.bpp) + f.dice.between(1, 6);
        f.sizeForPages(n, f.randomTail());
        return place(f, direct, n, !sometimesApart || f.dice.chance(70), cached, dirty);
    }

    /** ext2's 12 direct blocks, rounded up to whole pages; now and then another whole number of pages. */
    private static long directBlocks(Draft f) {
        if (f.dice.chance(30)) {
            return (long) f.bpp * f.dice.between(1, Math.max(1, 16 / f.bpp));
        }
        return (12 + f.bpp - 1) / f.bpp * f.bpp;
    }

    /**
     * Maps logical 0..direct-1, the indirect block (right behind them when {@code adjacent}, as ext2 allocates it,
     * else somewhere further on) and the rest of the file up to EOF, and marks the boundary.
     */
    private static Ext2Shape place(Draft f, long direct, int pages, boolean adjacent, boolean cached, boolean dirty) {
        long eof = f.eofBlocks();
        long start = f.take(direct);
        f.map(0, direct, start);
        long indirect = adjacent ? f.takeAdjacent(1) : f.take(1);
        long rest = eof - direct;
        f.map(direct, rest, adjacent ? f.takeAdjacent(rest) : f.take(rest));
        // An ext2 indirect block holds blockSize / 4 block numbers.
        f.metadata.add(new Layout.MetadataBlock(indirect, direct, direct + f.blockSize / 4 - 1, cached, dirty));
        f.boundaries.add(direct - 1);
        return new Ext2Shape(f, direct, pages, start, indirect, adjacent);
    }
}
