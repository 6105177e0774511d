package mpageviz.engine;

import java.util.ArrayList;
import java.util.List;

import mpageviz.kernel.BhState;
import mpageviz.kernel.Bio;
import mpageviz.kernel.BufferHead;
import mpageviz.kernel.BufferIo;
import mpageviz.kernel.Errno;
import mpageviz.kernel.GetBlock;
import mpageviz.kernel.Kernel;
import mpageviz.kernel.KernelBug;
import mpageviz.kernel.Page;
import mpageviz.kernel.PageFlag;
import mpageviz.kernel.Writeback;
import mpageviz.kernel.WritebackControl;
import mpageviz.trace.Events;
import mpageviz.trace.Summary;

/**
 * The port of fs/mpage.c (Linux 3.6, shared/reference/mpage.c), function by function and branch by branch:
 * mpage_end_io, mpage_bio_submit, mpage_alloc, map_buffer_to_page, do_mpage_readpage, mpage_readpages,
 * mpage_readpage, __mpage_writepage, mpage_writepages and mpage_writepage. Java has no goto, so each
 * {@code goto confused} is a {@code return confused(...)} and {@code alloc_new} is a loop; the order of every
 * test and side effect is the C order. {@link Kernel#line} follows the reference line numbers so that each event
 * says which line of mpage.c caused it.
 */
public final class MPage {
    private final Kernel k;
    private final GetBlock getBlock;
    private final BufferIo bufferIo;
    /** Why the last {@code confused} exit of __mpage_writepage gave up (for the caller of mpage_writepage). */
    private String lastConfusedReason;

    public MPage(Kernel k, GetBlock getBlock) {
        this.k = k;
        this.getBlock = getBlock;
        this.bufferIo = k.bufferIo;
    }

    public String lastConfusedReason() {
        return lastConfusedReason;
    }

    // ------------------------------------------------------------------ completion and bio helpers

    /**
     * mpage_end_io: walks the vecs from last to first. A read sets each page uptodate (or clears it and sets
     * PG_error) and unlocks it; a write records an error on the page and mapping and ends writeback. One bio's
     * status decides for all its pages, which is why mpage never puts a partially mapped page in a bio.
     */
    private void mpageEndIo(Bio bio) {
        String fn = "mpage_end_io";
        int saved = k.line;
        boolean uptodate = bio.uptodate;
        for (int i = bio.vecs.size() - 1; i >= 0; i--) {
            Page page = bio.vecs.get(i).page();
            if (bio.rw == Bio.READ) {
                if (uptodate) {
                    k.line = 56;
                    page.set(fn, PageFlag.UPTODATE);
                } else {
                    k.line = 58;
                    page.clear(fn, PageFlag.UPTODATE);
                    page.set(fn, PageFlag.ERROR);
                }
                k.line = 61;
                page.unlock(fn);
            } else {
                if (!uptodate) {
                    k.line = 64;
                    page.set(fn, PageFlag.ERROR);
                    if (page.mapping() != null) {
                        k.line = 66;
                        page.mapping().setError(fn, -Errno.EIO);
                    }
                }
                k.line = 68;
                bufferIo.endPageWriteback(page);
            }
        }
        k.line = saved;
    }

    /** mpage_bio_submit: set the completion, submit, and hand back NULL so the caller forgets the bio. */
    private Bio mpageBioSubmit(int rw, Bio bio, String reason) {
        bio.rw = rw;
        bio.endIo = this::mpageEndIo;
        List<Summary.Vec> vecs = new ArrayList<>(bio.vecs.size());
        for (Bio.Vec v : bio.vecs) {
            vecs.add(new Summary.Vec(v.page().index, v.length()));
        }
        k.recorder.submission(Summary.Submission.bio(bio.rwName(), bio.sector, vecs, reason));
        if (k.tracing) {
            long[] pages = new long[bio.vecs.size()];
            int[] lengths = new int[pages.length];
            for (int i = 0; i < pages.length; i++) {
                pages[i] = bio.vecs.get(i).page().index;
                lengths[i] = bio.vecs.get(i).length();
            }
            k.emit(new Events.BioSubmit(k.line, "mpage_bio_submit", bio.id, Bio.SOURCE_BIO, bio.rwName(), bio.sector,
                    bio.sectors(), pages, lengths, reason, -1, -1));
        }
        k.blockLayer.submitBio(bio);
        return null;
    }

