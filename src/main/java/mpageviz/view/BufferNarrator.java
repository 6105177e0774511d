package mpageviz.view;

import static mpageviz.view.Wording.bhChange;
import static mpageviz.view.Wording.bhList;
import static mpageviz.view.Wording.bioRef;
import static mpageviz.view.Wording.cap;
import static mpageviz.view.Wording.has;
import static mpageviz.view.Wording.size;

import mpageviz.kernel.BhState;
import mpageviz.trace.Events;

/**
 * Buffer heads: a page's buffers being created, freed and changing state on the buffer-head read and write paths,
 * and the cached metadata blocks that get_block reads and write_boundary_block writes.
 */
final class BufferNarrator extends StepNarrator {

    BufferNarrator(RunState before, RunState after) {
        super(before, after);
    }

    Narration narrate(Events.BuffersCreate e) {
        String head = "Page " + e.page() + " gets " + e.count() + " buffer heads of " + size(blockSize)
                + (e.state() != 0 ? " (" + bhList(e.state()) + ")" : "");
        String why;
        if (e.line() == 129 || "map_buffer_to_page".equals(e.fn())) {
            why = "get_block returned one block uptodate, but the page holds several. Buffers let mpage record"
                    + " that block so block_read_full_page will not ask again.";
        } else if (write) {
            why = "The buffer path writes block by block, so the page needs one buffer head per block; they"
                    + " start dirty and uptodate, like the page.";
        } else {
            why = "block_read_full_page works one block at a time, so the page needs one buffer head per block.";
        }
        return n(e, head, why, null, Narration.INFO);
    }

    Narration narrate(Events.BuffersFree e) {
        return n(e, "Page " + e.page() + "'s buffer heads are freed",
                "buffer_heads_over_limit is set: too many buffer heads are in memory. This page's buffers are"
                        + " clean now, so try_to_free_buffers drops them.", null, Narration.INFO);
    }

    Narration narrate(Events.BufferState e) {
        String bh = "Buffer " + e.buffer() + " of page " + e.page();
        int set = e.set();
        int clr = e.clear();
        String generic = bh + " is now " + bhChange(set, clr);
        switch (e.fn()) {
            case "get_block":
                if (has(set, BhState.MAPPED) || e.block() >= 0) {
                    String to = e.block() >= 0 ? " to disk block " + e.block() : "";
                    boolean isNew = has(set, BhState.NEW);
                    return n(e, bh + (isNew ? " gets a newly allocated disk block"
                                    + (e.block() >= 0 ? ", " + e.block() : "") : " is mapped" + to),
                            write ? "The buffer path maps each dirty buffer that has no disk block yet"
                                    + " (create=1)."
                                    : "block_read_full_page asks get_block about each buffer that is neither"
                                    + " uptodate nor mapped.", null, Narration.INFO);
                }
                break;
            case "map_buffer_to_page":
                return n(e, bh + " takes get_block's answer: " + (e.block() >= 0 ? "disk block " + e.block()
                                + ", " : "") + bhList(set),
                        "map_buffer_to_page keeps this mapping on the page, so block_read_full_page will not"
                                + " ask get_block again for it.", null, Narration.INFO);
            case "block_read_full_page":
                if (has(set, BhState.UPTODATE)) {
                    return n(e, bh + " is a hole: zeros, uptodate",
                            "With no disk block behind it, the buffer's zeros are its data: no read needed.",
                            null, Narration.INFO);
                }
                if (has(set, BhState.LOCK)) {
                    return n(e, bh + " is locked for reading",
                            "Every buffer to read is locked and marked before any is sent, so an early"
                                    + " completion cannot finish the page too soon.", null, Narration.INFO);
                }
                break;
            case "mark_buffer_async_read":
                return n(e, bh + " is marked for an async read",
                        "Its completion will run end_buffer_async_read; the last buffer of the page to finish"
                                + " unlocks the page.", null, Narration.INFO);
            case "submit_bh":
                if (has(set, BhState.REQ)) {
                    return n(e, bh + " is submitted as its own bio",
                            "submit_bh turns one buffer into a one-block bio and sets BH_Req. Neighbouring"
                                    + " buffers can still merge in the plug.", null, Narration.INFO);
                }
                break;
            case "end_buffer_async_read":
                if (has(set, BhState.UPTODATE)) {
                    return n(e, bh + " now holds its data", "Its one-block read completed without error.",
                            null, Narration.DONE);
                }
                if (has(clr, BhState.UPTODATE)) {
                    return n(e, bh + "'s read failed", "The disk could not read its block; the page will get"
                            + " PG_error.", null, Narration.ERROR);
                }
                if (has(clr, BhState.LOCK) || has(clr, BhState.ASYNC_READ)) {
                    return n(e, bh + " is done reading and unlocked",
                            "If no other buffer of the page is still in flight, the page is finished too.",
                            null, Narration.INFO);
                }
                break;
            case "__mpage_writepage":
                if (has(clr, BhState.DIRTY)) {
                    BioView b = before.buildingBio();
                    return n(e, bh + " is clean: " + bioRef(b) + " will write it",
                            "mpage cleans only the buffers it is writing, and only once the page is safely in"
                                    + " the bio.", null, Narration.INFO);
                }
                break;
            case "__block_write_full_page":
                if (has(set, BhState.UPTODATE) && has(clr, BhState.DIRTY)) {
                    return n(e, bh + " lies past end of file: not written",
                            "Its bytes are outside i_size, so it is marked clean and uptodate (zeros) and"
                                    + " skipped.", null, Narration.INFO);
                }
                if (has(set, BhState.LOCK)) {
                    return n(e, bh + " is locked for writing",
                            "The buffer path locks each mapped buffer, then writes it only if it is dirty.",
                            null, Narration.INFO);
                }
                if (has(clr, BhState.DIRTY) && !bufferMappedAfter(e)) {
                    return n(e, bh + " loses its dirty data: it has no disk block",
                            "get_block could not map it, so it cannot be written; the buffer path drops its"
                                    + " data and records the error.", null, Narration.ERROR);
                }
                if (has(clr, BhState.DIRTY)) {
                    return n(e, bh + " will be written: its dirty bit is cleared",
                            "A dirty buffer is cleaned as it is queued for writing; a new write would dirty"
                                    + " it again.", null, Narration.INFO);
                }
                if (has(clr, BhState.LOCK)) {
                    return n(e, bh + " is clean: nothing to write, unlocked again",
                            "Only dirty buffers are written; a clean one is released at once.", null,
                            Narration.INFO);
                }
                if (has(clr, BhState.NEW)) {
                    return n(e, bh + " is no longer new",
                            "Its fresh block is now in use; any stale cached copy of it has been dropped.",
                            null, Narration.INFO);
                }
                break;
            case "mark_buffer_async_write":
                return n(e, bh + " is marked for an async write",
                        "end_buffer_async_write runs when its write completes; the page's last buffer done"
                                + " ends writeback.", null, Narration.INFO);
            case "end_buffer_async_write":
                if (has(set, BhState.WRITE_EIO) || has(clr, BhState.UPTODATE)) {
                    return n(e, bh + "'s write failed", "The block did not reach the disk: the buffer gets a"
                            + " write error and the page PG_error.", null, Narration.ERROR);
                }
                if (has(clr, BhState.LOCK) || has(clr, BhState.ASYNC_WRITE)) {
                    return n(e, bh + " is written and unlocked",
                            "Its one-block write completed. The page's last buffer to finish ends writeback.",
                            null, Narration.DONE);
                }
                break;
            case "block_invalidatepage":
                return n(e, bh + " is emptied: " + bhChange(set, clr),
                        "The page lies past end of file, so its buffers forget their blocks before they are"
                                + " dropped.", null, Narration.INFO);
            default:
                break;
        }
        String tone = has(set, BhState.WRITE_EIO) ? Narration.ERROR : Narration.INFO;
        return n(e, generic + (e.block() >= 0 ? " (disk block " + e.block() + ")" : ""),
                e.fn() + " changed the buffer's state bits.", null, tone);
    }

