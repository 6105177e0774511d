package mpageviz.view;

import static mpageviz.view.Wording.bioRef;
import static mpageviz.view.Wording.cap;
import static mpageviz.view.Wording.has;
import static mpageviz.view.Wording.pageChange;

import mpageviz.kernel.PageFlag;
import mpageviz.trace.Events;

/**
 * page-flags: a page's PG_locked, PG_uptodate, PG_error, PG_dirty, PG_writeback and PG_mappedtodisk changing, told
 * by the function that changed them (mpage_end_io, the buffer paths, write_cache_pages, ...).
 */
final class PageFlagNarrator extends StepNarrator {

    PageFlagNarrator(RunState before, RunState after) {
        super(before, after);
    }

    Narration narrate(Events.PageFlags e) {
        long p = e.page();
        String pg = "Page " + p;
        int set = e.set();
        int clr = e.clear();
        PageView pa = after.page(p);
        int now = pa == null ? set : pa.flags();
        String generic = pg + " is now " + pageChange(set, clr);
        switch (e.fn()) {
            case "add_to_page_cache_lru":
                return n(e, pg + " enters the page cache, locked",
                        "add_to_page_cache_lru inserts the page and locks it. The lock holds until the read"
                                + " ends, so nobody sees half-read data.", null, Narration.INFO);
            case "lock_page":
                return n(e, pg + " is locked for the call", write
                        ? "The caller locks the page before writing it: the page stays locked while mpage"
                        + " checks and maps it."
                        : "The caller locks the page before asking mpage to read it; the read's completion"
                        + " unlocks it.", null, Narration.INFO);
            case "write_cache_pages":
                if (has(set, PageFlag.LOCKED)) {
                    return n(e, "write_cache_pages locks page " + p,
                            "A page must be locked while it is checked and handed to __mpage_writepage.",
                            null, Narration.INFO);
                }
                break;
            case "clear_page_dirty_for_io":
                return n(e, pg + "'s dirty bit is cleared for writing",
                        "The dirty bit is dropped before the write starts. If the page is dirtied again"
                                + " during the write, the bit comes back and a later pass writes it.",
                        null, Narration.INFO);
            case "do_mpage_readpage":
                if (has(set, PageFlag.MAPPEDTODISK)) {
                    return n(e, pg + " is fully mapped to disk",
                            "get_block found a disk block for every block of the page, with no hole, so"
                                    + " PG_mappedtodisk is set.", null, Narration.INFO);
                }
                if (e.line() == 267 && has(set, PageFlag.UPTODATE)) {
                    return n(e, pg + " is all hole: zero-filled and uptodate, no I/O",
                            "get_block mapped none of its blocks, so zeros are the file's data here. The open"
                                    + " bio stays open for the next page.", null, Narration.DONE);
                }
                if (e.line() == 267 && has(clr, PageFlag.LOCKED)) {
                    return n(e, pg + " is unlocked: nothing had to be read",
                            "A page that is all hole is finished at once; readers can use it now.",
                            null, Narration.DONE);
                }
                if (e.line() == 277 && has(set, PageFlag.UPTODATE)) {
                    return n(e, "Cleancache had page " + p + ": uptodate without a disk read",
                            "With one block per page, fully mapped, mpage asks cleancache before reading. A"
                                    + " hit fills the page, so mpage sends any open bio and only unlocks this page.",
                            null, Narration.DONE);
                }
                if (has(clr, PageFlag.LOCKED)) {
                    return n(e, pg + " is already uptodate: mpage only unlocks it",
                            "Its data is already in place (from cleancache or from get_block), so"
                                    + " block_read_full_page has nothing to do.", null, Narration.DONE);
                }
                break;
            case "map_buffer_to_page":
                if (has(set, PageFlag.UPTODATE)) {
                    return n(e, "get_block filled page " + p + " itself: it is uptodate",
                            "The block is as big as the page and came back uptodate, so no buffers are"
                                    + " needed: the page is just marked uptodate.", null, Narration.DONE);
                }
                break;
            case "mpage_end_io":
                return endIoFlags(e, pg, set, clr, now);
            case "set_page_writeback": {
                if (e.line() == 621) {
                    BioView b = before.buildingBio();
                    return n(e, pg + " is now under writeback",
                            cap(bioRef(b)) + " holds the page now. PG_writeback marks the write in flight,"
                                    + " so the lock can go; the bio's completion ends writeback.",
                            null, Narration.INFO);
                }
                return n(e, pg + " is now under writeback",
                        "block_write_full_page marks the page under writeback before it submits the buffers;"
                                + " the last buffer to finish ends it.", null, Narration.INFO);
            }
            case "__mpage_writepage":
                if (has(clr, PageFlag.LOCKED)) {
                    return n(e, pg + " is unlocked while its write is in flight",
                            "PG_writeback, not the lock, now guards the write, so the page can be read or"
                                    + " dirtied again meanwhile.", null, Narration.INFO);
                }
                break;
            case "end_page_writeback":
                return endWriteback(e, pg, now);
            case "block_read_full_page":
                if (has(set, PageFlag.ERROR)) {
                    return n(e, pg + " gets PG_error: get_block failed for one of its blocks",
                            "That block is zeroed and its buffer stays not uptodate, so the page cannot"
                                    + " become uptodate.", null, Narration.ERROR);
                }
                if (has(set, PageFlag.MAPPEDTODISK)) {
                    return n(e, pg + " is mapped to disk: every buffer was mapped",
                            "All of the page's buffers already had disk blocks when block_read_full_page"
                                    + " looked at them.", null, Narration.INFO);
                }
                if (has(set, PageFlag.UPTODATE)) {
                    return n(e, pg + " is uptodate without a disk read",
                            "Every buffer was a hole or already uptodate, so block_read_full_page has"
                                    + " nothing to read.", null, Narration.DONE);
                }
                if (has(clr, PageFlag.LOCKED)) {
                    boolean bad = has(now, PageFlag.ERROR) || !has(now, PageFlag.UPTODATE);
                    return n(e, bad ? pg + " is unlocked, not uptodate: a block could not be mapped"
                                    : pg + " is unlocked: nothing had to be read",
                            bad ? "A reader waiting on the page sees the error and can retry."
                                    : "No buffer needed a read, so the page is finished at once.",
                            null, bad ? Narration.ERROR : Narration.DONE);
                }
                break;
            case "end_buffer_async_read":
                if (has(set, PageFlag.UPTODATE)) {
                    return n(e, pg + " is uptodate: its last buffer read finished",
                            "end_buffer_async_read marks the page uptodate only when every buffer is uptodate"
                                    + " and no read failed.", null, Narration.DONE);
                }
                if (has(set, PageFlag.ERROR)) {
                    return n(e, pg + " gets PG_error: one of its buffer reads failed",
                            "A failed buffer stays not uptodate, so the page will not become uptodate.",
                            null, Narration.ERROR);
                }
                if (has(clr, PageFlag.LOCKED)) {
                    boolean ok = has(now, PageFlag.UPTODATE);
                    return n(e, ok ? pg + " is now uptodate and unlocked: all its buffer reads are done"
                                    : pg + " is unlocked with an error: a buffer read failed",
                            "The last buffer to complete unlocks the page, whatever order the disk finished"
                                    + " them in.", null, ok ? Narration.DONE : Narration.ERROR);
                }
                break;
            case "block_write_full_page":
                if (has(clr, PageFlag.LOCKED)) {
                    return n(e, pg + " lies past end of file: dropped without writing",
                            "No byte of the page is inside i_size (" + layout.file().size() + " bytes), so its"
                                    + " buffers are emptied and the clean page is unlocked.", null,
                            Narration.INFO);
                }
                break;
            case "__block_write_full_page":
                if (has(set, PageFlag.ERROR)) {
                    return n(e, pg + " gets PG_error: get_block failed while writing",
                            "The buffer path could not map a dirty block. That block's data is lost; the"
                                    + " error is kept for fsync.", null, Narration.ERROR);
                }
                if (has(clr, PageFlag.LOCKED)) {
                    return n(e, pg + " is unlocked; its buffers are being written",
                            "block_write_full_page has set writeback and submitted the dirty buffers; their"
                                    + " completions end writeback.", null, Narration.INFO);
                }
                break;
            case "cancel_dirty_page":
                return n(e, pg + " is clean: it lost its buffers",
                        "try_to_free_buffers dropped the page's buffers, and with them its dirty bit; the"
                                + " data is already in the bio.", null, Narration.INFO);
            case "redirty_page_for_writepage":
                return n(e, pg + " is dirty again: a buffer was busy",
                        "WB_SYNC_NONE does not wait for a locked buffer. The page is redirtied so a later pass"
                                + " writes it.", null, Narration.INFO);
            default:
                break;
        }
        String tone = has(set, PageFlag.ERROR) ? Narration.ERROR : Narration.INFO;
        return n(e, generic, e.fn() + " changed the page's flags while working on page " + p + ".", null, tone);
    }