    /**
     * mpage_alloc: one bio_alloc; a task in memory reclaim (PF_MEMALLOC) retries with half the vectors each time
     * until one succeeds or the count reaches zero.
     */
    private Bio mpageAlloc(long firstSector, int nrVecs) {
        String fn = "mpage_alloc";
        int saved = k.line;
        k.line = 88;
        Bio bio = k.bioAlloc(nrVecs, firstSector, fn);
        if (bio == null && k.memalloc) {
            k.line = 92;
            while (bio == null && (nrVecs /= 2) != 0) {
                bio = k.bioAlloc(nrVecs, firstSector, fn);
            }
        }
        k.line = saved;
        return bio;
    }

    /**
     * map_buffer_to_page: get_block returned an uptodate buffer; keep its mapping in the page's buffer so that
     * block_read_full_page need not ask again. A one-block page just becomes uptodate, with no buffers at all.
     */
    private void mapBufferToPage(Page page, BufferHead bh, int pageBlock) {
        String fn = "map_buffer_to_page";
        if (!page.hasBuffers()) {
            if (k.blkbits == k.pageShift && bh.is(BhState.UPTODATE)) {
                k.line = 126;
                page.set(fn, PageFlag.UPTODATE);
                return;
            }
            k.line = 129;
            bufferIo.createEmptyBuffers(page, 1 << k.blkbits, 0);
        }
        k.line = 134;
        BufferHead head = page.buffers();
        BufferHead pageBh = head;
        int block = 0;
        do {
            if (block == pageBlock) {
                pageBh.copyFrom(fn, bh);
                break;
            }
            pageBh = pageBh.thisPage;
            block++;
        } while (pageBh != head);
    }

    // ------------------------------------------------------------------ read side

    /** What mpage_readpages keeps between pages: the bio's last block and the map_bh cache of the last extent. */
    static final class ReadCursor {
        long lastBlockInBio;
        final BufferHead mapBh;
        long firstLogicalBlock;

        ReadCursor(BufferHead mapBh) {
            this.mapBh = mapBh;
        }
    }

