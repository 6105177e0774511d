package mpageviz.kernel;

import java.util.ArrayList;
import java.util.List;

import mpageviz.trace.Events;
import mpageviz.trace.Summary;

/**
 * The buffer-head paths of fs/buffer.c that mpage falls back to or calls (kernel-semantics.md §2–§4):
 * create_empty_buffers, submit_bh, ll_rw_block, block_read_full_page with end_buffer_async_read,
 * block_write_full_page with end_buffer_async_write, try_to_free_buffers and block_invalidatepage.
 */
public final class BufferIo {
    private final Kernel k;

    BufferIo(Kernel k) {
        this.k = k;
    }

    // ---------------------------------------------------------------- buffers on a page

    /**
     * create_empty_buffers: a ring of pageSize/blocksize unmapped buffers with {@code bState}; all become
     * uptodate when the page is, dirty when the page is.
     */
    public void createEmptyBuffers(Page page, int blocksize, int bState) {
        int n = k.pageSize / blocksize;
        int state = bState;
        if (page.has(PageFlag.UPTODATE)) {
            state |= BhState.UPTODATE.bit();
        }
        if (page.has(PageFlag.DIRTY)) {
            state |= BhState.DIRTY.bit();
        }
        BufferHead head = null;
        BufferHead prev = null;
        for (int i = 0; i < n; i++) {
            BufferHead bh = new BufferHead(k, BufferHead.Kind.PAGE, i);
            bh.page = page;
            bh.size = blocksize;
            bh.offset = i * blocksize;
            bh.state = state;
            if (head == null) {
                head = bh;
            } else {
                prev.thisPage = bh;
            }
            prev = bh;
        }
        prev.thisPage = head;
        page.attachBuffers(head);
        if (k.tracing) {
            k.emit(new Events.BuffersCreate(k.line, "create_empty_buffers", page.index, n, state));
        }
    }

    /** The page's buffers in ring order from the head. */
    public static List<BufferHead> ring(Page page) {
        List<BufferHead> out = new ArrayList<>();
        BufferHead head = page.buffers();
        BufferHead bh = head;
        do {
            out.add(bh);
            bh = bh.thisPage;
        } while (bh != head);
        return out;
    }

    /**
     * try_to_free_buffers: drop the page's buffers unless it is under writeback or one of them is dirty or
     * locked; a buffer's old write error is kept on the mapping first. On success PG_dirty is cancelled too.
     */
    public boolean tryToFreeBuffers(Page page) {
        String fn = "try_to_free_buffers";
        if (page.has(PageFlag.WRITEBACK)) {
            return false;
        }
        List<BufferHead> ring = ring(page);
        for (BufferHead bh : ring) {
            if (bh.is(BhState.WRITE_EIO) && page.mapping() != null) {
                page.mapping().setError(fn, -Errno.EIO);
            }
        }
        for (BufferHead bh : ring) {
            if (bh.is(BhState.DIRTY) || bh.is(BhState.LOCK)) {
                return false;
            }
        }
        page.detachBuffers();
        if (k.tracing) {
            k.emit(new Events.BuffersFree(k.line, fn, page.index));
        }
        page.clear("cancel_dirty_page", PageFlag.DIRTY);
        return true;
    }

    /**
     * block_invalidatepage(page, 0): forget every buffer's mapping and dirtiness, then try to release them.
     */
    void blockInvalidatepage(Page page) {
        String fn = "block_invalidatepage";
        if (!page.hasBuffers()) {
            return;
        }
        for (BufferHead bh : ring(page)) {
            bh.lock(fn);
            bh.clear(fn, BhState.DIRTY);
            bh.change(fn, 0, BhState.MAPPED.bit() | BhState.REQ.bit() | BhState.NEW.bit() | BhState.DELAY.bit());
            bh.unlock(fn);
        }
        tryToFreeBuffers(page);
    }

    // ---------------------------------------------------------------- single-buffer I/O

