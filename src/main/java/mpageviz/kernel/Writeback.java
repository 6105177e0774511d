package mpageviz.kernel;

import java.util.ArrayList;
import java.util.List;

import mpageviz.trace.Events;

/**
 * write_cache_pages (3.2–3.8, kernel-semantics.md §5.3): walk the mapping's DIRTY (or TOWRITE) tagged pages in
 * index order, 14 at a time, lock each, skip the ones that are clean, truncated or (WB_SYNC_NONE) under
 * writeback, clear the dirty bit and hand the page to the callback; stop on an error or an exhausted budget.
 */
public final class Writeback {
    /** AOP_WRITEPAGE_ACTIVATE: the callback left the page locked and wants it activated. */
    public static final int AOP_WRITEPAGE_ACTIVATE = 0x80000;
    private static final int PAGEVEC_SIZE = 14;

    /** The writepage callback (__mpage_writepage here). */
    @FunctionalInterface
    public interface Writepage {
        int write(Page page, WritebackControl wbc);
    }

    private final Kernel k;

    public Writeback(Kernel k) {
        this.k = k;
    }

    public int writeCachePages(WritebackControl wbc, Writepage writepage) {
        String fn = "write_cache_pages";
        AddressSpace mapping = k.mapping;
        int ret = 0;
        boolean done = false;
        long writebackIndex = 0;
        long index;
        long end;
        boolean cycled;
        boolean rangeWhole = false;
        if (wbc.rangeCyclic) {
            writebackIndex = mapping.writebackIndex;
            index = writebackIndex;
            cycled = index == 0;
            end = -1;
        } else {
            index = wbc.rangeStart >> k.pageShift;
            end = wbc.rangeEnd >> k.pageShift;
            rangeWhole = wbc.rangeStart == 0 && wbc.rangeEnd == WritebackControl.LLONG_MAX;
            cycled = true;
        }
        boolean towrite = wbc.syncAll || wbc.taggedWritepages;
        long doneIndex;
        while (true) {
            if (towrite) {
                tagPagesForWriteback(index, end);
            }
            doneIndex = index;
            while (!done && Long.compareUnsigned(index, end) <= 0) {
                List<Page> pvec = lookupTag(index, end, towrite);
                if (pvec.isEmpty()) {
                    break;
                }
                index = pvec.get(pvec.size() - 1).index + 1;
                for (Page page : pvec) {
                    if (Long.compareUnsigned(page.index, end) > 0) {
                        done = true;
                        break;
                    }
                    doneIndex = page.index;
                    page.lock(fn);
                    if (page.mapping() != mapping) {
                        note(page, "skip-truncated", wbc);
                        page.unlock(fn);
                        continue;
                    }
                    if (!page.has(PageFlag.DIRTY)) {
                        note(page, "skip-not-dirty", wbc);
                        page.unlock(fn);
                        continue;
                    }
                    if (page.has(PageFlag.WRITEBACK)) {
                        if (!wbc.syncAll) {
                            note(page, "skip-writeback", wbc);
                            page.unlock(fn);
                            continue;
                        }
                        note(page, "wait-writeback", wbc);
                        waitOnPageWriteback(page);
                    }
                    if (page.has(PageFlag.WRITEBACK)) {
                        throw new KernelBug("page " + page.index + " still under writeback after the wait");
                    }
                    if (!clearPageDirtyForIo(page)) {
                        note(page, "skip-clean", wbc);
                        page.unlock(fn);
                        continue;
                    }
                    note(page, "write", wbc);
                    ret = writepage.write(page, wbc);
                    if (ret != 0) {
                        if (ret == AOP_WRITEPAGE_ACTIVATE) {
                            page.unlock(fn);
                            ret = 0;
                        } else {
                            doneIndex = page.index + 1;
                            done = true;
                            note(page, "stop-error", wbc);
                            break;
                        }
                    }
                    if (--wbc.nrToWrite <= 0 && !wbc.syncAll) {
                        done = true;
                        note(page, "stop-budget", wbc);
                        break;
                    }
                }
            }
            if (!cycled && !done) {
                // Cyclic writeback wraps once: from 0 up to where it started.
                cycled = true;
                index = 0;
                end = writebackIndex - 1;
                continue;
            }
            break;
        }
        if (wbc.rangeCyclic || (rangeWhole && wbc.nrToWrite > 0)) {
            mapping.writebackIndex = doneIndex;
        }
        return ret;
    }

    /** clear_page_dirty_for_io: no user mappings here, so just test-and-clear PG_dirty. */
    public static boolean clearPageDirtyForIo(Page page) {
        return page.testClear("clear_page_dirty_for_io", PageFlag.DIRTY);
    }

    /**
     * wait_on_page_writeback for a page that was already under writeback when the call began: the sleep flushes
     * the plug, and that earlier writeback ends.
     */
    public void waitOnPageWriteback(Page page) {
        if (page.has(PageFlag.WRITEBACK)) {
            k.blockLayer.flushPlug("page-writeback");
            if (page.has(PageFlag.WRITEBACK)) {
                k.bufferIo.endPageWriteback(page);
            }
        }
    }

    private void tagPagesForWriteback(long index, long end) {
        for (Page p : k.mapping.pagesFrom(index)) {
            if (Long.compareUnsigned(p.index, end) > 0) {
                break;
            }
            if (p.tagDirty) {
                p.tagTowrite = true;
            }
        }
    }

    /** pagevec_lookup_tag: up to min(end - index, 13) + 1 tagged pages from {@code index}. */
    private List<Page> lookupTag(long index, long end, boolean towrite) {
        long span = end - index; // unsigned: end == -1 means no end
        long want = Long.compareUnsigned(span, PAGEVEC_SIZE - 1) < 0 ? span + 1 : PAGEVEC_SIZE;
        List<Page> out = new ArrayList<>(PAGEVEC_SIZE);
        for (Page p : k.mapping.pagesFrom(index)) {
            if (out.size() >= want) {
                break;
            }
            if (towrite ? p.tagTowrite : p.tagDirty) {
                out.add(p);
            }
        }
        return out;
    }

    private void note(Page page, String action, WritebackControl wbc) {
        if (k.tracing) {
            k.emit(new Events.Writeback(k.line, "write_cache_pages", page.index, action, wbc.nrToWrite));
        }
    }
}
