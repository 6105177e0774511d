package mpageviz.view;

import static mpageviz.view.Wording.and;
import static mpageviz.view.Wording.cap;
import static mpageviz.view.Wording.count;
import static mpageviz.view.Wording.has;
import static mpageviz.view.Wording.hashes;
import static mpageviz.view.Wording.pageName;
import static mpageviz.view.Wording.pages;
import static mpageviz.view.Wording.plural;
import static mpageviz.view.Wording.requestList;
import static mpageviz.view.Wording.sectors;

import java.util.List;

import mpageviz.kernel.BhState;
import mpageviz.trace.Events;

/**
 * The plug: a bio becoming a request or merging into one, a request that takes no more merges, and the plug
 * flushes with their reasons.
 */
final class PlugNarrator extends StepNarrator {

    PlugNarrator(RunState before, RunState after) {
        super(before, after);
    }

    Narration narrate(Events.RequestNew e) {
        String who = cap(bioLabel(e.bio(), after));
        String range = sectors(e.sector(), e.sectors());
        if (!e.plugged()) {
            return n(e, who + " becomes request #" + e.request() + ", sent to the disk at once",
                    "No plug is active, so the request is queued and run right away (" + range + "). Later bios"
                            + " cannot merge into it.", null, Narration.IO);
        }
        int waiting = after.plug().size();
        if (!layout.blockLayer().merge()) {
            return n(e, who + " becomes request #" + e.request() + " in the plug (" + range + ")",
                    "Merging is off in this layout, so every bio is a request of its own. It waits in the plug"
                            + " (now " + count(waiting, "request") + ") until the plug"
                            + " is flushed.", null, Narration.IO);
        }
        String why = before.plug().isEmpty()
                ? "The plug was empty, so this is its first request (" + range + "). It waits there until the"
                + " plug is flushed."
                : "No plugged request ends or starts right next to " + range + " with room to spare, so it starts"
                + " a new one. It waits in the plug (now " + waiting + " requests) until the plug is flushed.";
        return n(e, who + " becomes request #" + e.request() + " in the plug (" + range + ")", why, null,
                Narration.IO);
    }

    Narration narrate(Events.RequestMerge e) {
        String who = bioLabel(e.bio(), after);
        RequestView r = before.request(e.request());
        String range = sectors(e.sector(), e.sectors());
        if ("front".equals(e.where())) {
            return n(e, cap(who) + " joins the front of request #" + e.request() + " (now " + range + ")",
                    cap(who) + " ends exactly where request #" + e.request() + " starts, so it goes in front:"
                            + " one request, one pass over the disk.", null, Narration.IO);
        }
        String end = r != null ? " at sector " + (r.sector() + r.sectors()) : "";
        return n(e, cap(who) + " joins the back of request #" + e.request() + " (now " + range + ")",
                "Request #" + e.request() + " ends" + end + ", exactly where " + who + " starts, so it is"
                        + " appended: one request, one pass over the disk.", null, Narration.IO);
    }

    Narration narrate(Events.RequestNoMerge e) {
        return n(e, "Request #" + e.request() + " is full: it takes no more merges",
                "A bio was adjacent, but it would push the request past " + layout.device().maxSectors()
                        + " sectors or " + layout.device().maxSegments() + " segments. The request is marked"
                        + " no-merge for good.", null, Narration.IO);
    }

    Narration narrate(Events.PlugFlush e) {
        List<Integer> ids = before.plug();
        String moved = ids.isEmpty() ? count(e.requests(), "request")
                : ids.size() <= 2 ? requestList(ids, before) : "requests " + and(hashes(ids));
        String head = "The plug is flushed: " + moved + (ids.size() == 1 || e.requests() == 1 ? " goes"
                : " go") + " to the disk";
        String why;
        switch (e.reason() == null ? "" : e.reason()) {
            case "finish-plug":
                why = "The work inside the plug is done, so blk_finish_plug sends everything held back, "
                        + (layout.blockLayer().sortOnFlush() ? "sorted by sector first (as Linux 3.8 does)."
                        : "in the order the requests were made.");
                break;
            case "meta-wait":
                why = metaWaitWhy(ids);
                break;
            case "request-limit":
                why = "16 requests already wait in the plug. Before adding another, the block layer flushes"
                        + " them.";
                break;
            case "lock-buffer":
                why = "A buffer that must be locked is busy with I/O still held in the plug. Sleeping on it"
                        + " flushes the plug first, so that I/O can finish.";
                break;
            case "page-writeback": {
                long page = before.event() instanceof Events.Writeback
                        ? ((Events.Writeback) before.event()).page() : before.currentPage();
                why = cap(pageName(page)) + " is still under writeback from an earlier write. WB_SYNC_ALL must wait"
                        + " for it, and sleeping flushes the plug first.";
                break;
            }
            default:
                why = "The task is about to sleep, and sleeping flushes the plug.";
                break;
        }
        return n(e, head, why, e.reason(), Narration.IO);
    }

    private String metaWaitWhy(List<Integer> ids) {
        long block = -1;
        for (var m : before.meta().entrySet()) {
            if (has(m.getValue(), BhState.LOCK)) {
                block = m.getKey();
            }
        }
        String what = block >= 0 ? metaName(block) : "a metadata block";
        String sent = ids.isEmpty() ? "what is plugged" : plural(ids.size(), "request") + " " + and(hashes(ids));
        String s = "get_block must wait for " + what + ". Sleeping flushes the plug first, so " + sent
                + " goes to disk before the wait.";
        BioView open = before.buildingBio();
        if (open != null && !open.vecs().isEmpty()) {
            s += " Bio #" + open.id() + " (" + pages(bioPages(open)) + ") is still open in mpage, so it must"
                    + " wait.";
        }
        return s;
    }
}