    private Narration endIoFlags(Events.PageFlags e, String pg, int set, int clr, int now) {
        BioView b = bioHolding(before, e.page(), BioView.DONE);
        if (has(set, PageFlag.UPTODATE)) {
            return n(e, pg + " is now uptodate: " + bioRef(b) + " brought its data",
                    cap(bioRef(b)) + " finished without error. mpage_end_io walks its pages from last to"
                            + " first, marking each uptodate and then unlocking it.", null, Narration.DONE);
        }
        if (has(set, PageFlag.ERROR) || has(clr, PageFlag.UPTODATE)) {
            String head = has(set, PageFlag.ERROR) ? pg + " gets PG_error: " + bioRef(b) + " failed"
                    : pg + " is no longer uptodate: " + bioRef(b) + " failed";
            return n(e, head, "One failed bio fails all its pages. This is why mpage puts only whole,"
                    + " simply mapped pages in a bio.", null, Narration.ERROR);
        }
        if (has(clr, PageFlag.LOCKED)) {
            if (has(now, PageFlag.UPTODATE)) {
                return n(e, pg + " is now uptodate and unlocked: its read completed",
                        "Anyone waiting to read page " + e.page() + " can go on now; the lock was held since"
                                + " the page entered the cache.", null, Narration.DONE);
            }
            return n(e, pg + " is unlocked with PG_error: its read failed",
                    "The page is not uptodate. A reader waiting on it sees the error and may retry.", null,
                    Narration.ERROR);
        }
        return n(e, pg + " is now " + pageChange(set, clr), "mpage_end_io updates each page of the finished"
                + " bio.", null, Narration.INFO);
    }

    private Narration endWriteback(Events.PageFlags e, String pg, int now) {
        boolean err = has(now, PageFlag.ERROR);
        if (e.line() == 68) {
            return n(e, err ? pg + "'s write failed: writeback ends with PG_error"
                            : pg + "'s write is on disk: writeback ends",
                    err ? "The bio failed, so mpage_end_io set PG_error. The page stays clean: its data"
                            + " now lives only in memory."
                            : "mpage_end_io ends writeback for each page of the finished bio, last page first.",
                    null, err ? Narration.ERROR : Narration.DONE);
        }
        if ("write_cache_pages".equals(e.fn()) || e.line() == 691) {
            return n(e, "The earlier write of page " + e.page() + " ends",
                    "write_cache_pages waited for the write already in flight (WB_SYNC_ALL); only then can"
                            + " the page be written again.", null, Narration.DONE);
        }
        return n(e, err ? pg + "'s buffer writes are over, with PG_error" : pg + "'s buffer writes are over:"
                        + " writeback ends",
                "The buffer path ends writeback when the page's last buffer write finishes, or at once when"
                        + " it had nothing to submit.", null, err ? Narration.ERROR : Narration.DONE);
    }
}
