package mpageviz.layout.gen;

import java.util.ArrayList;
import java.util.List;

import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;

/**
 * Recipes for layouts whose call is readpages or readpage. Each one builds the file so that do_mpage_readpage
 * reaches its branch on a chosen page for certain (see kernel-semantics.md §13.2), varies everything else, and
 * writes notes that say what was chosen and what to watch.
 */
final class ReadRecipes {
    private ReadRecipes() {
    }

    /** R1: readpage of a cached, not uptodate page that already has buffers. */
    static Layout pageHasBuffers(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        int n = f.fileOfPages(2, 16);
        f.mapFileInExtents(2);
        long t = d.between(0, n - 1);
        long eof = f.eofBlocks();
        String[] kinds = new String[f.bpp];
        boolean toRead = false;
        for (int j = 0; j < f.bpp; j++) {
            long l = f.firstBlock(t) + j;
            kinds[j] = l >= eof ? "past EOF" : d.pick("mapped and uptodate", "mapped", "unmapped");
            toRead |= kinds[j].equals("mapped") || kinds[j].equals("unmapped");
        }
        if (!toRead) {
            // Leave at least one buffer for block_read_full_page to read.
            kinds[d.between(0, (int) Math.min(f.bpp, eof - f.firstBlock(t)) - 1)] = "mapped";
        }
        List<Layout.BufferSpec> buffers = new ArrayList<>();
        List<Long> reads = new ArrayList<>();
        boolean asksGetBlock = false;
        for (int j = 0; j < f.bpp; j++) {
            long phys = f.physical(f.firstBlock(t) + j);
            switch (kinds[j]) {
                case "mapped and uptodate":
                    buffers.add(Draft.buffer(phys, "mapped", "uptodate"));
                    break;
                case "mapped":
                    buffers.add(Draft.buffer(phys, "mapped"));
                    reads.add(phys);
                    break;
                case "unmapped":
                    buffers.add(Draft.buffer(null));
                    reads.add(phys);
                    asksGetBlock = true;
                    break;
                default:
                    buffers.add(Draft.buffer(null));
                    break;
            }
        }
        f.page(t, List.of(), buffers);
        f.run = RunSpec.readpage(t);
        f.randomBlockLayer();
        f.title = "readpage of page " + t + ", which already has buffers (" + f.blocksText() + ")";
        f.say("Page " + t + " is cached and not uptodate but already has buffers (left by an earlier partial write"
                + " or read): " + Notes.groups("buffer", kinds) + ".");
        f.say("do_mpage_readpage gives up on it at once (page-has-buffers) and block_read_full_page reads only the"
                + " buffers that are not uptodate" + (asksGetBlock ? ", asking get_block to map the unmapped ones" : "")
                + ": disk " + Notes.ranges(sorted(reads)) + ".");
        f.say("Watch: the fallback record for page " + t + ", then one bh read per buffer read; no mpage bio.");
        return f.build();
    }

    /** R4: get_block fails on the first block of a new extent, by injection or an unreadable indirect block. */
    static Layout getBlockError(Dice d) {
        Draft f = new Draft(d, Draft.Shape.ANY);
        int n = f.fileOfPages(3, 20);
        long t = d.between(0, n - 2);
        int j = d.between(0, f.bpp - 1);
        long bad = f.firstBlock(t) + j;
        // The map is split at the failing block, so no earlier get_block mapping runs over it.
        f.splitAt(bad, f.eofBlocks());
        String where = "logical " + bad + (f.bpp > 1 ? " (block " + j + " of page " + t + ")" : " (page " + t + ")");
        if (d.chance(25)) {
            long m = f.take(1);
            f.metadata.add(new Layout.MetadataBlock(m, bad, bad + f.blockSize / 4 - 1, false, false));
            int spb = f.sectorsPerBlock();
            long sector = m * spb + d.between(0, spb - 1);
            f.badSectors.add(new Layout.SectorRange(sector, d.between(1, (int) (m * spb + spb - sector))));
            f.title = "Unreadable indirect block: get_block fails at page " + t + " (" + f.blocksText() + ")";
            f.say("From " + where + " on, the mapping hangs off an indirect block at disk " + m
                    + ", not cached, and sector " + sector + " of it is bad: get_block's synchronous read of it"
                    + " fails, so get_block returns EIO for page " + t + " (and for every later page that needs it).");
        } else {
            String errno = d.pick("EIO", "EIO", "ENOMEM", "ENOSPC");
            f.errors.add(new Layout.GetBlockError(bad, errno));
            f.title = "get_block fails with " + errno + " at page " + t + " (" + f.blocksText() + ")";
            f.say("get_block of " + where + " fails with " + errno + " (injected); the extent starts there, so"
                    + " get_block is asked about exactly that block.");
        }
        f.say("mpage sends any pending bio (before-fallback) and hands page " + t + " to block_read_full_page"
                + " (get-block-error), which asks get_block again and gets the same error: page " + t
                + " ends with PG_error and not uptodate.");
        f.say("Watch: the fallback record for page " + t + "; later pages start a new bio.");
        f.readaheadCovering(t, t, n - 1);
        return f.buildVariedWithMaxBlocks();
    }

