package mpageviz.view;

import static mpageviz.view.Wording.errno;
import static mpageviz.view.Wording.has;
import static mpageviz.view.Wording.spoken;

import java.util.List;
import java.util.function.IntPredicate;

import mpageviz.kernel.BhState;
import mpageviz.trace.Events;

/**
 * Pages mpage gives up on: the fallback to block_read_full_page or to the mapping's writepage, each reason in
 * words, and readahead pages skipped because they are cached already.
 */
final class FallbackNarrator extends StepNarrator {

    FallbackNarrator(RunState before, RunState after) {
        super(before, after);
    }

    private String fallbackWords(String reason) {
        switch (reason) {
            case "page-has-buffers":
                return "it already has buffers";
            case "get-block-error":
                return "get_block failed";
            case "get-block-uptodate":
                return "get_block returned it uptodate";
            case "hole-then-data":
                return "a hole, then data";
            case "discontiguous":
                return "its blocks are not contiguous";
            case "cleancache-hit":
                return "cleancache had it";
            case "bio-alloc-failed":
                return "no bio could be allocated";
            case "unmapped-dirty-buffer":
                return "a dirty buffer has no disk block";
            case "buffer-not-dirty-or-uptodate":
                return "only part of it is dirty";
            case "all-buffers-unmapped":
                return "none of its buffers is mapped";
            case "beyond-eof":
                return "it lies past end of file";
            default:
                return spoken(reason);
        }
    }

    Narration narrate(Events.Fallback e) {
        long p = e.page();
        boolean w = write || "__mpage_writepage".equals(e.fn()) || "writepage".equals(e.fn());
        String head = "Page " + p + (w ? " goes to the mapping's writepage: " : " goes to block_read_full_page: ")
                + fallbackWords(e.reason());
        return n(e, head, fallbackWhy(e.reason(), p, w), e.reason(), Narration.FALLBACK);
    }

    private String fallbackWhy(String reason, long p, boolean w) {
        PageView pv = before.page(p);
        List<BufferView> bufs = pv == null ? null : pv.buffers();
        Events.GetBlock g = before.lastGetBlock();
        String path = w ? "the mapping's writepage" : "block_read_full_page";
        switch (reason) {
            case "page-has-buffers":
                return "Page " + p + " already has buffer heads, for example from an earlier partial write."
                        + " mpage builds bios only for pages without them, so " + path
                        + " reads just the buffers that are not uptodate.";
            case "get-block-error": {
                String what = g != null && g.ret() != 0 ? "get_block failed with " + errno(g.ret())
                        + " for logical block " + g.logical() + ". " : "get_block failed. ";
                return w ? what + "The mapping's writepage tries again and records the error."
                        : what + "block_read_full_page retries each block, zeroes what fails and sets PG_error.";
            }
            case "get-block-uptodate":
                return "get_block returned " + (g != null ? "logical block " + g.logical() : "a block")
                        + " already uptodate: the filesystem copied its data itself. The page holds other"
                        + " blocks too, so block_read_full_page reads those.";
            case "hole-then-data":
                if (w) {
                    int hole = firstBuffer(bufs, s -> !has(s, BhState.MAPPED));
                    return (hole >= 0 ? "Buffer " + hole + " has no disk block but a later buffer has one: "
                            : "An unmapped buffer comes before a mapped one: ")
                            + "a hole, then data. mpage writes a page only as one run from its start.";
                }
                return (g != null && g.block() >= 0 ? "Logical block " + g.logical() + " is on disk, but an"
                        + " earlier block of page " + p + " is a hole. " : "")
                        + "A page in a bio must be data first, with zeros only at its end, so the page is read"
                        + " block by block.";
            case "discontiguous":
                return discontiguousWhy(p, bufs, g, w);
            case "cleancache-hit":
                return "Cleancache held page " + p + ", so its data is already in place. mpage sends any open"
                        + " bio and only unlocks the page.";
            case "bio-alloc-failed":
                return "bio_alloc returned NULL" + (layout.run().memalloc() ? " even after the PF_MEMALLOC"
                        + " retries. " : " and the task has no PF_MEMALLOC, so mpage_alloc does not retry. ")
                        + "Without a bio, page " + p + (w ? " is written" : " is read") + " through buffer heads.";
            case "unmapped-dirty-buffer": {
                int i = firstBuffer(bufs, s -> !has(s, BhState.MAPPED) && has(s, BhState.DIRTY));
                return (i >= 0 ? "Buffer " + i : "A buffer") + " of page " + p + " is dirty but has no disk"
                        + " block: data written through mmap over a hole. mpage does not allocate for pages"
                        + " with buffers, so writepage does.";
            }
            case "buffer-not-dirty-or-uptodate": {
                int i = firstBuffer(bufs, s -> has(s, BhState.MAPPED)
                        && (!has(s, BhState.DIRTY) || !has(s, BhState.UPTODATE)));
                return (i >= 0 ? "Buffer " + i : "A buffer") + " of page " + p + " is mapped but clean (or not"
                        + " uptodate): only part of the page was written. mpage writes whole pages, so the"
                        + " buffer path writes just the dirty buffers.";
            }
            case "all-buffers-unmapped":
                return "Page " + p + " has buffers, but none is mapped to disk, so mpage has nothing to send."
                        + " The mapping's writepage maps and writes them.";
            case "beyond-eof":
                return "Page " + p + " starts at or past end of file (i_size " + layout.file().size()
                        + " bytes), so none of it belongs to the file. writepage drops its buffers and writes"
                        + " nothing.";
            default:
                return "mpage cannot handle page " + p + " (" + spoken(reason) + "), so " + path
                        + " takes it.";
        }
    }

    private String discontiguousWhy(long p, List<BufferView> bufs, Events.GetBlock g, boolean w) {
        if (bufs != null) {
            for (int i = 1; i < bufs.size(); i++) {
                BufferView a = bufs.get(i - 1);
                BufferView b = bufs.get(i);
                if (has(a.state(), BhState.MAPPED) && has(b.state(), BhState.MAPPED)
                        && b.block() != a.block() + 1) {
                    return "Buffer " + i + " is at disk block " + b.block() + ", not right after block "
                            + a.block() + ". A bio vector covers one unbroken run, so the page goes the buffer"
                            + " way.";
                }
            }
        }
        if (g != null && g.block() >= 0) {
            long prev = g.logical() > firstLogical(p) ? physical(g.logical() - 1) : -1;
            return "Logical block " + g.logical() + " is at disk block " + g.block() + ", not right after "
                    + (prev >= 0 ? "block " + prev + " before it" : "the page's previous block")
                    + ". A bio vector covers one unbroken run, so the page is " + (w ? "written" : "read")
                    + " block by block.";
        }
        return "The page's blocks are not next to each other on disk. A bio vector covers one unbroken run,"
                + " so the page is " + (w ? "written" : "read") + " block by block.";
    }

    /** The index of the first buffer whose state bits pass {@code test}; -1 if none, or if there are no buffers. */
    private static int firstBuffer(List<BufferView> bufs, IntPredicate test) {
        if (bufs != null) {
            for (int i = 0; i < bufs.size(); i++) {
                if (test.test(bufs.get(i).state())) {
                    return i;
                }
            }
        }
        return -1;
    }

    Narration narrate(Events.Skipped e) {
        return n(e, "Page " + e.page() + " is skipped: it is already in the page cache",
                "Another task cached this index first, so add_to_page_cache_lru refuses the fresh page. mpage"
                        + " moves on, and the gap usually breaks the bio's run.", e.reason(), Narration.FALLBACK);
    }
}
