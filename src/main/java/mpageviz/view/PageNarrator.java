package mpageviz.view;

import static mpageviz.view.Wording.bioRef;
import static mpageviz.view.Wording.blocks;
import static mpageviz.view.Wording.has;
import static mpageviz.view.Wording.logicals;
import static mpageviz.view.Wording.size;
import static mpageviz.view.Wording.span;

import mpageviz.kernel.BhState;
import mpageviz.trace.Events;

/**
 * Pages: do_mpage_readpage or __mpage_writepage starting on a page, fresh pages being allocated, and bytes landing
 * in a page (from disk, as zeros, from cleancache or from get_block).
 */
final class PageNarrator extends StepNarrator {

    PageNarrator(RunState before, RunState after) {
        super(before, after);
    }

    Narration narrate(Events.PageBegin e) {
        long p = e.page();
        PageView pv = before.page(p);
        BioView open = before.buildingBio();
        String openTxt = null;
        if (open != null && !open.vecs().isEmpty()) {
            long endBlock = blockOfSector(open.sector() + open.bytes() / 512) - 1;
            openTxt = "Bio #" + open.id() + " is open and ends at disk block " + endBlock + ": page " + p
                    + " joins it only if its first block is " + (endBlock + 1) + ".";
        }
        if (write) {
            String first = pv != null && pv.buffers() != null
                    ? "The page has buffers: they must be mapped, dirty, uptodate and contiguous on disk"
                    + " (unmapped ones only at the end), or the page falls back."
                    : "The page has no buffers, so mpage maps each block with get_block(create=1),"
                    + " allocating any hole.";
            return n(e, "__mpage_writepage starts on page " + p, openTxt == null ? first : first + " " + openTxt,
                    null, Narration.INFO);
        }
        String first;
        Events.GetBlock g = before.lastGetBlock();
        long fl = firstLogical(p);
        if (pv != null && pv.buffers() != null) {
            first = "Page " + p + " already has buffer heads, so mpage will hand it to block_read_full_page.";
        } else if (has(before.mapBhState(), BhState.MAPPED) && g != null && g.block() >= 0 && g.line() == 219
                && g.logical() < fl && fl < g.logical() + g.count()) {
            first = "map_bh still holds the run from the last get_block (" + logicals(g.logical(), g.count())
                    + " on disk " + span(g.block(), g.count()) + "), so this page may need"
                    + " no get_block call.";
        } else if (has(before.mapBhState(), BhState.MAPPED)) {
            first = "map_bh still holds a mapped run from an earlier get_block, so this page may need no"
                    + " get_block call.";
        } else {
            first = "mpage will ask get_block where this page's blocks are on disk.";
        }
        return n(e, "do_mpage_readpage starts on page " + p, openTxt == null ? first : first + " " + openTxt,
                null, Narration.INFO);
    }

    Narration narrate(Events.PageCreate e) {
        String why;
        switch (e.fn()) {
            case "__do_page_cache_readahead":
                why = "Readahead allocates the pages it wants before calling mpage_readpages. They are not in"
                        + " the page cache yet: mpage adds each one as it goes.";
                break;
            case "page_cache_alloc_cold":
                why = "The page to read is not in the cache, so the caller allocates one and adds it, locked.";
                break;
            default:
                why = "The page is not in the cache, so the caller allocates a fresh one for the call.";
                break;
        }
        return n(e, "Page " + e.page() + " is allocated: a fresh, zero-filled page", why, null, Narration.INFO);
    }

    Narration narrate(Events.PageData e) {
        long p = e.page();
        String pg = "Page " + p;
        int buffer = blocksPerPage > 1 ? e.offset() / blockSize : -1;
        String bufTxt = buffer >= 0 && e.length() <= blockSize ? " (buffer " + buffer + ")" : "";
        switch (e.source()) {
            case "disk": {
                long count = Math.max(1, e.length() / blockSize);
                String head = e.offset() == 0 && e.length() == pageSize
                        ? pg + " is filled from disk " + blocks(e.block(), count)
                        : pg + " gets " + size(e.length()) + " from disk " + blocks(e.block(), count) + bufTxt;
                BioView b = bioHolding(before, p, BioView.DONE);
                String why = b != null && "bio".equals(b.source())
                        ? "The disk served " + bioRef(b) + "; its bytes land in the page before mpage_end_io"
                        + " runs."
                        : "The disk served this buffer's one-block bio; its bytes land in the page.";
                return n(e, head, why, null, Narration.IO);
            }
            case "zero":
                return zeroData(e, pg, bufTxt);
            case "cleancache":
                return n(e, "Cleancache fills page " + p + " with disk block " + e.block() + "'s data",
                        "Cleancache kept a clean copy of this page, so no disk read is needed.", null,
                        Narration.INFO);
            case "get-block":
                return n(e, "get_block copies disk block " + e.block() + " into page " + p + bufTxt,
                        "This filesystem fills the page during the lookup, so that block must not be read"
                                + " again.", null, Narration.INFO);
            default:
                return n(e, pg + " gets " + size(e.length()) + " of new bytes",
                        e.fn() + " wrote into the page.", null, Narration.INFO);
        }
    }

    private Narration zeroData(Events.PageData e, String pg, String bufTxt) {
        long p = e.page();
        switch (e.fn()) {
            case "do_mpage_readpage":
                if (e.offset() == 0) {
                    return n(e, pg + " is zero-filled", "None of its blocks is on disk, so zeros are its data.",
                            null, Narration.INFO);
                }
                return n(e, pg + " is zeroed from " + size(e.offset()) + " to its end",
                        "Its blocks from there on are holes or past end of file. mpage zeroes them instead of"
                                + " reading, so the bio takes only the first " + size(e.offset()) + ".",
                        null, Narration.INFO);
            case "__mpage_writepage":
            case "block_write_full_page":
                return n(e, "The tail of page " + p + " past end of file is zeroed",
                        "The page straddles i_size (" + layout.file().size() + " bytes). Bytes past it may"
                                + " hold junk from mmap, so they are zeroed before the write.", null,
                        Narration.INFO);
            case "block_read_full_page": {
                Events.GetBlock g = before.lastGetBlock();
                boolean failed = g != null && g.ret() != 0;
                String who = bufTxt.isEmpty() ? pg : "Buffer " + (e.offset() / blockSize) + " of page " + p;
                return n(e, who + " is zero-filled"
                                + (failed ? " after a failed lookup" : ": a hole"),
                        failed ? "get_block failed for that block, so it is zeroed and the page will carry"
                                + " PG_error."
                                : "A block with no disk block behind it (or past end of file) needs no read:"
                                + " zeros are its data.", null, failed ? Narration.ERROR : Narration.INFO);
            }
            default:
                return n(e, pg + ": " + size(e.length()) + " zeroed from offset " + size(e.offset()),
                        e.fn() + " cleared part of the page.", null, Narration.INFO);
        }
    }
}
