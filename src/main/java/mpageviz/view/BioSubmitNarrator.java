package mpageviz.view;

import static mpageviz.view.BioBuildNarrator.refusalWords;
import static mpageviz.view.Wording.cap;
import static mpageviz.view.Wording.has;
import static mpageviz.view.Wording.pageName;
import static mpageviz.view.Wording.pages;
import static mpageviz.view.Wording.sectors;
import static mpageviz.view.Wording.size;
import static mpageviz.view.Wording.spoken;

import java.util.List;

import mpageviz.kernel.BhState;
import mpageviz.layout.Layout;
import mpageviz.trace.Events;

/**
 * Sending a bio: mpage's submissions with each send reason (a gap on disk, a full bio, BH_Boundary on the read and
 * write sides, a partial page, a fallback, the end of the call), get_block's metadata reads and submit_bh's
 * one-buffer bios.
 */
final class BioSubmitNarrator extends StepNarrator {

    BioSubmitNarrator(RunState before, RunState after) {
        super(before, after);
    }

    private String submitTag(String reason) {
        switch (reason) {
            case "not-contiguous-with-bio":
                return "next page not adjacent";
            case "bio-full":
                return "bio full";
            case "boundary":
                return "BH_Boundary";
            case "partial-page":
                return "partial page";
            case "before-fallback":
                return "before a fallback";
            case "end-of-call":
                return "end of call";
            default:
                return reason == null ? "sent" : spoken(reason);
        }
    }

    Narration narrate(Events.BioSubmit e) {
        String reason = e.reason();
        if ("meta".equals(e.source())) {
            Layout.MetadataBlock md = metaAt(e.block());
            String covers = md != null ? "It holds the mappings of " + mappedBy(md) + " and is not cached yet. "
                    : "get_block needs it and it is not cached yet. ";
            return n(e, "get_block reads " + metaName(e.block()) + " (" + sectors(e.sector(), e.sectors()) + ")",
                    covers + "sb_bread sends this read and then waits for it"
                            + (plugOn ? ", and waiting flushes the plug." : "."), reason, Narration.IO);
        }
        if ("bh".equals(e.source())) {
            long page = e.page();
            switch (reason == null ? "" : reason) {
                case "write-boundary-block":
                    return n(e, "write_boundary_block writes " + metaName(e.block()) + " right behind the data",
                            "Block " + (e.block() - 1) + " carried BH_Boundary, so the next disk block is"
                                    + " probably the file's indirect block. It is cached and dirty, so it is"
                                    + " written now, next to the data, not after a seek back later.",
                            reason, Narration.IO);
                case "block-write-full-page":
                    return n(e, "Buffer write: disk block " + e.block() + " of page " + page + " ("
                                    + sectors(e.sector(), e.sectors()) + ")",
                            "The buffer path writes each dirty buffer as its own one-block bio; neighbours can"
                                    + " still merge" + (plugOn ? " in the plug." : " in the queue."),
                            reason, Narration.IO);
                case "block-read-full-page":
                    return n(e, "Buffer read: disk block " + e.block() + " for page " + page + " ("
                                    + sectors(e.sector(), e.sectors()) + ")",
                            "block_read_full_page sends one small bio per buffer that needs reading. "
                                    + (plugOn ? "Adjacent ones can still merge into one request in the plug."
                                    : "Without a plug each one goes to the disk as its own request."),
                            reason, Narration.IO);
                default:
                    return n(e, "submit_bh sends disk block " + e.block() + " (" + sectors(e.sector(),
                            e.sectors()) + ")", "One buffer becomes a one-block bio.", reason, Narration.IO);
            }
        }
        long bytes = 0;
        for (int len : e.lengths()) {
            bytes += len;
        }
        String head = "mpage sends bio #" + e.bio() + ": " + pages(list(e.pages())) + ", " + size(bytes)
                + " at sector " + e.sector() + " (" + submitTag(reason) + ")";
        return n(e, head, submitWhy(e, reason), reason, Narration.IO);
    }

