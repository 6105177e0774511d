package mpageviz.view;

import static mpageviz.view.Wording.spoken;

import mpageviz.trace.Events;

/**
 * The write side's bookkeeping: write_cache_pages's decision for each dirty page, and write errors kept on the
 * mapping (AS_EIO, AS_ENOSPC) for fsync.
 */
final class WritebackNarrator extends StepNarrator {

    WritebackNarrator(RunState before, RunState after) {
        super(before, after);
    }

    Narration narrate(Events.Writeback e) {
        long p = e.page();
        String action = e.action() == null ? "" : e.action();
        switch (action) {
            case "write":
                return n(e, "write_cache_pages hands page " + p + " to the writepage callback",
                        "Page " + p + " is dirty, not under writeback, and now locked with its dirty bit"
                                + " cleared (" + budget(e.nrToWrite()) + ").", action, Narration.INFO);
            case "skip-truncated":
                return skipped(e, "it was truncated",
                        "It left the file after the lookup found it, so there is nothing to write.");
            case "skip-not-dirty":
                return skipped(e, "already clean",
                        "Another writer cleaned it after the lookup; there is nothing left to write.");
            case "skip-writeback":
                return skipped(e, "still under writeback",
                        "WB_SYNC_NONE does not wait for an earlier write. The page stays dirty for a later pass.");
            case "wait-writeback":
                return n(e, "write_cache_pages waits for page " + p + "'s earlier write",
                        "WB_SYNC_ALL must write every dirty page, so it waits for the write in flight;"
                                + " waiting flushes the plug.", action, Narration.INFO);
            case "skip-clean":
                return skipped(e, "it turned out clean",
                        "clear_page_dirty_for_io found the dirty bit already gone, so there is nothing to write.");
            case "stop-error":
                return n(e, "write_cache_pages stops after page " + p + ": the write failed",
                        "The writepage callback returned an error. The walk stops there and the error goes"
                                + " back to the caller.", action, Narration.ERROR);
            case "stop-budget":
                return n(e, "write_cache_pages stops after page " + p + ": the page budget is used up",
                        "nr_to_write reached 0, and WB_SYNC_NONE writeback honours that budget; WB_SYNC_ALL"
                                + " would go on.", action, Narration.DONE);
            default:
                return n(e, "write_cache_pages looks at page " + p + " (" + spoken(action) + ")",
                        "write_cache_pages decides what to do with each dirty page in the range.", action,
                        Narration.INFO);
        }
    }

    /** A dirty page the walk passes over, and why: an ordinary step with nothing to write. */
    private Narration skipped(Events.Writeback e, String what, String why) {
        return n(e, "Page " + e.page() + " is skipped: " + what, why, e.action(), Narration.INFO);
    }

    Narration narrate(Events.MappingError e) {
        boolean nospc = "AS_ENOSPC".equals(e.flag());
        String what = e.flag() + (nospc ? " (out of space)" : " (I/O error)");
        switch (e.fn()) {
            case "mpage_end_io":
                return n(e, "A write failed: the file records " + what,
                        "mpage_end_io saw the write bio fail, so the mapping remembers it. The next fsync"
                                + " reports -EIO.", null, Narration.ERROR);
            case "mapping_set_error":
                return n(e, "mpage records writepage's error on the file: " + what,
                        "The fallback writepage returned " + (nospc ? "-ENOSPC" : "an error") + ";"
                                + " __mpage_writepage stores it on the mapping so fsync will report it.",
                        null, Narration.ERROR);
            case "__block_write_full_page":
                return n(e, "get_block failed while writing: the file records " + what,
                        "The buffer path could not map a dirty block. The error stays on the mapping so fsync"
                                + " will report it.", null, Narration.ERROR);
            case "end_buffer_async_write":
                return n(e, "A buffer write failed: the file records " + what,
                        "The block did not reach the disk; the mapping remembers it for fsync.", null,
                        Narration.ERROR);
            case "try_to_free_buffers":
                return n(e, "An old buffer write error is kept on the file: " + what,
                        "A buffer being freed carried a write error, so it is copied to the mapping first and"
                                + " not lost.", null, Narration.ERROR);
            default:
                return n(e, "The file records an error: " + what,
                        e.fn() + " got an error back and stores it on the mapping so fsync will report it.",
                        null, Narration.ERROR);
        }
    }

    private String budget(long nrToWrite) {
        return nrToWrite >= Long.MAX_VALUE / 2 ? "no page budget" : nrToWrite + " left in the page budget";
    }
}
