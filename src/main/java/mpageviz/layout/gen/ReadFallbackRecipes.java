package mpageviz.layout.gen;

import java.util.ArrayList;
import java.util.List;

import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;

/**
 * Read recipes that send a chosen page down do_mpage_readpage's confused path (kernel-semantics.md §13.2): the page
 * already has buffers, get_block fails or returns an uptodate buffer, a hole comes before data, the page's blocks
 * jump on disk, or cleancache fills the page. Each builds the file so that the branch is certain, varies everything
 * else, and writes notes that say what was chosen and what to watch.
 */
final class ReadFallbackRecipes {
    private ReadFallbackRecipes() {
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

    private static List<Long> sorted(List<Long> values) {
        List<Long> out = new ArrayList<>(values);
        out.sort(null);
        return out;
    }
}