    private String submitWhy(Events.BioSubmit e, String reason) {
        long endBlock = blockOfSector(e.sector() + e.sectors()) - 1;
        long cur = before.currentPage();
        List<Long> pageList = list(e.pages());
        long lastPage = pageList.isEmpty() ? cur : pageList.get(pageList.size() - 1);
        String last = cap(pageName(lastPage));
        int lastLen = e.lengths().length == 0 ? 0 : e.lengths()[e.lengths().length - 1];
        switch (reason == null ? "" : reason) {
            case "not-contiguous-with-bio": {
                long first = currentFirstBlock(cur);
                String start = first >= 0 ? cap(pageName(cur)) + " starts at disk block " + first + ", but bio #"
                        + e.bio() + " ends at block " + endBlock + ". "
                        : cap(pageName(cur)) + "'s first block does not come right after block " + endBlock
                        + ", where bio #" + e.bio() + " ends. ";
                return start + "A bio covers one unbroken run, so bio #" + e.bio() + " goes now and "
                        + pageName(cur) + " starts a new one.";
            }
            case "bio-full": {
                String word = refusalWords(null);
                if (before.event() instanceof Events.BioAddPage) {
                    word = refusalWords(((Events.BioAddPage) before.event()).refusal());
                }
                return "bio_add_page refused " + pageName(cur) + " (" + word + "). The full bio goes now, and mpage"
                        + " puts the page in a new one.";
            }
            case "boundary":
                return write ? writeBoundaryWhy(lastPage) : readBoundaryWhy();
            case "partial-page":
                return write
                        ? last + " straddles end of file: only its first " + size(lastLen)
                        + " is written. Nothing can follow it in this bio, so it goes now."
                        : last + " has data only in its first " + size(lastLen) + ": the rest is a"
                        + " hole or past end of file. Nothing can follow it in the same bio, so it goes now.";
            case "before-fallback":
                return write
                        ? cap(pageName(cur)) + " cannot be written through a bio, so the buffer path will take it."
                        + " The bio built so far goes first, so its pages are not held up."
                        : "mpage cannot put " + pageName(cur) + " in a bio, so it leaves the bio path for it."
                        + " The bio built so far goes first, so its pages are not held up.";
            case "end-of-call":
                return "No pages are left, so the last open bio goes now."
                        + (plugOn ? " It still waits in the plug until the plug is flushed."
                        : " With no plug it reaches the disk at once.");
            default:
                return "mpage hands the bio to submit_bio; the block layer turns it into a request.";
        }
    }

    private String readBoundaryWhy() {
        Events.GetBlock g = before.lastGetBlock();
        if (g == null || g.block() < 0 || g.count() <= 0) {
            return "get_block flagged the last block with BH_Boundary: mapping the next block needs an indirect"
                    + " block that likely sits right after it on disk. mpage sends what it has now, so the data"
                    + " goes to disk before that metadata read, not after.";
        }
        long logical = g.logical() + g.count() - 1;
        long disk = g.block() + g.count() - 1;
        Layout.MetadataBlock md = metaCovering(logical + 1);
        String indirect = md != null ? "indirect block " + md.block() : "an indirect block";
        String where = md != null && md.block() == disk + 1 ? ", which sits right after it on disk"
                : ", which likely sits close by on disk";
        return "get_block flagged logical block " + logical + " (disk " + disk + ") with BH_Boundary: mapping"
                + " the next block needs " + indirect + where + ". mpage sends what it has now, so the data"
                + " goes to disk before that metadata read, not after.";
    }

    private String writeBoundaryWhy(long page) {
        long block = -1;
        PageView pv = before.page(page);
        if (pv != null && pv.buffers() != null) {
            for (BufferView b : pv.buffers()) {
                if (has(b.state(), BhState.BOUNDARY) && has(b.state(), BhState.MAPPED)) {
                    block = b.block();
                }
            }
        }
        Events.GetBlock g = before.lastGetBlock();
        if (block < 0 && g != null && has(g.state(), BhState.BOUNDARY)) {
            block = g.block();
        }
        String blk = block >= 0 ? "block " + block : "last block";
        return cap(pageName(page)) + "'s " + blk + " carries BH_Boundary: the next block's mapping lives in an"
                + " indirect block that probably follows it on disk. mpage sends the bio now; then"
                + " write_boundary_block"
                + " writes " + (block >= 0 ? metaName(block + 1) : "that block") + " right behind it if it is"
                + " cached and dirty.";
    }

    /** Disk block of the current page's first block, from the last get_block run or its buffers; -1 if unknown. */
    private long currentFirstBlock(long page) {
        if (page < 0) {
            return -1;
        }
        PageView pv = before.page(page);
        if (pv != null && pv.buffers() != null && !pv.buffers().isEmpty()
                && has(pv.buffers().get(0).state(), BhState.MAPPED)) {
            return pv.buffers().get(0).block();
        }
        Events.GetBlock g = before.lastGetBlock();
        long first = firstLogical(page);
        if (g != null && g.ret() == 0 && g.block() >= 0) {
            if (g.logical() <= first && first < g.logical() + g.count()) {
                return g.block() + (first - g.logical());
            }
            if (g.create() && g.logical() >= first && g.logical() < first + blocksPerPage) {
                return g.block() - (g.logical() - first); // one block per call, contiguous so far
            }
        }
        return -1;
    }
}