    /**
     * submit_bh: one buffer becomes a one-vec bio (never fails). {@code source} is "bh" for page buffers and
     * write_boundary_block, "meta" for get_block's metadata reads.
     */
    public void submitBh(int rw, BufferHead bh, String source, String reason) {
        String fn = "submit_bh";
        if (!bh.is(BhState.LOCK) || !bh.is(BhState.MAPPED)) {
            throw new KernelBug("submit_bh of " + bh.describe() + " that is not locked and mapped");
        }
        // BH_Req marks a buffer that has been submitted; rewriting it forgets an earlier write error.
        boolean resubmitted = bh.is(BhState.REQ);
        bh.set(fn, BhState.REQ);
        if (resubmitted && rw == Bio.WRITE) {
            bh.clear(fn, BhState.WRITE_EIO);
        }
        Bio bio = k.bioAllocNoFail(1);
        bio.rw = rw;
        bio.source = source;
        bio.bh = bh;
        bio.sector = bh.blocknr * (bh.size >> 9);
        bio.vecs.add(new Bio.Vec(bh.page, bh.bytes(), bh.bytesOffset(), (int) bh.size));
        bio.size = (int) bh.size;
        bio.endIo = b -> b.bh.endIo.endIo(b.bh, b.uptodate);
        Long pageIndex = bh.page == null ? null : bh.page.index;
        String rwName = bio.rwName();
        if (Bio.SOURCE_META.equals(source)) {
            k.recorder.submission(Summary.Submission.meta(rwName, bh.blocknr));
        } else {
            k.recorder.submission(Summary.Submission.bh(rwName, bh.blocknr, pageIndex));
        }
        if (k.tracing) {
            k.emit(new Events.BioSubmit(k.line, fn, bio.id, source, rwName, bio.sector, bio.sectors(),
                    new long[] {pageIndex == null ? -1 : pageIndex}, new int[] {bio.size}, reason, bh.blocknr,
                    pageIndex == null ? -1 : pageIndex));
        }
        k.blockLayer.submitBio(bio);
    }

    /** end_buffer_read_sync. */
    void endBufferReadSync(BufferHead bh, boolean ok) {
        String fn = "end_buffer_read_sync";
        if (ok) {
            bh.set(fn, BhState.UPTODATE);
        } else {
            bh.clear(fn, BhState.UPTODATE);
        }
        bh.unlock(fn);
    }

    /** end_buffer_write_sync. */
    void endBufferWriteSync(BufferHead bh, boolean ok) {
        String fn = "end_buffer_write_sync";
        if (ok) {
            bh.set(fn, BhState.UPTODATE);
        } else {
            bh.change(fn, BhState.WRITE_EIO.bit(), BhState.UPTODATE.bit());
        }
        bh.unlock(fn);
    }

    /** ll_rw_block(WRITE, 1, &bh): skip a locked buffer, write a dirty one, unlock a clean one. */
    void llRwBlockWrite(BufferHead bh) {
        String fn = "ll_rw_block";
        if (!bh.tryLock(fn)) {
            return;
        }
        if (bh.testClear(fn, BhState.DIRTY)) {
            bh.endIo = this::endBufferWriteSync;
            submitBh(Bio.WRITE, bh, Bio.SOURCE_BH, "write-boundary-block");
        } else {
            bh.unlock(fn);
        }
    }

    // ---------------------------------------------------------------- block_read_full_page

    /**
     * block_read_full_page: map each buffer that is neither uptodate nor mapped, zero holes, and read the rest
     * with one submit_bh per buffer; the last completion unlocks the page.
     */
    public int blockReadFullPage(Page page, GetBlock getBlock) {
        String fn = "block_read_full_page";
        if (!page.has(PageFlag.LOCKED)) {
            throw new KernelBug("block_read_full_page of unlocked page " + page.index);
        }
        int blocksize = k.blockSize;
        if (!page.hasBuffers()) {
            createEmptyBuffers(page, blocksize, 0);
        }
        long iblock = page.index << (k.pageShift - k.blkbits);
        long lblock = (k.mapping.iSize + blocksize - 1) >> k.blkbits;
        List<BufferHead> toRead = new ArrayList<>();
        boolean fullyMapped = true;
        int i = 0;
        for (BufferHead bh : ring(page)) {
            if (!bh.is(BhState.UPTODATE)) {
                boolean needsRead = true;
                if (!bh.is(BhState.MAPPED)) {
                    int err = 0;
                    fullyMapped = false;
                    if (iblock < lblock) {
                        bh.size = blocksize;
                        err = getBlock.getBlock(iblock, bh, false);
                        if (err != 0) {
                            page.set(fn, PageFlag.ERROR);
                        }
                    }
                    if (!bh.is(BhState.MAPPED)) {
                        // A hole, past EOF, or a failed lookup: zeros, and uptodate unless it failed.
                        page.zeroSegment(fn, i * blocksize, (i + 1) * blocksize);
                        if (err == 0) {
                            bh.set(fn, BhState.UPTODATE);
                        }
                        needsRead = false;
                    } else if (bh.is(BhState.UPTODATE)) {
                        needsRead = false; // get_block filled it synchronously
                    }
                }
                if (needsRead) {
                    toRead.add(bh);
                }
            }
            i++;
            iblock++;
        }
        if (fullyMapped) {
            page.set(fn, PageFlag.MAPPEDTODISK);
        }
        if (toRead.isEmpty()) {
            // Nothing to read: the page is done now, unless a lookup failed.
            if (!page.has(PageFlag.ERROR)) {
                page.set(fn, PageFlag.UPTODATE);
            }
            page.unlock(fn);
            return 0;
        }
        // Mark them all first so that an early completion cannot decide the page is finished.
        for (BufferHead bh : toRead) {
            bh.lock(fn);
            bh.endIo = this::endBufferAsyncRead;
            bh.set("mark_buffer_async_read", BhState.ASYNC_READ);
        }
        for (BufferHead bh : toRead) {
            if (bh.is(BhState.UPTODATE)) {
                endBufferAsyncRead(bh, true);
            } else {
                submitBh(Bio.READ, bh, Bio.SOURCE_BH, "block-read-full-page");
            }
        }
        return 0;
    }