    /** R6: get_block hands back an uptodate buffer in a page of several blocks. */
    static Layout getBlockUptodate(Dice d) {
        Draft f = new Draft(d, Draft.Shape.SUB_PAGE);
        int n = f.fileOfPages(2, 16);
        long t = d.between(0, n - 2);
        long u;
        if (d.chance(25)) {
            // The call starts at page t, so its first get_block asks about block 0 of the page.
            u = f.firstBlock(t);
            f.mapFileInExtents(2);
            if (d.chance(30)) {
                f.run = RunSpec.readpage(t);
            } else {
                f.readahead(t, d.between(t, Math.min(n - 1, t + 5)));
            }
        } else {
            u = f.firstBlock(t) + d.between(0, f.bpp - 1);
            f.splitAt(u, f.eofBlocks());
            f.readpageOrReadahead(t, n - 1, 20);
        }
        f.uptodate.add(u);
        int j = (int) (u - f.firstBlock(t));
        f.title = "get_block returns uptodate in page " + t + " (" + f.blocksText() + ")";
        f.say("get_block reports logical " + u + " (block " + j + " of page " + t + ", disk " + f.physical(u)
                + ") uptodate: the filesystem filled the block itself. do_mpage_readpage hands that mapping to"
                + " map_buffer_to_page, which gives page " + t + " its " + f.bpp + " buffers, and the page goes to"
                + " block_read_full_page (get-block-uptodate).");
        f.say("Watch: the fallback record for page " + t + " and " + (f.bpp - 1) + " bh read"
                + (f.bpp == 2 ? "" : "s") + " for the other buffers; none for disk " + f.physical(u)
                + ", whose bytes get_block copied.");
        return f.buildVaried();
    }

    /** R7: a hole and then a mapped block inside one page. */
    static Layout holeThenData(Dice d) {
        Draft f = new Draft(d, Draft.Shape.SUB_PAGE);
        FileShapes.HoleThenData s = FileShapes.holeThenData(f, 16);
        long t = s.t();
        long dataStart = s.dataStart();
        f.title = "Hole then data in page " + t + " (" + f.blocksText() + ", read)";
        f.say("Page " + t + (s.a() == 0 ? " starts with" : " has " + s.a() + " mapped block" + (s.a() == 1 ? "" : "s")
                + ", then") + " a hole (logical " + Notes.range(s.holeStart(), dataStart - 1) + "), then data at"
                + " logical " + dataStart + " (disk " + f.physical(dataStart) + "). do_mpage_readpage notes the hole"
                + " (first_hole = " + s.a() + "); when get_block then maps logical " + dataStart + ", data after a"
                + " hole cannot share a bio, so the page goes to block_read_full_page (hole-then-data), which zeroes"
                + " the hole and reads the rest buffer by buffer.");
        f.say("Watch: the fallback record for page " + t + " and its bh reads; page " + t
                + " ends uptodate but not mappedtodisk.");
        f.readpageOrReadahead(t, s.n() - 1, 20);
        return f.buildVariedWithMaxBlocks();
    }

    /** R8: the blocks of one page are not consecutive on disk. */
    static Layout discontiguous(Dice d) {
        Draft f = new Draft(d, Draft.Shape.SUB_PAGE);
        FileShapes.Discontiguous s = FileShapes.discontiguous(f, 16);
        long t = s.t();
        f.title = "Discontiguous page " + t + " (" + f.blocksText() + ", read)";
        f.say("Page " + t + "'s blocks are split between disk " + f.physical(s.split() - 1) + " and disk "
                + f.physical(s.split()) + " (logical " + (s.split() - 1) + " and " + s.split() + "), which do not"
                + " follow each other, so mpage sends any pending bio and gives page " + t + " to block_read_full_page"
                + " (discontiguous).");
        f.say("Watch: the fallback record for page " + t + " and " + f.bpp + " bh reads, which may merge in the"
                + " plug with the bios around them.");
        f.readpageOrReadahead(t, s.n() - 1, 15);
        return f.buildVariedWithMaxBlocks();
    }

    /** R12: cleancache holds a one-block page. */
    static Layout cleancacheHit(Dice d) {
        Draft f = new Draft(d, Draft.Shape.WHOLE_PAGE);
        int n = f.fileOfPages(2, 16);
        f.mapFileInExtents(3);
        long t = d.between(0, n - 1);
        f.cleancache.add(t);
        if (d.chance(30)) {
            f.cleancache.add((long) d.between(0, n - 1));
        }
        f.readpageOrReadahead(t, n - 1, 20);
        f.title = "cleancache hit on page " + t + " (" + f.blocksText() + ")";
        f.say("cleancache holds page" + (f.cleancache.size() == 1 ? " " : "s ")
                + Notes.ranges(new ArrayList<>(f.cleancache)) + " (mpage asks it only about one-block pages). Page "
                + t + " is fully mapped (disk " + f.physical(t) + "), so it is marked mappedtodisk; then"
                + " cleancache_get_page fills it with block " + f.physical(t) + "'s bytes and sets it uptodate, and"
                + " the confused path sends any pending bio (before-fallback) and only unlocks the page.");
        f.say("Watch: page " + t + " ends uptodate with no read and no fallback record; no bio holds it.");
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

    private static List<Long> sorted(List<Long> values) {
        List<Long> out = new ArrayList<>(values);
        out.sort(null);
        return out;
    }
}
