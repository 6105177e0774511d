package mpageviz.layout.gen;

import java.util.List;

import mpageviz.layout.Layout;

/**
 * Write recipes about the bios __mpage_writepage builds (kernel-semantics.md §13.3): why one is sent (a jump on
 * disk, a full bio, BH_Boundary and write_boundary_block, a partial page), a bio_alloc call that fails, and a bad
 * sector that fails a whole write bio.
 */
final class WriteBioRecipes {
    private WriteBioRecipes() {
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
        f.say(Notes.writeFallback(victim, "bio-alloc-failed", ", which writes it with submit_bh."));
        f.say("Watch: the fallback record for page " + victim + " and its bh writes; the next page allocates again.");
        f.randomBlockLayer();
        return f.build();
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