    /**
     * do_mpage_readpage: map the page's blocks (reusing the previous get_block extent first), then add the page
     * to the current bio if they are contiguous on disk; anything unusual goes to {@code confused}.
     */
    Bio doMpageReadpage(Bio bio, Page page, int nrPages, ReadCursor c) {
        String fn = "do_mpage_readpage";
        final int blkbits = k.blkbits;
        final int blocksPerPage = k.blocksPerPage;
        final int blocksize = 1 << blkbits;
        final BufferHead mapBh = c.mapBh;
        long[] blocks = new long[blocksPerPage];
        int firstHole = blocksPerPage;
        boolean fullyMapped = true;
        k.line = 155;
        if (k.tracing) {
            k.emit(new Events.PageBegin(k.line, fn, page.index));
        }

        k.line = 175;
        if (page.hasBuffers()) {
            return confused(bio, page, "page-has-buffers");
        }

        long blockInFile = page.index << (k.pageShift - blkbits);
        long lastBlock = blockInFile + (long) nrPages * blocksPerPage;
        long lastBlockInFile = (k.mapping.iSize + blocksize - 1) >> blkbits;
        if (lastBlock > lastBlockInFile) {
            lastBlock = lastBlockInFile;
        }
        int pageBlock = 0;

        // The map_bh cache: the previous get_block may have mapped past the previous page.
        k.line = 188;
        long nblocks = mapBh.size >> blkbits;
        if (mapBh.is(BhState.MAPPED) && blockInFile > c.firstLogicalBlock
                && blockInFile < c.firstLogicalBlock + nblocks) {
            long mapOffset = blockInFile - c.firstLogicalBlock;
            long last = nblocks - mapOffset;
            long relativeBlock;
            for (relativeBlock = 0; relativeBlock != last && pageBlock != blocksPerPage; relativeBlock++) {
                blocks[pageBlock] = mapBh.blocknr + mapOffset + relativeBlock;
                pageBlock++;
                blockInFile++;
            }
            k.line = 201;
            if (k.tracing) {
                k.emit(new Events.MapBhReuse(k.line, fn, page.index, c.firstLogicalBlock + mapOffset,
                        mapBh.blocknr + mapOffset, relativeBlock));
            }
            if (relativeBlock == last) {
                // The extent is used up inside this page.
                k.line = 196;
                mapBh.clear(fn, BhState.MAPPED);
            }
        }

        // Then ask get_block for the rest of the page.
        mapBh.page = page;
        while (pageBlock < blocksPerPage) {
            k.line = 214;
            mapBh.setState(fn, 0);
            mapBh.size = 0;

            if (blockInFile < lastBlock) {
                mapBh.size = (lastBlock - blockInFile) << blkbits;
                k.line = 219;
                if (getBlock.getBlock(blockInFile, mapBh, false) != 0) {
                    return confused(bio, page, "get-block-error");
                }
                c.firstLogicalBlock = blockInFile;
            }

            if (!mapBh.is(BhState.MAPPED)) {
                // A hole (or past EOF): remember where the first one is and move on.
                k.line = 225;
                fullyMapped = false;
                if (firstHole == blocksPerPage) {
                    firstHole = pageBlock;
                }
                pageBlock++;
                blockInFile++;
                continue;
            }

            // The filesystem filled the block itself: keep its mapping on the page, read the rest per buffer.
            if (mapBh.is(BhState.UPTODATE)) {
                k.line = 240;
                mapBufferToPage(page, mapBh, pageBlock);
                return confused(bio, page, "get-block-uptodate");
            }

            k.line = 244;
            if (firstHole != blocksPerPage) {
                return confused(bio, page, "hole-then-data");
            }

            k.line = 248;
            if (pageBlock != 0 && blocks[pageBlock - 1] != mapBh.blocknr - 1) {
                return confused(bio, page, "discontiguous");
            }
            nblocks = mapBh.size >> blkbits;
            for (long relativeBlock = 0; ; relativeBlock++) {
                if (relativeBlock == nblocks) {
                    k.line = 253;
                    mapBh.clear(fn, BhState.MAPPED);
                    break;
                } else if (pageBlock == blocksPerPage) {
                    break;
                }
                blocks[pageBlock] = mapBh.blocknr + relativeBlock;
                pageBlock++;
                blockInFile++;
            }
        }

        if (firstHole != blocksPerPage) {
            k.line = 265;
            page.zeroSegment(fn, firstHole << blkbits, k.pageSize);
            if (firstHole == 0) {
                // All hole: the zeroed page is the data; no I/O, and the pending bio stays pending.
                k.line = 267;
                page.set(fn, PageFlag.UPTODATE);
                page.unlock(fn);
                return bio;
            }
        } else if (fullyMapped) {
            k.line = 272;
            page.set(fn, PageFlag.MAPPEDTODISK);
        }

        k.line = 275;
        if (fullyMapped && blocksPerPage == 1 && !page.has(PageFlag.UPTODATE) && cleancacheGetPage(page) == 0) {
            k.line = 277;
            page.set(fn, PageFlag.UPTODATE);
            return confused(bio, page, "cleancache-hit");
        }

        // Does the pending bio end right before this page's first block?
        k.line = 284;
        if (bio != null && c.lastBlockInBio != blocks[0] - 1) {
            k.line = 285;
            bio = mpageBioSubmit(Bio.READ, bio, "not-contiguous-with-bio");
        }

        int length;
        while (true) { // alloc_new:
            if (bio == null) {
                k.line = 289;
                bio = mpageAlloc(blocks[0] << (blkbits - 9), Math.min(nrPages, k.blockLayer.bioGetNrVecs()));
                if (bio == null) {
                    k.line = 293;
                    return confused(null, page, "bio-alloc-failed");
                }
            }
            length = firstHole << blkbits;
            k.line = 297;
            if (k.blockLayer.bioAddPage(bio, page, length, "bio_add_page") < length) {
                // The bio is full: send it and start another.
                k.line = 298;
                bio = mpageBioSubmit(Bio.READ, bio, "bio-full");
                continue;
            }
            break;
        }

        long relativeBlock = blockInFile - c.firstLogicalBlock;
        nblocks = mapBh.size >> blkbits;
        k.line = 304;
        boolean boundary = mapBh.is(BhState.BOUNDARY) && relativeBlock == nblocks;
        if (boundary || firstHole != blocksPerPage) {
            // BH_Boundary: the next mapping needs metadata I/O, so push what we have first. A partial page
            // ends the contiguous run.
            k.line = 306;
            bio = mpageBioSubmit(Bio.READ, bio, boundary ? "boundary" : "partial-page");
        } else {
            k.line = 308;
            c.lastBlockInBio = blocks[blocksPerPage - 1];
        }
        return bio;
    }