    /** end_buffer_async_read: the last buffer of the page to finish sets it uptodate (if all went well) and unlocks. */
    void endBufferAsyncRead(BufferHead bh, boolean ok) {
        String fn = "end_buffer_async_read";
        if (!bh.is(BhState.ASYNC_READ)) {
            throw new KernelBug("end_buffer_async_read of " + bh.describe() + " without BH_Async_Read");
        }
        Page page = bh.page;
        if (ok) {
            bh.set(fn, BhState.UPTODATE);
        } else {
            bh.clear(fn, BhState.UPTODATE);
            page.set(fn, PageFlag.ERROR);
        }
        bh.change(fn, 0, BhState.ASYNC_READ.bit() | BhState.LOCK.bit());
        boolean pageUptodate = true;
        BufferHead tmp = bh;
        do {
            if (!tmp.is(BhState.UPTODATE)) {
                pageUptodate = false;
            }
            if (tmp.is(BhState.ASYNC_READ)) {
                return; // another buffer of this page is still in flight
            }
            tmp = tmp.thisPage;
        } while (tmp != bh);
        if (pageUptodate && !page.has(PageFlag.ERROR)) {
            page.set(fn, PageFlag.UPTODATE);
        }
        page.unlock(fn);
    }

    // ---------------------------------------------------------------- block_write_full_page

    /**
     * block_write_full_page (ext2's writepage): a page past EOF, or starting at EOF, is invalidated and dropped;
     * a straddling page has its tail zeroed; then __block_write_full_page.
     */
    public int blockWriteFullPage(Page page, GetBlock getBlock, WritebackControl wbc) {
        String fn = "block_write_full_page";
        long iSize = k.mapping.iSize;
        long endIndex = iSize >> k.pageShift;
        if (page.index < endIndex) {
            return blockWriteFullPageInner(page, getBlock, wbc);
        }
        int offset = (int) (iSize & (k.pageSize - 1));
        if (page.index >= endIndex + 1 || offset == 0) {
            blockInvalidatepage(page);
            page.unlock(fn);
            return 0;
        }
        page.zeroSegment(fn, offset, k.pageSize);
        return blockWriteFullPageInner(page, getBlock, wbc);
    }

    /** __block_write_full_page: map dirty buffers (allocating), lock and mark them, set writeback, submit. */
    private int blockWriteFullPageInner(Page page, GetBlock getBlock, WritebackControl wbc) {
        String fn = "__block_write_full_page";
        int blocksize = k.blockSize;
        long lastBlock = (k.mapping.iSize - 1) >> k.blkbits;
        if (!page.hasBuffers()) {
            createEmptyBuffers(page, blocksize, BhState.DIRTY.bit() | BhState.UPTODATE.bit());
        }
        List<BufferHead> ring = ring(page);
        long block = page.index << (k.pageShift - k.blkbits);
        int err = 0;
        for (BufferHead bh : ring) {
            if (block > lastBlock) {
                // Past EOF: nothing to write, and the bytes there are known (zero).
                bh.clear(fn, BhState.DIRTY);
                bh.set(fn, BhState.UPTODATE);
            } else if ((!bh.is(BhState.MAPPED) || bh.is(BhState.DELAY)) && bh.is(BhState.DIRTY)) {
                bh.size = blocksize;
                err = getBlock.getBlock(block, bh, true);
                if (err != 0) {
                    break;
                }
                bh.clear(fn, BhState.DELAY);
                if (bh.is(BhState.NEW)) {
                    bh.clear(fn, BhState.NEW);
                    k.bdevCache.unmapUnderlyingMetadata(bh.blocknr);
                }
            }
            block++;
        }
        if (err != 0) {
            return recover(page, ring, wbc, err);
        }
        for (BufferHead bh : ring) {
            if (!bh.is(BhState.MAPPED)) {
                continue;
            }
            if (wbc.syncAll()) {
                bh.lock(fn);
            } else if (!bh.tryLock(fn)) {
                wbc.redirtyPageForWritepage(page);
                continue;
            }
            if (bh.testClear(fn, BhState.DIRTY)) {
                markAsyncWrite(bh);
            } else {
                bh.unlock(fn);
            }
        }
        setPageWriteback(page);
        int underway = submitAsyncWrites(ring, false);
        page.unlock(fn);
        if (underway == 0) {
            endPageWriteback(page);
        }
        return 0;
    }

