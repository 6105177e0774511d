package mpageviz.view;

import static mpageviz.view.Wording.bhChange;
import static mpageviz.view.Wording.bhList;
import static mpageviz.view.Wording.cap;
import static mpageviz.view.Wording.count;
import static mpageviz.view.Wording.errno;
import static mpageviz.view.Wording.has;
import static mpageviz.view.Wording.logicals;
import static mpageviz.view.Wording.pageName;
import static mpageviz.view.Wording.span;

import java.util.ArrayList;
import java.util.List;

import mpageviz.kernel.BhState;
import mpageviz.kernel.Errno;
import mpageviz.layout.Layout;
import mpageviz.trace.Events;

/**
 * get_block and map_bh: each lookup's answer (a run, a hole, a new block, an error), why a run ends where it does,
 * and how mpage reuses and resets the run it keeps in map_bh.
 */
final class MappingNarrator extends StepNarrator {

    MappingNarrator(RunState before, RunState after) {
        super(before, after);
    }

    Narration narrate(Events.GetBlock e) {
        long l = e.logical();
        if (e.ret() != 0) {
            String err = errno(e.ret());
            String head = "get_block fails for logical block " + l + ": " + err
                    + (e.ret() == -Errno.ENOSPC ? " (no space)" : "");
            String why;
            if (e.line() == 219) {
                why = "mpage cannot map " + pageName(before.currentPage()) + ", so it gives up on the bio path for"
                        + " it: any open bio goes first, then block_read_full_page.";
            } else if (e.line() == 528) {
                why = (e.ret() == -Errno.ENOSPC ? "No disk block could be allocated for this hole. " : "")
                        + "mpage gives up on the page; the mapping's writepage will try again and record the"
                        + " error.";
            } else if (write) {
                why = "The buffer path fails too: the page gets PG_error and the mapping keeps the error.";
            } else {
                why = "That buffer is zeroed and the page gets PG_error: it will not become uptodate.";
            }
            return n(e, head, why, null, Narration.ERROR);
        }
        if (e.block() < 0) {
            String why;
            if (e.line() == 219) {
                why = "Nothing is on disk there: mpage will zero that block instead of reading it. A hole is"
                        + " fine at the end of a page, but not before data.";
            } else {
                why = "That buffer will be zero-filled and marked uptodate: no read needed.";
            }
            return n(e, "get_block: logical block " + l + " is a hole", why, null, Narration.INFO);
        }
        boolean boundary = has(e.state(), BhState.BOUNDARY);
        boolean uptodate = has(e.state(), BhState.UPTODATE);
        boolean isNew = has(e.state(), BhState.NEW);
        List<String> tags = new ArrayList<>();
        if (boundary) {
            tags.add("BH_Boundary");
        }
        if (uptodate) {
            tags.add("uptodate");
        }
        String tagTxt = tags.isEmpty() ? "" : " (" + String.join(", ", tags) + ")";
        if (isNew) {
            return n(e, "get_block allocates disk block " + e.block() + " for logical block " + l + tagTxt,
                    "Logical block " + l + " was a hole, so get_block(create=1) gives it a new block (BH_New);"
                            + " any stale cached copy of that block is dropped.", null, Narration.INFO);
        }
        String head = e.count() <= 1
                ? "get_block maps logical block " + l + " to disk block " + e.block() + tagTxt
                : "get_block maps logical " + span(l, e.count()) + " to disk " + span(e.block(), e.count())
                + tagTxt;
        String why;
        if (e.line() == 219) {
            why = (e.asked() <= 1 ? "mpage asked for just this block, and it is mapped."
                    : "mpage asked for up to " + e.asked() + " blocks; " + runEnd(e)) + reuseNote(e);
            if (uptodate) {
                why = "It comes back uptodate: the filesystem already copied block " + e.block()
                        + " into the page, so it must not be read again.";
            }
        } else if (e.line() == 528) {
            why = "The write path maps one block per call (create=1); this block is already allocated."
                    + (boundary ? " BH_Boundary: the next block's mapping needs an indirect block, so the bio"
                    + " goes out after this page." : "");
        } else if (write) {
            why = "The buffer path maps each dirty buffer that has no block yet.";
        } else {
            why = "block_read_full_page maps its buffers one block at a time.";
        }
        return n(e, head, why, null, Narration.INFO);
    }