    private int cleancacheGetPage(Page page) {
        return k.cleancache() == null ? -1 : k.cleancache().getPage(page);
    }

    /**
     * The read side's {@code confused} label: send the pending bio, then let the buffer-head path read the page
     * block by block (or just unlock it when it is already uptodate).
     */
    private Bio confused(Bio bio, Page page, String reason) {
        String fn = "do_mpage_readpage";
        k.line = 313;
        if (bio != null) {
            k.line = 314;
            bio = mpageBioSubmit(Bio.READ, bio, "before-fallback");
        }
        if (!page.has(PageFlag.UPTODATE)) {
            k.line = 316;
            fallback(fn, page, reason);
            bufferIo.blockReadFullPage(page, getBlock);
        } else {
            k.line = 318;
            page.unlock(fn);
        }
        return bio;
    }

    private void fallback(String fn, Page page, String reason) {
        k.recorder.submission(Summary.Submission.fallback(page.index, reason));
        if (k.tracing) {
            k.emit(new Events.Fallback(k.line, fn, page.index, reason));
        }
    }

    /**
     * mpage_readpages: consume readahead's fresh pages in ascending index, add each to the page cache and read
     * it; pages another task cached first are skipped. The last bio is sent at the end.
     */
    public int readpages(List<Page> pages) {
        String fn = "mpage_readpages";
        k.line = 369;
        Bio bio = null;
        ReadCursor c = new ReadCursor(k.newMapBh());
        int nrPages = pages.size();
        if (k.tracing) {
            k.emit(new Events.CallBegin(k.line, fn, "readpages", nrPages));
        }
        for (int pageIdx = 0; pageIdx < nrPages; pageIdx++) {
            Page page = pages.get(pageIdx);
            k.line = 382;
            if (k.mapping.addToPageCacheLru(page) == 0) {
                k.line = 384;
                bio = doMpageReadpage(bio, page, nrPages - pageIdx, c);
            } else {
                skipped(page);
            }
        }
        if (bio != null) {
            k.line = 394;
            mpageBioSubmit(Bio.READ, bio, "end-of-call");
        }
        k.line = 395;
        if (k.tracing) {
            k.emit(new Events.CallEnd(k.line, fn, 0));
        }
        return 0;
    }

    private void skipped(Page page) {
        k.recorder.submission(Summary.Submission.skipped(page.index, "already-cached"));
        if (k.tracing) {
            k.emit(new Events.Skipped(k.line, "add_to_page_cache_lru", page.index, "already-cached"));
        }
    }

    /** mpage_readpage: one locked page, with a bio of its own sent before returning. */
    public int readpage(Page page) {
        String fn = "mpage_readpage";
        k.line = 404;
        if (k.tracing) {
            k.emit(new Events.CallBegin(k.line, fn, "readpage", 1));
        }
        ReadCursor c = new ReadCursor(k.newMapBh());
        k.line = 411;
        Bio bio = doMpageReadpage(null, page, 1, c);
        if (bio != null) {
            k.line = 414;
            mpageBioSubmit(Bio.READ, bio, "end-of-call");
        }
        k.line = 415;
        if (k.tracing) {
            k.emit(new Events.CallEnd(k.line, fn, 0));
        }
        return 0;
    }