    private boolean bufferMappedAfter(Events.BufferState e) {
        PageView pv = after.page(e.page());
        if (pv == null || pv.buffers() == null || e.buffer() < 0 || e.buffer() >= pv.buffers().size()) {
            return true;
        }
        return has(pv.buffers().get(e.buffer()).state(), BhState.MAPPED);
    }

    Narration narrate(Events.MetaState e) {
        String m = cap(metaName(e.block()));
        int set = e.set();
        int clr = e.clear();
        switch (e.fn()) {
            case "__bread":
                if (has(set, BhState.LOCK)) {
                    return n(e, m + " is locked for a read",
                            "It is not in the buffer cache, so get_block's sb_bread locks it, sends a read and"
                                    + " waits for it.", null, Narration.INFO);
                }
                break;
            case "submit_bh":
                if (has(set, BhState.REQ)) {
                    return n(e, m + " is submitted", "submit_bh marks it BH_Req and sends it as a one-block bio.",
                            null, Narration.INFO);
                }
                break;
            case "end_buffer_read_sync":
                if (has(set, BhState.UPTODATE)) {
                    return n(e, m + " is read: cached and uptodate now",
                            "get_block can now look up the mappings stored in it; later lookups find it"
                                    + " cached.", null, Narration.DONE);
                }
                if (has(clr, BhState.UPTODATE)) {
                    return n(e, m + " could not be read", "Without it get_block cannot map the blocks it"
                            + " covers, so it fails with EIO.", null, Narration.ERROR);
                }
                if (has(clr, BhState.LOCK)) {
                    return n(e, m + " is unlocked: the waiting get_block wakes up",
                            "The read is over; get_block takes the mapping from it and goes on.", null,
                            Narration.INFO);
                }
                break;
            case "ll_rw_block":
                if (has(set, BhState.LOCK)) {
                    return n(e, m + " is locked for writing",
                            "write_boundary_block found it cached and dirty right after the boundary block;"
                                    + " ll_rw_block takes its lock without waiting.", null, Narration.INFO);
                }
                if (has(clr, BhState.DIRTY)) {
                    return n(e, m + " is clean: its write is starting",
                            "ll_rw_block clears the dirty bit as it sends the write.", null, Narration.INFO);
                }
                break;
            case "end_buffer_write_sync":
                if (has(set, BhState.WRITE_EIO) || has(clr, BhState.UPTODATE)) {
                    return n(e, m + "'s write failed", "The block did not reach the disk; it gets a write"
                            + " error.", null, Narration.ERROR);
                }
                return n(e, m + " is written and unlocked", "Its one-block write completed.", null,
                        Narration.DONE);
            case "unmap_underlying_metadata":
                return n(e, m + " will never be written: its block now holds file data",
                        "get_block just allocated this block for data. A stale cached metadata copy must not"
                                + " overwrite it, so it is cleaned and forgotten.", null, Narration.INFO);
            default:
                break;
        }
        return n(e, m + " is now " + bhChange(set, clr), e.fn() + " changed the cached block's state.", null,
                has(set, BhState.WRITE_EIO) ? Narration.ERROR : Narration.INFO);
    }
}
