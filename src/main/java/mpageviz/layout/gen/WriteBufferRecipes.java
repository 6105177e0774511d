package mpageviz.layout.gen;

import java.util.ArrayList;
import java.util.List;

import mpageviz.layout.Layout;

/**
 * Write recipes for a dirty page whose buffers alone make __mpage_writepage give up (kernel-semantics.md §13.3, W1):
 * a dirty buffer over a hole, a hole before data, a clean buffer among dirty ones, no buffer mapped at all. Pages
 * other than the chosen one are dirty only where they go into a bio without incident.
 */
final class WriteBufferRecipes {
    private WriteBufferRecipes() {
    }

    /** W1b: a dirty buffer over a hole (mmap write). */
    static Layout unmappedDirtyBuffer(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        int n = f.fileOfPages(1, 10);
        long eof = f.eofBlocks();
        long t = d.between(0, n - 1);
        int below = (int) Math.min(f.bpp, eof - f.firstBlock(t));
        int u = d.between(0, below - 1);
        int h = d.between(1, below - u);
        long holeStart = f.firstBlock(t) + u;
        f.mapAroundHole(holeStart, holeStart + h);
        String alloc;
        if (d.chance(70)) {
            long next = f.allocatorFor(h);
            alloc = "the allocator hands out disk " + Notes.range(next, next + h - 1) + ".";
        } else {
            alloc = "the file has no allocator, so that fails with ENOSPC.";
        }
        List<Layout.BufferSpec> buffers = new ArrayList<>();
        for (int j = 0; j < f.bpp; j++) {
            long l = f.firstBlock(t) + j;
            if (j >= u && j < u + h) {
                buffers.add(Draft.buffer(null, "uptodate", "dirty"));
            } else if (l >= eof) {
                buffers.add(Draft.buffer(null, "uptodate"));
            } else {
                buffers.add(Draft.buffer(f.physical(l), "mapped", "uptodate", "dirty"));
            }
        }
        f.dirtyPage(t, buffers);
        f.dirtyPlainPages(0, n - 1, 60, t);
        f.writepageOrWritepages(t, 25);
        f.title = "Dirty buffer over a hole in page " + t + " (" + f.blocksText() + ")";
        f.say("Page " + t + " was written through mmap over a hole: buffer" + (h == 1 ? " " + u : "s "
                + Notes.range(u, u + h - 1)) + " (logical " + Notes.range(holeStart, holeStart + h - 1) + ") "
                + (h == 1 ? "is" : "are") + " dirty but unmapped. An unmapped dirty buffer cannot go into a bio,"
                + " so " + Notes.writeFallback(t, "unmapped-dirty-buffer", ", which asks get_block to allocate: ")
                + alloc);
        f.say("Watch: the fallback record for page " + t + " and what block_write_full_page writes.");
        return f.buildVaried();
    }

    /** W1d: a clean unmapped buffer followed by a mapped one. */
    static Layout holeThenData(Dice d) {
        Draft f = new Draft(d, Draft.Shape.SUB_PAGE);
        FileShapes.HoleThenData s = FileShapes.holeThenData(f, 10);
        long t = s.t();
        int h = s.h();
        f.writtenPage(t);
        f.dirtyPlainPages(0, s.n() - 1, 60, t);
        f.writepageOrWritepages(t, 25);
        f.title = "Hole then data in page " + t + " (" + f.blocksText() + ", write)";
        f.say("Page " + t + " has buffers: " + (s.a() == 0 ? "" : s.a() + " mapped and dirty, then ") + h + " clean"
                + " unmapped one" + (h == 1 ? "" : "s") + " over a hole (logical "
                + Notes.range(s.holeStart(), s.dataStart() - 1) + "), then mapped dirty ones again.");
        f.say("__mpage_writepage finds a mapped buffer after an unmapped one, which one bio cannot describe; "
                + Notes.writeFallback(t, "hole-then-data", ", which writes the dirty buffers one by one."));
        f.say("Watch: the fallback record for page " + t + " and its bh writes.");
        return f.buildVaried();
    }

    /** W1e: a clean buffer among dirty ones (a partial write). */
    static Layout bufferNotDirty(Dice d) {
        Draft f = new Draft(d, Draft.Shape.SUB_PAGE);
        int n = f.fileOfPages(2, 10);
        f.mapFileInExtents(2);
        long t = d.between(0, n - 2);
        boolean[] clean = new boolean[f.bpp];
        int cleanCount = 0;
        for (int j = 0; j < f.bpp; j++) {
            clean[j] = d.chance(40);
            cleanCount += clean[j] ? 1 : 0;
        }
        if (cleanCount == 0) {
            clean[d.between(0, f.bpp - 1)] = true;
        } else if (cleanCount == f.bpp) {
            clean[d.between(0, f.bpp - 1)] = false;
        }
        List<Layout.BufferSpec> buffers = new ArrayList<>();
        List<Long> written = new ArrayList<>();
        String[] labels = new String[f.bpp];
        int firstClean = -1;
        for (int j = 0; j < f.bpp; j++) {
            long phys = f.physical(f.firstBlock(t) + j);
            if (clean[j]) {
                buffers.add(Draft.buffer(phys, "mapped", "uptodate"));
                labels[j] = "clean";
                firstClean = firstClean < 0 ? j : firstClean;
            } else {
                buffers.add(Draft.buffer(phys, "mapped", "uptodate", "dirty"));
                labels[j] = "dirty";
                written.add(phys);
            }
        }
        f.dirtyPage(t, buffers);
        f.dirtyPlainPages(0, n - 1, 50, t);
        f.writepageOrWritepages(t, 50);
        f.title = "Partly dirty page " + t + " (" + f.blocksText() + ")";
        f.say("Page " + t + " is dirty, but only some of its buffers are (small write() calls): "
                + Notes.groups("buffer", labels) + ", all mapped and uptodate.");
        f.say("__mpage_writepage stops at clean buffer " + firstClean + ": writing the whole page would write data"
                + " that did not change. " + Notes.writeFallback(t, "buffer-not-dirty-or-uptodate",
                ", which writes only the dirty buffers: disk " + Notes.ranges(written) + "."));
        f.say("Watch: the fallback record for page " + t + " and one bh write per dirty buffer.");
        return f.buildVaried();
    }

    /** W1i: buffers, but none mapped (a hole page read by the buffer path, then dirtied). */
    static Layout allBuffersUnmapped(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        int n = f.fileOfPages(1, 10);
        long t = d.between(0, n - 1);
        long eof = f.eofBlocks();
        long start = f.firstBlock(t);
        long end = Math.min(f.firstBlock(t + 1), eof);
        f.mapAllBut(start, end);
        List<Layout.BufferSpec> buffers = new ArrayList<>();
        for (int j = 0; j < f.bpp; j++) {
            buffers.add(Draft.buffer(null, "uptodate"));
        }
        f.dirtyPage(t, buffers);
        f.dirtyPlainPages(0, n - 1, 60, t);
        f.writepageOrWritepages(t, 25);
        f.title = "Dirty page " + t + " with no mapped buffer (" + f.blocksText() + ")";
        f.say("Page " + t + " lies over a hole (logical " + Notes.range(start, end - 1) + "); it was read by"
                + " block_read_full_page, so it has buffers, all unmapped and clean, and then the page was dirtied"
                + " without dirtying any buffer.");
        f.say("__mpage_writepage finds no mapped buffer at all; " + Notes.writeFallback(t, "all-buffers-unmapped",
                ", which finds nothing dirty to write."));
        f.say("Watch: the fallback record for page " + t + " and no I/O for it.");
        return f.buildVaried();
    }
}
