package mpageviz.layout.gen;

import java.util.List;

import mpageviz.layout.Layout;

/**
 * Read recipes about the bios do_mpage_readpage builds (kernel-semantics.md §13.2): why one is sent (a jump on disk,
 * a full bio, BH_Boundary, a partial page, ext2's indirect block), a bio_alloc call that fails, and a bad sector
 * that fails a whole bio.
 */
final class ReadBioRecipes {
    private ReadBioRecipes() {
    }

    /** R13: the next page's first block does not follow the open bio. */
    static Layout notContiguous(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        if (d.chance(25)) {
            // One extent, but a page in the middle is skipped (another task cached it first).
            int n = f.fileOfPages(3, 16);
            f.map(0, f.eofBlocks(), f.take(f.eofBlocks()));
            long first = d.between(0, n - 3);
            long last = d.between(first + 2, n - 1);
            long c = d.between(first + 1, last - 1);
            f.pageCache.put(c, new Layout.PageSpec(c, List.of("uptodate"), null, true));
            f.readahead(first, last);
            f.title = "Skipped page " + c + " breaks the bio (" + f.blocksText() + ")";
            f.say("Another task cached page " + c + " first (alreadyCached), so add_to_page_cache_lru refuses it and"
                    + " it is skipped; page " + (c + 1) + "'s first block, disk " + f.physical(f.firstBlock(c + 1))
                    + ", does not follow the open bio's last block, disk " + f.physical(f.firstBlock(c) - 1)
                    + ", so the bio is sent (not-contiguous-with-bio).");
            f.say("Watch: the skipped record for page " + c + ", then the bio sent when page " + (c + 1)
                    + " arrives.");
        } else {
            FileShapes.Jump s = FileShapes.extentJump(f, 16);
            long c = s.c();
            f.readahead(d.between(0, c - 1), d.between(c, s.n() - 1));
            f.title = "A jump on disk at page " + c + " (" + f.blocksText() + ", read)";
            f.say(s.explain("do_mpage_readpage"));
            f.say("Watch: the bio sent when page " + c + " arrives and the new bio that starts with it.");
        }
        return f.buildVariedWithMaxBlocks();
    }

    /** R14f: a chosen bio_alloc call fails, counted as the run counts them. */
    static Layout bioAllocFailed(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        FileShapes.Extents x = FileShapes.pageAlignedExtents(f, 6);
        long n = x.n();
        // The call starts in the first extent, so every later extent needs a bio of its own.
        long first = d.between(0, (x.laterStarts().isEmpty() ? n : x.laterStarts().get(0)) - 1);
        f.readahead(first, n - 1);
        List<Long> allocPages = x.bioAllocPages(first);
        int k = d.between(1, allocPages.size());
        long victim = allocPages.get(k - 1);
        f.randomBlockLayer();
        f.title = "bio_alloc fails for page " + victim + " (" + f.blocksText() + ", read)";
        f.say("mpage allocates a bio at page" + (allocPages.size() == 1 ? " " : "s ") + Notes.ranges(allocPages)
                + " (the first page, then each page that starts a new extent), so bio_alloc call " + k
                + " is the one for page " + victim + ".");
        if (d.chance(30)) {
            // mpage asks for as many vectors as pages remain in the call, up to what the queue allows.
            int nr = (int) Math.min(n - victim, f.nrVecs());
            int tries = f.failBioAllocAndRetries(k, nr);
            f.say("The task has PF_MEMALLOC, so mpage_alloc retries with half the vectors each time (" + nr
                    + " down to 1); calls " + Notes.range(k, k + tries - 1) + " all fail, so page " + victim
                    + " still goes to block_read_full_page (bio-alloc-failed).");
        } else {
            f.bioAllocFailures.add(k);
            f.say("That call returns NULL and, without PF_MEMALLOC, mpage_alloc does not retry: page " + victim
                    + " goes to block_read_full_page (bio-alloc-failed).");
        }
        f.say("Watch: the fallback record for page " + victim + " and its bh reads; the next page allocates again"
                + " and succeeds.");
        return f.build();
    }

    /** R15: small queue limits fill a bio. */
    static Layout bioFull(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        FileShapes.OverfullRun s = FileShapes.overfullRun(f);
        f.readahead(s.first(), s.first() + s.w() - 1);
        int cap = BioLimits.capacity(f, Math.min(s.w(), f.nrVecs()), s.k());
        f.title = "A bio fills up (maxSectors " + f.maxSectors + ", " + f.blocksText() + ", read)";
        f.say(BioLimits.explain(f, s.k(), cap) + " Readahead of " + s.w() + " contiguous pages: when bio_add_page"
                + " refuses a page, the full bio is sent (bio-full) and a new one starts with that page.");
        f.say("Watch: bios of at most " + cap + " page" + (cap == 1 ? "" : "s") + " sent with reason bio-full; the"
                + " plug cannot merge them past maxSectors.");
        f.randomBlockLayer();
        f.maybeMaxBlocks(20);
        return f.build();
    }

