package mpageviz.layout.gen;

import java.util.ArrayList;
import java.util.List;

import mpageviz.layout.Layout;

/**
 * Recipes for layouts whose call is writepages or writepage. Each one builds the file and the dirty pages so that
 * __mpage_writepage reaches its branch on a chosen page for certain (kernel-semantics.md §13.3). Pages other than
 * the chosen one are dirty only where they go into a bio without incident.
 */
final class WriteRecipes {
    private WriteRecipes() {
    }

    private static String fallbackText(long t, String reason, String rest) {
        return "mpage sends any pending bio (before-fallback) and hands page " + t + " to the mapping's writepage,"
                + " block_write_full_page (" + reason + ")" + rest;
    }

    /** W2a: get_block(create=1) fails while mapping a page without buffers. */
    static Layout getBlockError(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        int n = f.fileOfPages(1, 12);
        long eof = f.eofBlocks();
        long t = d.between(0, n - 1);
        long pageEnd = Math.min(f.firstBlock(t + 1), eof);
        long bad = d.between(f.firstBlock(t), pageEnd - 1);
        if (d.chance(35)) {
            // A hole to the end of the page, and nothing to allocate from.
            f.mapAllBut(bad, pageEnd);
            f.title = "No space: get_block fails for page " + t + " (" + f.blocksText() + ", write)";
            f.say("Logical " + Notes.range(bad, pageEnd - 1) + " is a hole under dirty page " + t + " and the file"
                    + " has no allocator, so get_block(create=1) fails with ENOSPC.");
        } else {
            f.mapFileInExtents(2);
            String errno = d.pick("EIO", "EIO", "ENOMEM", "ENOSPC");
            f.errors.add(new Layout.GetBlockError(bad, errno));
            f.title = "get_block fails with " + errno + " for page " + t + " (" + f.blocksText() + ", write)";
            f.say("get_block(create=1) of logical " + bad + " (in page " + t + ", which has no buffers and is"
                    + " mapped block by block) fails with " + errno + " (injected).");
        }
        f.dirtyPage(t);
        f.dirtyPlainPages(0, n - 1, 60, t);
        f.writepageOrWritepages(t, 25);
        f.say(fallbackText(t, "get-block-error", ", which meets the same error; the mapping records it."));
        f.say("Watch: the fallback record for page " + t + " and the error the call returns.");
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
                + fallbackText(t, "hole-then-data", ", which writes the dirty buffers one by one."));
        f.say("Watch: the fallback record for page " + t + " and its bh writes.");
        return f.buildVaried();
    }

    /** W1f/W2d: a page whose blocks jump on disk, with or without buffers. */
    static Layout discontiguous(Dice d) {
        Draft f = new Draft(d, Draft.Shape.SUB_PAGE);
        FileShapes.Discontiguous s = FileShapes.discontiguous(f, 10);
        long t = s.t();
        long before = f.physical(s.split() - 1);
        long after = f.physical(s.split());
        if (d.chance(50)) {
            f.writtenPage(t);
            f.say("Page " + t + "'s buffers are mapped, uptodate and dirty, but its blocks jump from disk " + before
                    + " to disk " + after + " at buffer " + s.jumpAt() + ".");
        } else {
            f.dirtyPage(t);
            f.say("Page " + t + " has no buffers, so __mpage_writepage maps it block by block with"
                    + " get_block(create=1); block " + s.jumpAt() + " of it comes back at disk " + after + ", not"
                    + " right after disk " + before + ".");
        }
        f.dirtyPlainPages(0, s.n() - 1, 60, t);
        f.writepageOrWritepages(t, 25);
        f.title = "Discontiguous page " + t + " (" + f.blocksText() + ", write)";
        f.say(fallbackText(t, "discontiguous", ", which writes it buffer by buffer."));
        f.say("Watch: the fallback record for page " + t + " and " + f.bpp + " bh writes.");
        return f.buildVaried();
    }

    /** W5f: a chosen bio_alloc call fails during writeback. */
    static Layout bioAllocFailed(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        FileShapes.Extents x = FileShapes.pageAlignedExtents(f, 5);
        long n = x.n();
        List<Long> allocPages;
        int k;
        if (d.chance(15)) {
            long t = d.between(0, n - 1);
            f.dirtyPage(t);
            f.writepage(t);
            allocPages = List.of(t);
            k = 1;
        } else {
            f.dirtyPlainPages(0, n - 1, 100);
            f.writepages();
            allocPages = x.bioAllocPages(0);
            k = d.between(1, allocPages.size());
        }
        long victim = allocPages.get(k - 1);
        f.title = "bio_alloc fails for page " + victim + " (" + f.blocksText() + ", write)";
        f.say("mpage allocates a bio at page" + (allocPages.size() == 1 ? " " : "s ") + Notes.ranges(allocPages)
                + ", so bio_alloc call " + k + " is the one for page " + victim + ".");
        if (d.chance(30)) {
            int nr = f.nrVecs();
            int tries = f.failBioAllocAndRetries(k, nr);
            f.say("The task has PF_MEMALLOC, so mpage_alloc retries with half the vectors each time (" + nr
                    + " down to 1); calls " + Notes.range(k, k + tries - 1) + " all fail.");
        } else {
            f.bioAllocFailures.add(k);
            f.say("That call returns NULL and, without PF_MEMALLOC, mpage_alloc does not retry.");
        }
        f.say(fallbackText(victim, "bio-alloc-failed", ", which writes it with submit_bh."));
        f.say("Watch: the fallback record for page " + victim + " and its bh writes; the next page allocates again.");
        f.randomBlockLayer();
        return f.build();
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
                + " so " + fallbackText(t, "unmapped-dirty-buffer", ", which asks get_block to allocate: ") + alloc);
        f.say("Watch: the fallback record for page " + t + " and what block_write_full_page writes.");
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
                + " that did not change. " + fallbackText(t, "buffer-not-dirty-or-uptodate",
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
        f.say("__mpage_writepage finds no mapped buffer at all; " + fallbackText(t, "all-buffers-unmapped",
                ", which finds nothing dirty to write."));
        f.say("Watch: the fallback record for page " + t + " and no I/O for it.");
        return f.buildVaried();
    }

    /** W3a: a dirty page wholly beyond i_size (a truncate racing with writeback). */
    static Layout beyondEof(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        int n = f.fileOfPages(1, 8);
        long endIndex = f.size / f.pageSize;
        long t = d.between(n, n + 2);
        String how;
        if (d.chance(30)) {
            // Page t is a hole: __mpage_writepage even allocates blocks for it before it looks at i_size.
            f.mapFileInExtents(2);
            long next = f.allocatorFor(f.bpp);
            f.dirtyPage(t);
            how = "__mpage_writepage maps it, allocating disk " + Notes.range(next, next + f.bpp - 1) + " for it,"
                    + " and only then sees that it is past EOF";
        } else {
            f.mapPieces(0, f.firstBlock(t + 1), d.between(1, 2), true);
            if (d.chance(30)) {
                List<Layout.BufferSpec> buffers = new ArrayList<>();
                for (int j = 0; j < f.bpp; j++) {
                    buffers.add(Draft.buffer(f.physical(f.firstBlock(t) + j), "mapped", "uptodate", "dirty"));
                }
                f.dirtyPage(t, buffers);
                how = "its buffers are mapped and dirty, so __mpage_writepage gets as far as the EOF check";
            } else {
                f.dirtyPage(t);
                how = "__mpage_writepage maps it (disk " + Notes.range(f.physical(f.firstBlock(t)),
                        f.physical(f.firstBlock(t)) + f.bpp - 1) + ") and then sees that it is past EOF";
            }
        }
        f.dirtyPlainPages(0, n - 1, 70);
        f.writepageOrWritepages(t, 25);
        boolean atSize = t == endIndex;
        f.title = "Dirty page " + t + " beyond EOF (" + f.blocksText() + ")";
        f.say("i_size " + f.size + (atSize ? " ends exactly where page " + t + " starts" : " ends in page "
                + (n - 1)) + ", so page " + t + " holds no byte of the file, as when a truncate races with"
                + " writeback; " + how + ".");
        f.say(fallbackText(t, "beyond-eof", ", which drops the page without I/O."));
        f.say("Watch: the fallback record for page " + t + "; page " + t + " ends clean and not under writeback.");
        return f.buildVaried();
    }

    /** W4: consecutive dirty pages that do not follow each other on disk. */
    static Layout notContiguous(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        long c;
        if (d.chance(30)) {
            // One extent, but a page in the middle is not written, so the next page does not follow the bio.
            int n = f.fileOfPages(3, 12);
            f.map(0, f.eofBlocks(), f.take(f.eofBlocks()));
            long g = d.between(1, n - 2);
            f.dirtyPlainPages(0, n - 1, 75, g);
            f.dirtyPage(g - 1);
            f.dirtyPage(g + 1);
            boolean cached = d.chance(50);
            if (cached) {
                f.page(g, List.of("uptodate"), null);
            } else {
                f.pageCache.remove(g);
            }
            c = g + 1;
            f.title = "A clean page breaks the write bio (" + f.blocksText() + ")";
            f.say("Page " + g + (cached ? " is cached but clean" : " is not in the cache") + ", so write_cache_pages"
                    + " skips it; page " + c + "'s first block, disk " + f.physical(f.firstBlock(c)) + ", does not"
                    + " follow disk " + f.physical(f.firstBlock(g) - 1) + " where the open bio ends, so the bio is"
                    + " sent (not-contiguous-with-bio).");
        } else {
            FileShapes.Jump s = FileShapes.extentJump(f, 12);
            c = s.c();
            boolean buffers = d.chance(40);
            for (long p = 0; p < s.n(); p++) {
                if (p == c - 1 || p == c || d.chance(75)) {
                    f.dirtyPage(p, buffers);
                }
            }
            f.title = "A jump on disk at page " + c + " (" + f.blocksText() + ", write)";
            f.say(s.explain("__mpage_writepage"));
        }
        f.writepages();
        f.say("Watch: the write bio sent when page " + c + " arrives and the new bio that starts with it.");
        return f.buildVaried();
    }

    /** W6: small queue limits fill a write bio. */
    static Layout bioFull(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        FileShapes.OverfullRun s = FileShapes.overfullRun(f);
        boolean buffers = d.chance(30);
        for (long p = s.first(); p < s.first() + s.w(); p++) {
            f.dirtyPage(p, buffers);
        }
        f.writepages();
        int cap = BioLimits.capacity(f, f.nrVecs(), s.k());
        f.title = "A write bio fills up (maxSectors " + f.maxSectors + ", " + f.blocksText() + ")";
        f.say(BioLimits.explain(f, s.k(), cap) + " " + s.w() + " contiguous dirty pages: when bio_add_page refuses"
                + " a page, the full bio is sent (bio-full) and a new one starts with that page.");
        f.say("Watch: write bios of at most " + cap + " page" + (cap == 1 ? "" : "s") + " sent with reason"
                + " bio-full.");
        f.randomBlockLayer();
        return f.build();
    }

    /** W9: BH_Boundary on the last block of a page sends the write bio. */
    static Layout boundary(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        FileShapes.Boundary s = FileShapes.boundaryAtPageEnd(f, 12, false);
        long t = s.t();
        boolean buffers = d.chance(50);
        for (long p = 0; p < s.n(); p++) {
            if (p == t || d.chance(70)) {
                f.dirtyPage(p, buffers);
            }
        }
        f.writepageOrWritepages(t, 15);
        f.title = "BH_Boundary at the end of page " + t + " (" + f.blocksText() + ", write)";
        f.say("Logical " + s.b() + ", the last block of page " + t + ", is a boundary ("
                + (buffers ? "its buffer carries BH_Boundary from write()" : "get_block(create=1) reports"
                + " BH_Boundary when __mpage_writepage maps it") + "): the next block's mapping needs metadata"
                + " I/O. After adding page " + t + ", __mpage_writepage sends the bio at once (boundary) and calls"
                + " write_boundary_block, which finds nothing dirty behind disk " + f.physical(s.b()) + ".");
        f.say("Watch: the write bio ending with page " + t + ", sent with reason boundary.");
        return f.buildVaried();
    }

    /** W2e/W1c then W9: EOF inside the page, or trailing clean unmapped buffers. */
    static Layout partialPage(Dice d) {
        Draft f = new Draft(d, Draft.Shape.SUB_PAGE);
        FileShapes.PartialPage s = d.chance(60) ? eofInsidePage(f) : trailingHole(f);
        f.writepageOrWritepages(s.t(), 20);
        f.say("Watch: the write bio whose last vec is page " + s.t() + " with " + s.q() * f.blockSize + " bytes.");
        return f.buildVaried();
    }

    private static FileShapes.PartialPage eofInsidePage(Draft f) {
        FileShapes.PartialPage s = FileShapes.eofInsideLastPage(f, 10);
        long t = s.t();
        int q = s.q();
        f.mapFileInExtents(2);
        boolean buffers = f.dice.chance(40);
        f.dirtyPage(t, buffers);
        f.dirtyPlainPages(0, t - 1, 60);
        f.title = "Write of a page that straddles EOF (" + f.blocksText() + ")";
        f.say("i_size ends inside page " + t + ", in its block " + (q - 1) + ". " + (buffers
                ? "Its buffers past EOF are unmapped and clean, so first_unmapped = " + q
                : "__mpage_writepage maps only the blocks up to EOF (first_unmapped = " + q + ")")
                + "; the page is zeroed past i_size and " + q * f.blockSize + " bytes go into the bio, which is"
                + " then sent (partial-page).");
        return s;
    }

    private static FileShapes.PartialPage trailingHole(Draft f) {
        FileShapes.PartialPage s = FileShapes.trailingHole(f, 10);
        long t = s.t();
        int q = s.q();
        f.writtenPage(t);
        f.dirtyPlainPages(0, s.n() - 1, 60, t);
        f.title = "Trailing hole in page " + t + " (" + f.blocksText() + ", write)";
        f.say("Page " + t + "'s buffers from " + q + " on are unmapped and clean (a hole nobody wrote, logical "
                + Notes.range(s.holeStart(), s.holeEnd() - 1) + "), so first_unmapped = " + q + ": only "
                + q * f.blockSize + " bytes go into the bio, which is then sent (partial-page).");
        return s;
    }

    /** W9a (§10.3): write_boundary_block writes the dirty indirect block right behind the data. */
    static Layout writeBoundary(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        Ext2Shape e = Ext2Shape.file(f, false, true, true);
        long from = d.between(Math.max(0, e.directPages - 4), e.directPages - 1);
        long to = d.between(e.directPages - 1, e.pages - 1);
        boolean buffers = d.chance(65);
        for (long p = from; p <= to; p++) {
            f.dirtyPage(p, buffers);
        }
        f.writepages();
        f.randomBlockLayer();
        f.title = "write_boundary_block writes the indirect block (" + f.blocksText() + ")";
        f.say("ext2-like, just after write(): logical 0-" + (e.direct - 1) + " at disk " + e.start + "-"
                + (e.start + e.direct - 1) + ", the indirect block at disk " + e.indirect + " right behind them is"
                + " cached and dirty (it was just allocated), and logical " + e.direct + " on follow it.");
        f.say("Logical " + (e.direct - 1) + " carries BH_Boundary (" + (buffers ? "in its buffer" : "from get_block")
                + "), so once page " + (e.directPages - 1) + " is in the bio, __mpage_writepage sends the bio"
                + " (boundary) and calls write_boundary_block, which finds disk " + e.indirect + " dirty in the buffer"
                + " cache and writes it at once" + (f.plug && f.merge ? ", back-merged onto the data just sent" : "")
                + ".");
        f.say("Watch: the boundary bio, then a bh write of disk " + e.indirect + " with no page.");
        return f.build();
    }

    /** W2b: writepages over holes, with an allocator handing out blocks (BH_New). */
    static Layout holeAllocation(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        int n = f.fileOfPages(2, 12);
        long eof = f.eofBlocks();
        long holeStart;
        long holeEnd;
        long next;
        long slack = d.between(0, 16);
        boolean adjacent = d.chance(50);
        if (adjacent) {
            // ext2's goal: the allocator starts right behind the data before the hole, mid-page or not.
            holeStart = d.between(1, eof - 1);
            // The hole ends on a page boundary (or at EOF), so no page holds allocated blocks and then data.
            long firstBoundary = (holeStart + f.bpp - 1) / f.bpp * f.bpp;
            int pages = d.between(firstBoundary == holeStart ? 1 : 0, 3);
            holeEnd = Math.min(eof, firstBoundary + (long) f.bpp * pages);
            long a = f.take(holeStart);
            f.map(0, holeStart, a);
            next = f.takeAdjacent(holeEnd - holeStart + slack);
        } else {
            long p0 = d.between(0, n - 1);
            long p1 = d.between(p0, Math.min(n - 1, p0 + 3));
            holeStart = f.firstBlock(p0);
            holeEnd = Math.min(f.firstBlock(p1 + 1), eof);
            boolean allocatorFirst = d.chance(40);
            if (allocatorFirst) {
                next = f.take(holeEnd - holeStart + slack);
            } else {
                next = -1;
            }
            if (holeStart > 0) {
                f.map(0, holeStart, f.take(holeStart));
            }
            if (!allocatorFirst) {
                next = f.take(holeEnd - holeStart + slack);
            }
        }
        if (holeEnd < eof) {
            f.map(holeEnd, eof - holeEnd, f.take(eof - holeEnd));
        }
        long holeBlocks = holeEnd - holeStart;
        f.allocator = new Layout.Allocator(next, next + holeBlocks + slack - 1);
        long firstHolePage = holeStart / f.bpp;
        f.dirtyPage(firstHolePage);
        for (long p = 0; p < n; p++) {
            if (p != firstHolePage && d.chance(70)) {
                f.dirtyPage(p);
            }
        }
        String alias = "";
        if (d.chance(30)) {
            // A stale metadata alias of the first block handed out: unmap_underlying_metadata must clean it.
            long far = f.firstBlock(n + 100);
            f.metadata.add(new Layout.MetadataBlock(next, far, far, true, true));
            alias = " Disk " + next + " still has a dirty alias in the buffer cache (old metadata);"
                    + " unmap_underlying_metadata cleans it so it is never written over the new data.";
        }
        if (d.chance(10)) {
            f.writepage(firstHolePage);
        } else {
            f.writepages();
        }
        f.title = "Writeback allocates blocks for holes (" + f.blocksText() + ")";
        f.say("Logical " + Notes.range(holeStart, holeEnd - 1) + " is a hole under dirty pages (written through"
                + " mmap), and file.allocator hands out disk " + Notes.range(next, next + holeBlocks + slack - 1)
                + ". __mpage_writepage maps those pages with get_block(create=1), which allocates blocks with"
                + " BH_New (and unmap_underlying_metadata runs for each); "
                + (adjacent ? "the first one follows the data at disk " + (next - 1) + ", so the pages stay in one bio."
                : "they lie elsewhere on disk, so the bio breaks where they start.") + alias);
        f.say("Watch: write bios covering disk " + next + " onwards and no fallback.");
        return f.buildVaried();
    }

    /** E4: a bad sector under a page in a write bio. */
    static Layout badSector(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        int n = f.fileOfPages(1, 12);
        f.mapFileInExtents(3);
        long t = d.between(0, n - 1);
        f.dirtyPage(t);
        f.dirtyPlainPages(0, n - 1, 70, t);
        long sector = f.badSectorIn(t);
        f.writepageOrWritepages(t, 20);
        f.title = "A bad sector under page " + t + " (" + f.blocksText() + ", write)";
        f.say("Sector " + sector + " (in disk block " + sector / f.sectorsPerBlock() + ", page " + t + ") is bad."
                + " The write bio that carries page " + t + " fails as a whole: mpage_end_io sets PG_error on every"
                + " page in it and the mapping records EIO.");
        f.say("Watch: page " + t + " and its bio neighbours end with error.");
        return f.buildVaried();
    }
}
