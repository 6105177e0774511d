package mpageviz.view;

import static mpageviz.view.Wording.count;
import static mpageviz.view.Wording.errno;
import static mpageviz.view.Wording.pages;

import mpageviz.kernel.Errno;
import mpageviz.layout.RunSpec;
import mpageviz.trace.Events;

/** call-begin and call-end: the mpage entry point starting, and what it returns with its tally of bios. */
final class CallNarrator extends StepNarrator {

    CallNarrator(RunState before, RunState after) {
        super(before, after);
    }

    Narration narrate(Events.CallBegin e) {
        RunSpec run = layout.run();
        String headline;
        String why;
        switch (e.op()) {
            case RunSpec.READPAGE:
                headline = "mpage_readpage starts on page " + run.index();
                why = "One page on its own, so nr_pages is 1: get_block is asked only for this page's blocks,"
                        + " and the bio is sent before the call returns.";
                break;
            case RunSpec.WRITEPAGES:
                headline = "mpage_writepages starts (" + ("all".equals(run.syncMode()) ? "WB_SYNC_ALL"
                        : "WB_SYNC_NONE") + ")";
                why = "write_cache_pages walks the dirty pages in index order and hands each to"
                        + " __mpage_writepage. Pages whose blocks follow on disk share a bio"
                        + (plugOn ? "; the plug holds the requests until the end." : ".");
                break;
            case RunSpec.WRITEPAGE:
                headline = "mpage_writepage starts on page " + run.index();
                why = "One page, with no fallback inside mpage: if the page cannot go in a bio, mpage returns"
                        + " -EAGAIN and the caller writes it through buffer heads.";
                break;
            default:
                headline = "mpage_readpages starts on " + pages(run.readaheadPages());
                why = "Readahead built these fresh pages and wants them read. mpage maps them with get_block"
                        + " and packs pages that are contiguous on disk into as few bios as it can.";
                break;
        }
        return n(e, headline, why, null, Narration.INFO);
    }

    Narration narrate(Events.CallEnd e) {
        Counters c = after.counters();
        String tally = (c.biosSubmitted() == 0 ? "no bios" : count(c.biosSubmitted(), "bio")) + " and "
                + (c.fallbackPages() == 0 ? "no fallback" : count(c.fallbackPages(), "fallback"));
        String ret = e.ret() == 0 ? "0" : "-" + errno(e.ret());
        if (e.ret() == -Errno.EAGAIN && "mpage_writepage".equals(e.fn())) {
            return n(e, "mpage_writepage returns -EAGAIN: the page needs the buffer path",
                    "mpage could not put the page in a bio, and mpage_writepage has no fallback of its own. The"
                            + " caller now hands the still-locked page to the mapping's writepage.",
                    null, Narration.FALLBACK);
        }
        String headline = e.fn() + " returns " + ret + " after " + tally;
        if (e.ret() != 0) {
            return n(e, headline, "The walk stopped on -" + errno(e.ret()) + ". The error goes back to the"
                    + " caller, and the mapping keeps it so fsync can report it.", null, Narration.ERROR);
        }
        String why;
        if (!write) {
            int waiting = after.plug().size();
            why = "Every page is handled: in a bio, read block by block, or done without I/O. "
                    + (waiting > 0 ? (waiting == 1 ? "One request still waits" : waiting + " requests still wait")
                    + " in the plug; finishing the plug sends " + (waiting == 1 ? "it." : "them.")
                    : "Nothing is left waiting in the plug.");
        } else if ("mpage_writepage".equals(e.fn())) {
            int waiting = after.plug().size();
            why = "The page is in a bio that has been sent; its completion ends writeback."
                    + (waiting > 0 ? " The caller's plug still holds it: finishing the plug sends it." : "");
        } else {
            why = "Every dirty page in range was visited and the last bio was sent. Each write's completion"
                    + " ends writeback on its pages.";
        }
        return n(e, headline, why, null, Narration.DONE);
    }
}