    /** Why a get_block run ends where it does. */
    private String runEnd(Events.GetBlock e) {
        long last = e.logical() + e.count() - 1;
        if (has(e.state(), BhState.BOUNDARY)) {
            Layout.MetadataBlock md = metaCovering(last + 1);
            return "the run ends at logical block " + last + ", which carries BH_Boundary: mapping the next block"
                    + " needs " + (md != null ? "indirect block " + md.block() : "an indirect block") + ".";
        }
        if (e.count() >= e.asked()) {
            return e.count() == 1 ? "it is mapped." : "all of them follow each other on disk.";
        }
        int maxBlocks = layout.getBlock().maxBlocks();
        if (maxBlocks > 0 && e.count() == maxBlocks) {
            return "this get_block maps at most " + count(maxBlocks, "block") + " per call.";
        }
        long next = physical(last + 1);
        if (next < 0) {
            return "the run ends because logical block " + (last + 1) + " is a hole.";
        }
        if (next != e.block() + e.count()) {
            return "the run ends because logical block " + (last + 1) + " is elsewhere on disk (block " + next
                    + ").";
        }
        Layout.MetadataBlock md = metaCovering(last + 1);
        return "the run ends because logical block " + (last + 1) + " needs "
                + (md != null ? "indirect block " + md.block() : "other metadata") + ".";
    }

    private String reuseNote(Events.GetBlock e) {
        long page = before.currentPage();
        if (page < 0) {
            return "";
        }
        long pageEnd = firstLogical(page) + blocksPerPage;
        if (e.logical() + e.count() > pageEnd) {
            return " map_bh keeps the run, so the next pages reuse it without asking again.";
        }
        return "";
    }

    Narration narrate(Events.MapBhReuse e) {
        String head = "Page " + e.page() + " reuses the last get_block run: " + logicals(e.logical(), e.count())
                + " on disk " + span(e.block(), e.count());
        Events.GetBlock g = before.lastGetBlock();
        boolean usedUp = g != null && g.line() == 219 && e.logical() + e.count() == g.logical() + g.count();
        String why = "map_bh still holds the run found for an earlier page, so these blocks need no get_block"
                + " call." + (usedUp ? " This uses up the run." : "");
        return n(e, head, why, null, Narration.INFO);
    }

    Narration narrate(Events.MapBhState e) {
        int set = e.set();
        int clr = e.clear();
        if ("get_block".equals(e.fn())) {
            return n(e, set != 0 && clr == 0 ? "get_block marks map_bh: " + bhList(set)
                            : "get_block changes map_bh: " + bhChange(set, clr),
                    "get_block answers through map_bh's state bits; the full result follows.", null,
                    Narration.INFO);
        }
        if (e.line() == 196 && has(clr, BhState.MAPPED)) {
            return n(e, "map_bh's run is used up",
                    cap(pageName(before.currentPage())) + " took the last block of the cached run. Clearing"
                            + " BH_Mapped makes the next lookup call get_block again.", null, Narration.INFO);
        }
        if (e.line() == 253 && has(clr, BhState.MAPPED)) {
            return n(e, "This get_block run is used up in " + pageName(before.currentPage()),
                    "Every block of the run is placed. Clearing BH_Mapped means the next block needs a new"
                            + " get_block call.", null, Narration.INFO);
        }
        if (set == 0 && (e.line() == 214 || e.line() == 526)) {
            return n(e, "map_bh is reset before the next get_block call (" + bhChange(0, clr) + ")",
                    "mpage clears map_bh's state before each call, so old bits"
                            + (has(clr, BhState.BOUNDARY) ? " like BH_Boundary" : "")
                            + " cannot leak into the next answer.", null, Narration.INFO);
        }
        return n(e, "map_bh is now " + bhChange(set, clr), e.fn() + " changed mpage's scratch buffer.", null,
                Narration.INFO);
    }
}
