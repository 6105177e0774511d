package mpageviz.ui.panel;

import mpageviz.kernel.BhState;
import mpageviz.kernel.PageFlag;

/** Definitions of every state the window colours, for tooltips and the legend. */
public final class Legend {
    private Legend() {
    }

    public static String pageFlag(PageFlag f) {
        switch (f) {
            case LOCKED:
                return "PG_locked: someone owns the page; for a read, I/O is in flight until it is unlocked.";
            case ERROR:
                return "PG_error: an I/O or get_block error happened on this page.";
            case UPTODATE:
                return "PG_uptodate: the page holds valid file data.";
            case DIRTY:
                return "PG_dirty: the page has data not yet written to disk.";
            case WRITEBACK:
                return "PG_writeback: a write of this page is in flight.";
            default:
                return "PG_mappedtodisk: every block of the page is allocated on disk.";
        }
    }

    public static String bufferState(BhState s) {
        switch (s) {
            case UPTODATE:
                return "BH_Uptodate: the buffer's bytes are valid";
            case DIRTY:
                return "BH_Dirty: the buffer must be written";
            case LOCK:
                return "BH_Lock: I/O is in flight on the buffer";
            case REQ:
                return "BH_Req: the buffer has been submitted at least once";
            case MAPPED:
                return "BH_Mapped: the buffer knows its disk block";
            case NEW:
                return "BH_New: get_block just allocated the block";
            case ASYNC_READ:
                return "BH_Async_Read: under end_buffer_async_read I/O";
            case ASYNC_WRITE:
                return "BH_Async_Write: under end_buffer_async_write I/O";
            case DELAY:
                return "BH_Delay: delayed allocation, no block yet";
            case BOUNDARY:
                return "BH_Boundary: mapping the next block needs metadata I/O";
            default:
                return "BH_Write_EIO: a write of the buffer failed";
        }
    }

    public static String bufferStates(int bits) {
        StringBuilder sb = new StringBuilder();
        for (BhState s : BhState.values()) {
            if ((bits & s.bit()) != 0) {
                sb.append(bufferState(s)).append('\n');
            }
        }
        return sb.length() == 0 ? "no state bits: the mapping is not known yet" : sb.toString().trim();
    }
}