    // ------------------------------------------------------------------ write side

    /** struct mpage_data: the bio being built across pages, where it ends, and what to do when confused. */
    static final class MpageData {
        Bio bio;
        long lastBlockInBio;
        final boolean useWritepage;

        MpageData(boolean useWritepage) {
            this.useWritepage = useWritepage;
        }
    }

    /**
     * __mpage_writepage: a page whose buffers are all mapped, dirty, uptodate and contiguous (or that has no
     * buffers and maps contiguously, allocating holes) goes into the bio; the rest go to {@code confused}.
     */
    int mpageWritepage(Page page, WritebackControl wbc, MpageData mpd) {
        String fn = "__mpage_writepage";
        Bio bio = mpd.bio;
        final int blkbits = k.blkbits;
        final int blocksPerPage = k.blocksPerPage;
        long[] blocks = new long[blocksPerPage];
        int pageBlock;
        int firstUnmapped = blocksPerPage;
        boolean boundary = false;
        long boundaryBlock = 0;
        final long iSize = k.mapping.iSize;
        k.line = 443;
        if (k.tracing) {
            k.emit(new Events.PageBegin(k.line, fn, page.index));
        }

        k.line = 467;
        if (page.hasBuffers()) {
            BufferHead head = page.buffers();
            BufferHead bh = head;
            // Only pages whose buffers are all mapped and dirty (with unmapped ones allowed at the end) qualify.
            pageBlock = 0;
            do {
                k.line = 474;
                if (bh.is(BhState.LOCK)) {
                    throw new KernelBug("__mpage_writepage found locked buffer " + bh.describe());
                }
                if (!bh.is(BhState.MAPPED)) {
                    // Unmapped and dirty: data written through mmap over a hole.
                    k.line = 480;
                    if (bh.is(BhState.DIRTY)) {
                        return confusedWrite(page, wbc, mpd, bio, "unmapped-dirty-buffer");
                    }
                    k.line = 482;
                    if (firstUnmapped == blocksPerPage) {
                        firstUnmapped = pageBlock;
                    }
                    continue;
                }
                k.line = 487;
                if (firstUnmapped != blocksPerPage) {
                    return confusedWrite(page, wbc, mpd, bio, "hole-then-data");
                }
                k.line = 490;
                if (!bh.is(BhState.DIRTY) || !bh.is(BhState.UPTODATE)) {
                    return confusedWrite(page, wbc, mpd, bio, "buffer-not-dirty-or-uptodate");
                }
                k.line = 492;
                if (pageBlock != 0 && bh.blocknr != blocks[pageBlock - 1] + 1) {
                    return confusedWrite(page, wbc, mpd, bio, "discontiguous");
                }
                k.line = 496;
                blocks[pageBlock++] = bh.blocknr;
                boundary = bh.is(BhState.BOUNDARY);
                if (boundary) {
                    boundaryBlock = bh.blocknr;
                }
            } while ((bh = bh.thisPage) != head);

            k.line = 505;
            if (firstUnmapped == 0) {
                // Buffers, but none mapped: the page was read over a hole by the buffer path.
                k.line = 514;
                return confusedWrite(page, wbc, mpd, bio, "all-buffers-unmapped");
            }
        } else {
            // No buffers: map the page here, one block per get_block call, allocating holes.
            k.line = 520;
            if (!page.has(PageFlag.UPTODATE)) {
                throw new KernelBug("__mpage_writepage of page " + page.index + " that is neither uptodate nor"
                        + " has buffers");
            }
            long blockInFile = page.index << (k.pageShift - blkbits);
            long lastBlock = (iSize - 1) >> blkbits;
            BufferHead mapBh = k.newMapBh();
            mapBh.page = page;
            for (pageBlock = 0; pageBlock < blocksPerPage; ) {
                k.line = 526;
                mapBh.setState(fn, 0);
                mapBh.size = 1L << blkbits;
                k.line = 528;
                if (getBlock.getBlock(blockInFile, mapBh, true) != 0) {
                    return confusedWrite(page, wbc, mpd, bio, "get-block-error");
                }
                if (mapBh.is(BhState.NEW)) {
                    k.line = 531;
                    k.bdevCache.unmapUnderlyingMetadata(mapBh.blocknr);
                }
                if (mapBh.is(BhState.BOUNDARY)) {
                    k.line = 534;
                    boundaryBlock = mapBh.blocknr;
                }
                k.line = 537;
                if (pageBlock != 0 && mapBh.blocknr != blocks[pageBlock - 1] + 1) {
                    return confusedWrite(page, wbc, mpd, bio, "discontiguous");
                }
                k.line = 541;
                blocks[pageBlock++] = mapBh.blocknr;
                boundary = mapBh.is(BhState.BOUNDARY);
                if (blockInFile == lastBlock) {
                    break;
                }
                blockInFile++;
            }
            if (pageBlock == 0) {
                throw new KernelBug("__mpage_writepage mapped no block of page " + page.index);
            }
            firstUnmapped = pageBlock;
        }

        // page_is_mapped:
        k.line = 553;
        long endIndex = iSize >> k.pageShift;
        if (page.index >= endIndex) {
            // The page straddles i_size: zero the tail on every write, it may be mmapped.
            int offset = (int) (iSize & (k.pageSize - 1));
            k.line = 565;
            if (page.index > endIndex || offset == 0) {
                return confusedWrite(page, wbc, mpd, bio, "beyond-eof");
            }
            k.line = 567;
            page.zeroSegment(fn, offset, k.pageSize);
        }

        k.line = 573;
        if (bio != null && mpd.lastBlockInBio != blocks[0] - 1) {
            k.line = 574;
            bio = mpageBioSubmit(Bio.WRITE, bio, "not-contiguous-with-bio");
        }

        int length;
        while (true) { // alloc_new:
            if (bio == null) {
                k.line = 578;
                bio = mpageAlloc(blocks[0] << (blkbits - 9), k.blockLayer.bioGetNrVecs());
                if (bio == null) {
                    k.line = 581;
                    return confusedWrite(page, wbc, mpd, null, "bio-alloc-failed");
                }
            }
            // Add the page before cleaning any buffer, so a failure above still finds them dirty.
            length = firstUnmapped << blkbits;
            k.line = 590;
            if (k.blockLayer.bioAddPage(bio, page, length, "bio_add_page") < length) {
                k.line = 591;
                bio = mpageBioSubmit(Bio.WRITE, bio, "bio-full");
                continue;
            }
            break;
        }

        if (page.hasBuffers()) {
            // The bio holds the page now: clean exactly the buffers it will write.
            k.line = 604;
            BufferHead head = page.buffers();
            BufferHead bh = head;
            int bufferCounter = 0;
            do {
                if (bufferCounter++ == firstUnmapped) {
                    break;
                }
                k.line = 607;
                bh.clear(fn, BhState.DIRTY);
                bh = bh.thisPage;
            } while (bh != head);

            k.line = 616;
            if (k.bufferHeadsOverLimit && page.has(PageFlag.UPTODATE)) {
                k.line = 617;
                bufferIo.tryToFreeBuffers(page);
            }
        }

        k.line = 620;
        if (page.has(PageFlag.WRITEBACK)) {
            throw new KernelBug("__mpage_writepage: page " + page.index + " already under writeback");
        }
        k.line = 621;
        bufferIo.setPageWriteback(page);
        k.line = 622;
        page.unlock(fn);
        k.line = 623;
        if (boundary || firstUnmapped != blocksPerPage) {
            k.line = 624;
            bio = mpageBioSubmit(Bio.WRITE, bio, boundary ? "boundary" : "partial-page");
            if (boundaryBlock != 0) {
                // The block after the boundary is likely the dirty indirect block: write it right behind.
                k.line = 626;
                k.bdevCache.writeBoundaryBlock(boundaryBlock);
            }
        } else {
            k.line = 630;
            mpd.lastBlockInBio = blocks[blocksPerPage - 1];
        }
        mpd.bio = bio;
        return 0;
    }