    /** R16: BH_Boundary at the end of a page sends the bio. */
    static Layout boundary(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        FileShapes.Boundary s = FileShapes.boundaryAtPageEnd(f, 16, true);
        long t = s.t();
        long b = s.b();
        long m = s.indirect();
        String meta = m < 0 ? "" : s.indirectCached()
                ? " The indirect block at disk " + m + " is cached, so no metadata read follows."
                : " Then get_block for logical " + (b + 1) + " reads the indirect block at disk " + m
                + " (a meta read), after the data bio is on its way.";
        f.readaheadCovering(t, t + 1, s.n() - 1);
        f.title = "BH_Boundary at the end of page " + t + " (" + f.blocksText() + ", read)";
        f.say("get_block reports logical " + b + " (the last block of page " + t + ") with BH_Boundary: the next"
                + " block's mapping needs metadata I/O. When page " + t + " uses the last block of that mapping,"
                + " mpage sends the bio at once (boundary) instead of keeping it open." + meta);
        f.say("Watch: the bio ending with page " + t + ", sent with reason boundary.");
        return f.buildVariedWithMaxBlocks();
    }

    /** R10b/R17: a page with EOF or a trailing hole inside it. */
    static Layout partialPage(Dice d) {
        Draft f = new Draft(d, Draft.Shape.SUB_PAGE);
        FileShapes.PartialPage s = d.chance(55) ? eofInsidePage(f) : trailingHole(f);
        f.say("Watch: the bio whose last vec is page " + s.t() + " with " + s.q() * f.blockSize + " bytes; page "
                + s.t() + " ends uptodate but not mappedtodisk.");
        return f.buildVariedWithMaxBlocks();
    }

    private static FileShapes.PartialPage eofInsidePage(Draft f) {
        FileShapes.PartialPage s = FileShapes.eofInsideLastPage(f, 12);
        long t = s.t();
        int q = s.q();
        // The disk may or may not hold blocks past EOF: mpage never asks about them.
        long mapped = f.dice.chance(50) ? f.eofBlocks() : s.n() * (long) f.bpp;
        f.mapPieces(0, mapped, f.dice.between(1, 2), true);
        f.readaheadCovering(t, t, t);
        f.title = "EOF inside page " + t + " (" + f.blocksText() + ", read)";
        f.say("i_size ends inside page " + t + ", in its block " + (q - 1) + ": the blocks after it are past EOF,"
                + " so do_mpage_readpage treats them as a hole (first_hole = " + q + "), zeroes the page from byte "
                + q * f.blockSize + ", adds only " + q * f.blockSize + " bytes to the bio and sends it at once"
                + " (partial-page).");
        return s;
    }

    private static FileShapes.PartialPage trailingHole(Draft f) {
        FileShapes.PartialPage s = FileShapes.trailingHole(f, 16);
        long t = s.t();
        int q = s.q();
        f.readaheadCovering(t, t, s.n() - 1);
        f.title = "Trailing hole in page " + t + " (" + f.blocksText() + ", read)";
        f.say("Page " + t + " has data in its first " + q + " block" + (q == 1 ? "" : "s") + " and a hole after"
                + " them (logical " + Notes.range(s.holeStart(), s.holeEnd() - 1) + "): first_hole = " + q
                + ", so the page is zeroed from byte " + q * f.blockSize + ", only " + q * f.blockSize
                + " bytes go into the bio, and the bio is sent at once (partial-page).");
        return s;
    }

    /** The §10.2 example: the data bio goes out before get_block reads the indirect block. */
    static Layout boundaryRead(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        Ext2Shape e = Ext2Shape.file(f, true, false, false);
        long dPages = e.directPages;
        long first = d.between(Math.max(0, dPages - 5), dPages - 1);
        f.readahead(first, d.between(dPages, Math.min(e.pages - 1, dPages + 4)));
        f.randomBlockLayer();
        f.maybeMaxBlocks(20);
        f.title = "ext2 BH_Boundary: data before the indirect block (" + f.blocksText() + ")";
        f.say("ext2-like: logical 0-" + (e.direct - 1) + " are the direct blocks, logical " + e.direct + " on hang"
                + " off the indirect block at disk " + e.indirect
                + (e.adjacent ? ", right behind them," : ", elsewhere") + " and not cached, and get_block marks"
                + " logical " + (e.direct - 1) + " with BH_Boundary.");
        f.say("Page " + (dPages - 1) + " uses the last block of the boundary mapping, so mpage sends its bio at once"
                + " (boundary); only then does page " + dPages + "'s get_block read the indirect block (meta "
                + e.indirect + "), whose wait flushes the plug, so the data reaches the disk first"
                + (e.adjacent && f.plug && f.merge ? " (the indirect read back-merges into the plugged data request:"
                + " one sweep)" : "") + ". Without BH_Boundary the disk would read the indirect block first and then"
                + " seek back.");
        f.say("Watch: the boundary bio before the meta read in the submissions, and the data request served before"
                + " (or together with) the indirect block.");
        return f.build();
    }

    /** E2: a bad sector under a page that goes into a bio. */
    static Layout badSector(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        int n = f.fileOfPages(2, 16);
        f.mapFileInExtents(3);
        long t = d.between(0, n - 1);
        long sector = f.badSectorIn(t);
        f.readpageOrReadahead(t, n - 1, 15);
        f.title = "A bad sector under page " + t + " (" + f.blocksText() + ", read)";
        f.say("Sector " + sector + " (in disk block " + sector / f.sectorsPerBlock() + ", page " + t
                + ") is bad. The bio that carries page " + t + " fails as a whole: mpage_end_io clears uptodate and"
                + " sets PG_error on every page in it, not only on page " + t + ".");
        f.say("Watch: page " + t + " and its bio neighbours end with error and not uptodate.");
        return f.buildVariedWithMaxBlocks();
    }
}
