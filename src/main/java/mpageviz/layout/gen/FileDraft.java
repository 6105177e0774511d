package mpageviz.layout.gen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import mpageviz.layout.Layout;

/**
 * The file half of a {@link Draft}: the geometry (drawn by the constructor for the recipe's {@link Shape}), i_size,
 * the block map and the disk blocks handed out for it.
 *
 * <p>Disk blocks are handed out by a cursor that only moves forward ({@link #take}), always leaving a gap, so
 * two regions taken separately are never physically adjacent and never overlap; {@link #takeAdjacent} is the one
 * way to make a region follow the previous one on disk.
 */
abstract class FileDraft {
    /** Which block sizes a recipe can work with. */
    enum Shape {
        /** Any block size from 512 bytes to the page (at most 4 KiB). */
        ANY,
        /** Several blocks per page. */
        SUB_PAGE,
        /** One block per page (what cleancache needs). */
        WHOLE_PAGE
    }

    final Dice dice;
    final int pageSize;
    final int blockSize;
    /** Blocks per page. */
    final int bpp;

    long size;
    final List<Layout.Extent> extents = new ArrayList<>();
    final TreeSet<Long> boundaries = new TreeSet<>();
    final List<Layout.MetadataBlock> metadata = new ArrayList<>();
    Layout.Allocator allocator;
    private long cursor;

    FileDraft(Dice dice, Shape shape) {
        this.dice = dice;
        int ps = dice.chance(80) ? 4096 : dice.pick(2048, 8192);
        int bs;
        switch (shape) {
            case WHOLE_PAGE:
                ps = dice.chance(85) ? 4096 : 2048;
                bs = ps;
                break;
            case SUB_PAGE:
                bs = powerOfTwo(512, Math.min(ps / 2, 4096));
                break;
            default:
                bs = powerOfTwo(512, Math.min(ps, 4096));
                break;
        }
        this.pageSize = ps;
        this.blockSize = bs;
        this.bpp = ps / bs;
        // Start somewhere in the first half MiB, so disk numbers differ from layout to layout.
        this.cursor = dice.between(8, Math.max(64, (512 << 10) / bs));
    }

    private int powerOfTwo(int lo, int hi) {
        int steps = Integer.numberOfTrailingZeros(hi) - Integer.numberOfTrailingZeros(lo);
        return lo << dice.between(0, steps);
    }

    /** i_size for a file of {@code pages} pages whose last page holds {@code tail} bytes (1..pageSize). */
    void sizeForPages(long pages, long tail) {
        size = (pages - 1) * pageSize + tail;
    }

    /** Sets i_size to {@code minPages..maxPages} pages with a {@link #randomTail}; returns the page count. */
    int fileOfPages(int minPages, int maxPages) {
        int n = dice.between(minPages, maxPages);
        sizeForPages(n, randomTail());
        return n;
    }

    /** A last-page fill: a whole page half the time, otherwise any byte count. */
    long randomTail() {
        return dice.chance(50) ? pageSize : dice.between(1, pageSize);
    }

    /** Logical blocks below EOF: ceil(i_size / blockSize). */
    long eofBlocks() {
        return (size + blockSize - 1) / blockSize;
    }

    /** Pages holding at least one byte of the file. */
    long pagesInFile() {
        return (size + pageSize - 1) / pageSize;
    }

    long firstBlock(long page) {
        return page * bpp;
    }

    /** Disk blocks for a new region, a gap away from everything taken before. */
    long take(long count) {
        cursor += dice.chance(25) ? dice.between(16, Math.max(32, (128 << 10) / blockSize)) : dice.between(1, 6);
        long start = cursor;
        cursor += count;
        return start;
    }

    /** Disk blocks right behind the region taken last. */
    long takeAdjacent(long count) {
        long start = cursor;
        cursor += count;
        return start;
    }

    /** Maps logical blocks {@code logical..logical+count-1} onto disk blocks from {@code physical}. */
    Layout.Extent map(long logical, long count, long physical) {
        Layout.Extent e = new Layout.Extent(logical, physical, count);
        extents.add(e);
        return e;
    }

