package mpageviz.layout.gen;

import java.util.ArrayList;
import java.util.List;

import mpageviz.layout.Layout;

/**
 * Write recipes for how __mpage_writepage maps a dirty page (kernel-semantics.md §13.3): get_block(create=1) fails
 * or allocates blocks for holes, the page's blocks jump on disk, or the page lies wholly past i_size. Pages other
 * than the chosen one are dirty only where they go into a bio without incident.
 */
final class WriteMappingRecipes {
    private WriteMappingRecipes() {
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
        f.say(Notes.writeFallback(t, "get-block-error", ", which meets the same error; the mapping records it."));
        f.say("Watch: the fallback record for page " + t + " and the error the call returns.");
        return f.buildVaried();
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
        f.say(Notes.writeFallback(t, "discontiguous", ", which writes it buffer by buffer."));
        f.say("Watch: the fallback record for page " + t + " and " + f.bpp + " bh writes.");
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
        f.say(Notes.writeFallback(t, "beyond-eof", ", which drops the page without I/O."));
        f.say("Watch: the fallback record for page " + t + "; page " + t + " ends clean and not under writeback.");
        return f.buildVaried();
    }
}