    /** The recover path: write what is mapped and dirty, drop the rest, record the error. */
    private int recover(Page page, List<BufferHead> ring, WritebackControl wbc, int err) {
        String fn = "__block_write_full_page";
        for (BufferHead bh : ring) {
            if (bh.is(BhState.MAPPED) && bh.is(BhState.DIRTY) && !bh.is(BhState.DELAY)) {
                bh.lock(fn);
                markAsyncWrite(bh);
            } else {
                bh.clear(fn, BhState.DIRTY);
            }
        }
        page.set(fn, PageFlag.ERROR);
        k.mapping.setError(fn, err);
        setPageWriteback(page);
        int underway = submitAsyncWrites(ring, true);
        page.unlock(fn);
        if (underway == 0) {
            endPageWriteback(page);
        }
        return err;
    }

    private void markAsyncWrite(BufferHead bh) {
        bh.endIo = this::endBufferAsyncWrite;
        bh.set("mark_buffer_async_write", BhState.ASYNC_WRITE);
    }

    private int submitAsyncWrites(List<BufferHead> ring, boolean clearDirty) {
        int underway = 0;
        for (BufferHead bh : ring) {
            if (bh.is(BhState.ASYNC_WRITE)) {
                if (clearDirty) {
                    bh.clear("__block_write_full_page", BhState.DIRTY);
                }
                submitBh(Bio.WRITE, bh, Bio.SOURCE_BH, "block-write-full-page");
                underway++;
            }
        }
        return underway;
    }

    /** end_buffer_async_write: an error is recorded on buffer, page and mapping; the last buffer ends writeback. */
    void endBufferAsyncWrite(BufferHead bh, boolean ok) {
        String fn = "end_buffer_async_write";
        if (!bh.is(BhState.ASYNC_WRITE)) {
            throw new KernelBug("end_buffer_async_write of " + bh.describe() + " without BH_Async_Write");
        }
        Page page = bh.page;
        if (ok) {
            bh.set(fn, BhState.UPTODATE);
        } else {
            page.mapping().setError(fn, -Errno.EIO);
            bh.change(fn, BhState.WRITE_EIO.bit(), BhState.UPTODATE.bit());
            page.set(fn, PageFlag.ERROR);
        }
        bh.change(fn, 0, BhState.ASYNC_WRITE.bit() | BhState.LOCK.bit());
        for (BufferHead tmp = bh.thisPage; tmp != bh; tmp = tmp.thisPage) {
            if (tmp.is(BhState.ASYNC_WRITE)) {
                return;
            }
        }
        endPageWriteback(page);
    }

    // ---------------------------------------------------------------- writeback state

    /** set_page_writeback: PG_writeback, the DIRTY tag dropped if the page is clean, the TOWRITE tag always. */
    public void setPageWriteback(Page page) {
        if (page.has(PageFlag.WRITEBACK)) {
            throw new KernelBug("set_page_writeback of page " + page.index + " already under writeback");
        }
        page.set("set_page_writeback", PageFlag.WRITEBACK);
        if (!page.has(PageFlag.DIRTY)) {
            page.tagDirty = false;
        }
        page.tagTowrite = false;
    }

    /** end_page_writeback: a BUG when the page is not under writeback. */
    public void endPageWriteback(Page page) {
        if (!page.has(PageFlag.WRITEBACK)) {
            throw new KernelBug("end_page_writeback of page " + page.index + " not under writeback");
        }
        page.clear("end_page_writeback", PageFlag.WRITEBACK);
    }
}