    /**
     * The write side's {@code confused} label: send the pending bio; mpage_writepages then writes the page with
     * the mapping's writepage (block_write_full_page), mpage_writepage returns -EAGAIN with the page locked.
     */
    private int confusedWrite(Page page, WritebackControl wbc, MpageData mpd, Bio bio, String reason) {
        k.line = 635;
        if (bio != null) {
            k.line = 636;
            bio = mpageBioSubmit(Bio.WRITE, bio, "before-fallback");
        }
        int ret;
        if (mpd.useWritepage) {
            k.line = 639;
            fallback("__mpage_writepage", page, reason);
            ret = bufferIo.blockWriteFullPage(page, getBlock, wbc);
        } else {
            lastConfusedReason = reason;
            mpd.bio = bio;
            return -Errno.EAGAIN;
        }
        k.line = 647;
        k.mapping.setError("mapping_set_error", ret);
        mpd.bio = bio;
        return ret;
    }

    /**
     * mpage_writepages: write_cache_pages with __mpage_writepage inside a plug, then the last bio. The mapping's
     * writepage serves the pages mpage cannot handle.
     */
    public int writepages(WritebackControl wbc) {
        String fn = "mpage_writepages";
        k.line = 673;
        if (k.tracing) {
            k.emit(new Events.CallBegin(k.line, fn, "writepages", k.mapping.pagesCount()));
        }
        k.line = 679;
        k.blockLayer.startPlug();
        int ret;
        if (getBlock == null) {
            // No get_block: the filesystem wants plain ->writepage for every page.
            k.line = 682;
            ret = genericWritepages(wbc);
        } else {
            MpageData mpd = new MpageData(true);
            k.line = 691;
            ret = new Writeback(k).writeCachePages(wbc, (page, w) -> {
                int r = mpageWritepage(page, w, mpd);
                k.line = 691;
                return r;
            });
            if (mpd.bio != null) {
                k.line = 693;
                mpageBioSubmit(Bio.WRITE, mpd.bio, "end-of-call");
            }
        }
        k.line = 695;
        k.blockLayer.finishPlug();
        k.line = 696;
        if (k.tracing) {
            k.emit(new Events.CallEnd(k.line, fn, ret));
        }
        return ret;
    }