    /**
     * Maps logical {@code from..to-1} as up to {@code pieces} extents split at random points (page boundaries when
     * {@code pageAligned}), placed on disk in a random order with gaps between them. Returns them in logical order.
     */
    List<Layout.Extent> mapPieces(long from, long to, int pieces, boolean pageAligned) {
        long unit = pageAligned ? bpp : 1;
        List<Long> candidates = new ArrayList<>();
        for (long c = (from / unit + 1) * unit; c < to; c += unit) {
            candidates.add(c);
        }
        // Draw distinct cut points without replacement.
        TreeSet<Long> cuts = new TreeSet<>();
        while (cuts.size() < pieces - 1 && !candidates.isEmpty()) {
            cuts.add(candidates.remove(dice.between(0, candidates.size() - 1)));
        }
        List<long[]> parts = new ArrayList<>();
        long start = from;
        for (long c : cuts) {
            parts.add(new long[] {start, c - start});
            start = c;
        }
        parts.add(new long[] {start, to - start});
        // Place them in a shuffled order: a later part may well sit lower on disk.
        for (int i = parts.size() - 1; i > 0; i--) {
            int j = dice.between(0, i);
            long[] tmp = parts.get(i);
            parts.set(i, parts.get(j));
            parts.set(j, tmp);
        }
        List<Layout.Extent> out = new ArrayList<>();
        for (long[] p : parts) {
            out.add(map(p[0], p[1], take(p[1])));
        }
        out.sort(Comparator.comparingLong(Layout.Extent::logical));
        return out;
    }

    /** Maps the whole file as 1..maxExtents page-aligned extents ({@link #mapPieces}). */
    List<Layout.Extent> mapFileInExtents(int maxExtents) {
        return mapPieces(0, eofBlocks(), dice.between(1, maxExtents), true);
    }

    /**
     * Maps logical {@code 0..end-1} as two extents split at {@code at} that do not follow each other on disk
     * (the second one is placed first now and then, so it sits lower); with {@code at} 0, one extent. Returns the
     * disk block of each part, -1 for an empty first part.
     */
    long[] splitAt(long at, long end) {
        if (at <= 0) {
            long b = take(end);
            map(0, end, b);
            return new long[] {-1, b};
        }
        long a;
        long b;
        if (dice.chance(35)) {
            b = take(end - at);
            a = take(at);
        } else {
            a = take(at);
            b = take(end - at);
        }
        map(0, at, a);
        map(at, end - at, b);
        return new long[] {a, b};
    }

    /** Maps logical 0..from-1 and to..EOF-1 (where not empty) as two separate regions: from..to-1 is a hole. */
    void mapAllBut(long from, long to) {
        if (from > 0) {
            map(0, from, take(from));
        }
        long eof = eofBlocks();
        if (to < eof) {
            map(to, eof - to, take(eof - to));
        }
    }

    /**
     * Maps logical 0..holeStart-1 and dataStart..EOF, leaving a hole between; half the time the data sits where
     * it would had the hole been allocated.
     */
    void mapAroundHole(long holeStart, long dataStart) {
        long eof = eofBlocks();
        boolean before = holeStart > 0;
        if (before) {
            map(0, holeStart, take(holeStart));
        }
        if (dataStart >= eof) {
            return;
        }
        long count = eof - dataStart;
        if (before && dice.chance(50)) {
            takeAdjacent(dataStart - holeStart); // the hole's blocks, left free
            map(dataStart, count, takeAdjacent(count));
        } else {
            map(dataStart, count, take(count));
        }
    }

    /** An allocator, a gap away on disk, for {@code blocks} blocks and up to 8 spare; returns its first block. */
    long allocatorFor(long blocks) {
        long count = blocks + dice.between(0, 8);
        long next = take(count);
        allocator = new Layout.Allocator(next, next + count - 1);
        return next;
    }

    /** The disk block of a logical block, or -1 for a hole. */
    long physical(long logical) {
        return Layout.Extent.physicalOf(extents, logical);
    }

    /** Whether every block of the page below EOF is mapped, one right after the other on disk. */
    boolean contiguousPage(long page) {
        long first = firstBlock(page);
        long end = Math.min(first + bpp, eofBlocks());
        if (first >= end || physical(first) < 0) {
            return false;
        }
        for (long l = first + 1; l < end; l++) {
            if (physical(l) != physical(l - 1) + 1) {
                return false;
            }
        }
        return true;
    }

    /** Sectors per block. */
    int sectorsPerBlock() {
        return blockSize / 512;
    }


    /** The first disk block not handed out yet; the device must reach past it. */
    long diskEnd() {
        return cursor;
    }

    /** "1 KiB blocks" or "512-byte blocks", for titles. */
    String blocksText() {
        return Notes.bytes(blockSize) + " blocks";
    }
}
