package mpageviz.layout.gen;

import java.util.ArrayList;
import java.util.List;

import mpageviz.layout.Layout;

/**
 * The file shapes that the read and the write recipe of one behaviour share: each draws i_size and the block map
 * so that do_mpage_readpage and __mpage_writepage meet the behaviour on a chosen page, and returns what the notes
 * name. The recipes pass only the largest file they want; what differs between them happens around the call.
 */
final class FileShapes {
    private FileShapes() {
    }

    /** Page t of n: {@code a} mapped blocks, a hole of {@code h} blocks from logical holeStart, then data. */
    record HoleThenData(int n, long t, int a, int h, long holeStart) {
        long dataStart() {
            return holeStart + h;
        }
    }

    static HoleThenData holeThenData(Draft f, int maxPages) {
        int n = f.fileOfPages(2, maxPages);
        long t = f.dice.between(0, n - 2);
        int a = f.dice.between(0, f.bpp - 2);
        int h = f.dice.between(1, f.bpp - 1 - a);
        long holeStart = f.firstBlock(t) + a;
        f.mapAroundHole(holeStart, holeStart + h);
        return new HoleThenData(n, t, a, h, holeStart);
    }

    /** Page t of n, whose blocks jump on disk between its blocks jumpAt-1 and jumpAt (logical split-1, split). */
    record Discontiguous(int n, long t, int jumpAt, long split) {
    }

    static Discontiguous discontiguous(Draft f, int maxPages) {
        int n = f.fileOfPages(2, maxPages);
        long t = f.dice.between(0, n - 2);
        int s = f.dice.between(1, f.bpp - 1);
        long split = f.firstBlock(t) + s;
        f.splitAt(split, f.eofBlocks());
        return new Discontiguous(n, t, s, split);
    }

    /**
     * Page t of n ends with logical b, which carries BH_Boundary; {@code indirect} is the disk block of an ext2-like
     * indirect block right behind it that maps what follows, or -1.
     */
    record Boundary(int n, long t, long b, long indirect, boolean indirectCached) {
    }

    /** The boundary at the end of a page; with {@code maybeIndirect}, 40% of the time an indirect block too. */
    static Boundary boundaryAtPageEnd(Draft f, int maxPages, boolean maybeIndirect) {
        Dice d = f.dice;
        int n = f.fileOfPages(2, maxPages);
        long t = d.between(0, n - 2);
        long b = f.firstBlock(t + 1) - 1;
        long eof = f.eofBlocks();
        f.map(0, b + 1, f.take(b + 1));
        long indirect = -1;
        boolean cached = false;
        if (maybeIndirect && d.chance(40)) {
            indirect = f.takeAdjacent(1);
            cached = d.chance(50);
            f.metadata.add(new Layout.MetadataBlock(indirect, b + 1, b + f.blockSize / 4, cached, false));
        }
        f.map(b + 1, eof - b - 1, d.chance(40) ? f.takeAdjacent(eof - b - 1) : f.take(eof - b - 1));
        f.boundaries.add(b);
        return new Boundary(n, t, b, indirect, cached);
    }

    /**
     * Page t of n holds data only in its first q blocks; logical holeStart..holeEnd-1, the rest of the page, lie
     * past EOF or in a hole. Either way mpage's first_hole (first_unmapped) is q.
     */
    record PartialPage(int n, long t, int q, long holeStart, long holeEnd) {
    }

    /** i_size ends inside the last page, in its block q-1; the recipe maps the file. */
    static PartialPage eofInsideLastPage(Draft f, int maxPages) {
        int n = f.dice.between(1, maxPages);
        long tail = f.dice.between(1, (f.bpp - 1) * f.blockSize);
        f.sizeForPages(n, tail);
        long t = n - 1;
        int q = (int) ((tail + f.blockSize - 1) / f.blockSize);
        return new PartialPage(n, t, q, f.firstBlock(t) + q, f.firstBlock(t + 1));
    }

    /** A page (not the last) whose blocks from q on are a hole; everything else is mapped. */
    static PartialPage trailingHole(Draft f, int maxPages) {
        int n = f.fileOfPages(2, maxPages);
        long t = f.dice.between(0, n - 2);
        int q = f.dice.between(1, f.bpp - 1);
        long holeStart = f.firstBlock(t) + q;
        long next = f.firstBlock(t + 1);
        f.mapAllBut(holeStart, next);
        return new PartialPage(n, t, q, holeStart, next);
    }

    /** Pages first..first+w-1 of n whole pages in one extent: more than the k pages a bio holds (BioLimits). */
    record OverfullRun(int k, int w, int n, long first) {
    }

    /** Sets small queue limits, then a contiguous run of 1 to 3 bios' worth of pages (and then some). */
    static OverfullRun overfullRun(Draft f) {
        Dice d = f.dice;
        int k = BioLimits.apply(f);
        int w = d.between(k + 1, 3 * k + 2);
        int n = w + d.between(0, 4);
        f.sizeForPages(n, f.pageSize);
        f.map(0, f.eofBlocks(), f.take(f.eofBlocks()));
        long first = d.between(0, n - w);
        return new OverfullRun(k, w, n, first);
    }

    /** n pages in 2 to 4 extents; page c starts the second, at disk {@code next}, not right after disk prevEnd. */
    record Jump(int n, long c, long prevEnd, long next) {
        /** Why the bio is sent when page c arrives; {@code function} is the mpage function that sends it. */
        String explain(String function) {
            return "Page " + c + " starts a new extent at disk " + next + ", " + (next < prevEnd ? "below" : "past")
                    + " disk " + prevEnd + " where the open bio ends, so " + function + " sends that bio"
                    + " (not-contiguous-with-bio) and starts another" + (next < prevEnd
                    ? "; with plugging and merging the plug may front-merge them." : ".");
        }
    }

    static Jump extentJump(Draft f, int maxPages) {
        int pieces = f.dice.between(2, 4);
        int n = f.fileOfPages(pieces, maxPages);
        List<Layout.Extent> extents = f.mapPieces(0, f.eofBlocks(), pieces, true);
        Layout.Extent second = extents.get(1);
        return new Jump(n, second.logical() / f.bpp, f.physical(second.logical() - 1), second.physical());
    }

    /** n pages in page-aligned extents; {@code laterStarts} are the pages that start the second and later ones. */
    record Extents(long n, List<Long> laterStarts) {
        /** The pages mpage allocates a bio for: the call's first page, then each page that starts an extent. */
        List<Long> bioAllocPages(long firstPage) {
            List<Long> out = new ArrayList<>();
            out.add(firstPage);
            out.addAll(laterStarts);
            return out;
        }
    }

    /** One to four extents of 1..maxPiecePages pages each, in a shuffled order on disk. */
    static Extents pageAlignedExtents(Draft f, int maxPiecePages) {
        int pieces = f.dice.between(1, 4);
        long n = 0;
        for (int i = 0; i < pieces; i++) {
            n += f.dice.between(1, maxPiecePages);
        }
        f.sizeForPages(n, f.randomTail());
        List<Layout.Extent> extents = f.mapPieces(0, f.eofBlocks(), pieces, true);
        List<Long> starts = new ArrayList<>();
        for (int i = 1; i < extents.size(); i++) {
            starts.add(extents.get(i).logical() / f.bpp);
        }
        return new Extents(n, starts);
    }
}