    /**
     * generic_writepages: write_cache_pages with the mapping's writepage (block_write_full_page) for every page,
     * recording its errors on the mapping. Its own plug nests inside mpage_writepages' and so does nothing.
     */
    private int genericWritepages(WritebackControl wbc) {
        return new Writeback(k).writeCachePages(wbc, (page, w) -> {
            int r = bufferIo.blockWriteFullPage(page, getBlock, w);
            k.mapping.setError("generic_writepages", r);
            k.line = 682;
            return r;
        });
    }

    /** mpage_writepage: one page, no writepage fallback (-EAGAIN instead), its bio sent before returning. */
    public int writepage(Page page, WritebackControl wbc) {
        String fn = "mpage_writepage";
        k.line = 700;
        if (k.tracing) {
            k.emit(new Events.CallBegin(k.line, fn, "writepage", 1));
        }
        lastConfusedReason = null;
        MpageData mpd = new MpageData(false);
        k.line = 709;
        int ret = mpageWritepage(page, wbc, mpd);
        if (mpd.bio != null) {
            k.line = 711;
            mpageBioSubmit(Bio.WRITE, mpd.bio, "end-of-call");
        }
        k.line = 712;
        if (k.tracing) {
            k.emit(new Events.CallEnd(k.line, fn, ret));
        }
        return ret;
    }

    /** The caller's fallback after mpage_writepage returned -EAGAIN: the mapping's writepage, logged as such. */
    public int mappingWritepage(Page page, WritebackControl wbc, String reason) {
        fallback("writepage", page, reason);
        return bufferIo.blockWriteFullPage(page, getBlock, wbc);
    }
}
