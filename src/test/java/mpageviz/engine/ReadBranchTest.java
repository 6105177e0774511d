package mpageviz.engine;

import static mpageviz.testutil.Expected.fallback;
import static mpageviz.testutil.Expected.flags;
import static mpageviz.testutil.Expected.meta;
import static mpageviz.testutil.Expected.page;
import static mpageviz.testutil.Expected.read;
import static mpageviz.testutil.Expected.readBh;
import static mpageviz.testutil.Expected.readBio;
import static mpageviz.testutil.Expected.skipped;
import static mpageviz.testutil.Expected.times;
import static mpageviz.testutil.Expected.vec;
import static mpageviz.testutil.Expected.vecs;
import static mpageviz.testutil.LayoutBuilder.layout;
import static mpageviz.testutil.PageBytes.ofBlocks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.testutil.PageBytes;
import mpageviz.testutil.Runs;
import mpageviz.trace.Event;
import mpageviz.trace.Events;
import mpageviz.trace.Summary;
import mpageviz.trace.Trace;

/**
 * Every branch of mpage_readpages, mpage_readpage and do_mpage_readpage (kernel-semantics.md §13.1, §13.2), each
 * checked by what a user sees: the bios and their reasons, the fallbacks, the requests in disk order, the final
 * page flags and bytes. Unless a test says otherwise: 4 KiB pages, 1 KiB blocks (disk block b = sectors 2b, 2b+1),
 * a plugged, merging block layer and a synthetic image.
 */
class ReadBranchTest {
    private static final int KB = 1024;
    private static final List<String> MAPPED_UPTODATE = flags("mappedtodisk", "uptodate");
    private static final List<String> UPTODATE = flags("uptodate");

    /** The logical blocks get_block was asked for, in call order. */
    private static List<Long> getBlockCalls(Trace t) {
        List<Long> out = new ArrayList<>();
        for (Events.GetBlock g : Runs.events(t, Events.GetBlock.class)) {
            out.add(g.logical());
        }
        return out;
    }

    /** Bio submissions between the start of page {@code a} and the start of page {@code b}. */
    private static int submitsBetweenPages(Trace t, long a, long b) {
        List<Event> ev = t.events();
        int from = Runs.indexOf(ev, 0, Events.PageBegin.class, p -> p.page() == a);
        int to = Runs.indexOf(ev, from, Events.PageBegin.class, p -> p.page() == b);
        int n = 0;
        for (int i = from; i < to; i++) {
            if (ev.get(i) instanceof Events.BioSubmit) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ mpage_readpages / mpage_readpage

    // RP1, RP2: add_to_page_cache_lru fails for page 1 (another task cached it); the pending bio goes on.
    @Test
    void rp1_pageAlreadyCached_isSkippedAndTheNextPageIsNotContiguous() {
        Layout l = layout().size(12 * KB).extent(0, 100, 12).alreadyCached(1).run(RunSpec.readpages(0, 3)).build();
        Summary s = Runs.summary(l);

        // Page 2's blocks 108.. do not follow page 0's 103, because page 1's blocks were never read.
        assertEquals(List.of(skipped(1), readBio(200, "not-contiguous-with-bio", vec(0)),
                readBio(216, "end-of-call", vec(2))), s.submissions());
        assertEquals(List.of(read(200, 8, "bio"), read(216, 8, "bio")), s.requests());
        assertEquals(List.of(page(0, MAPPED_UPTODATE, ofBlocks(100, 101, 102, 103)),
                page(2, MAPPED_UPTODATE, ofBlocks(108, 109, 110, 111))), s.pages());
    }

    // RP3: a bio still pending after the last page is sent by mpage_readpages itself.
    @Test
    void rp3_pendingBioAfterLastPage_isSentAtEndOfCall() {
        Layout l = layout().size(8 * KB).extent(0, 100, 8).run(RunSpec.readpages(0, 2)).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(readBio(200, "end-of-call", vec(0), vec(1))), s.submissions());
        assertEquals(List.of(read(200, 16, "bio")), s.requests());
    }

    // RP4: mpage_readpage (nr_pages = 1) sends its own bio before returning; a fresh page is read into.
    @Test
    void rp4_readpage_sendsItsBioAtEndOfCall() {
        Layout l = layout().size(8 * KB).extent(0, 100, 8).run(RunSpec.readpage(1)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of(readBio(208, "end-of-call", vec(1))), s.submissions());
        assertEquals(List.of(read(208, 8, "bio")), s.requests());
        assertEquals(List.of(page(1, MAPPED_UPTODATE, ofBlocks(104, 105, 106, 107))), s.pages());
        // nr_pages is 1: get_block is asked for one page's blocks only, and the bio gets one vec (capacity 4).
        Events.GetBlock g = Runs.events(t, Events.GetBlock.class).get(0);
        assertEquals(4, g.asked());
        Events.BioAlloc a = Runs.events(t, Events.BioAlloc.class).get(0);
        assertEquals(1, a.nr());
        assertEquals(4, a.maxVecs());
    }

    // ------------------------------------------------------------------ do_mpage_readpage

    // R1 (+ R19a): a page that already has buffers goes straight to block_read_full_page.
    @Test
    void r1_pageWithBuffers_fallsBackToBlockReadFullPage() {
        Layout l = layout().size(8 * KB).extent(0, 100, 8)
                .pageWithBuffers(1, List.of(), "mapped,uptodate@104", "mapped@105", "", "")
                .run(RunSpec.readpage(1)).build();
        Summary s = Runs.summary(l);

        // Buffer 0 is uptodate: kept as it is (the page's starting bytes). Buffer 1 is mapped: read.
        // Buffers 2 and 3 are mapped by get_block(L6), get_block(L7), then read. One submit_bh each, merged.
        assertEquals(List.of(fallback(1, "page-has-buffers"), readBh(105, 1), readBh(106, 1), readBh(107, 1)),
                s.submissions());
        assertEquals(List.of(read(210, 6, times(3, "bh"))), s.requests());
        // Not mappedtodisk: buffers 2 and 3 were unmapped when block_read_full_page reached them.
        PageBytes bytes = PageBytes.cached(1, 4096, KB).blocks(1, 105, 106, 107);
        assertEquals(List.of(page(1, UPTODATE, bytes)), s.pages());
    }

    // R2, R2b, R2c, R9b, R11, R18: one get_block extent serves three pages; only the first page asks.
    @Test
    void r2_cachedExtent_isReusedByLaterPagesWithoutGetBlock() {
        Layout l = layout().size(12 * KB).extent(0, 100, 12).run(RunSpec.readpages(0, 3)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        // Page 0 asks for all 12 remaining blocks (R2c: nothing cached yet) and gets them in one extent.
        assertEquals(List.of(0L), getBlockCalls(t));
        assertEquals(12, Runs.events(t, Events.GetBlock.class).get(0).count());
        // Page 1 reuses L4..L7 (R2, R2b: the extent outlives the page), page 2 reuses L8..L11.
        List<Events.MapBhReuse> reuse = Runs.events(t, Events.MapBhReuse.class);
        assertEquals(2, reuse.size());
        assertEquals(List.of(1L, 4L, 104L, 4L),
                List.of(reuse.get(0).page(), reuse.get(0).logical(), reuse.get(0).block(), reuse.get(0).count()));
        assertEquals(List.of(2L, 8L, 108L, 4L),
                List.of(reuse.get(1).page(), reuse.get(1).logical(), reuse.get(1).block(), reuse.get(1).count()));
        // R18: every page leaves the bio pending; one bio, one request.
        assertEquals(List.of(readBio(200, "end-of-call", vecs(0, 2))), s.submissions());
        assertEquals(List.of(read(200, 24, "bio")), s.requests());
        assertEquals(List.of(page(0, MAPPED_UPTODATE, ofBlocks(100, 101, 102, 103)),
                page(1, MAPPED_UPTODATE, ofBlocks(104, 105, 106, 107)),
                page(2, MAPPED_UPTODATE, ofBlocks(108, 109, 110, 111))), s.pages());
    }

    // R2 after R7: page 1 falls back, but the extent get_block(L5) mapped (105..111) stays in map_bh, and page 2
    // takes L8..L11 from it without asking get_block.
    @Test
    void r2_extentMappedByAConfusedPage_isStillReusedByTheNextPage() {
        Layout l = layout().size(12 * KB).extent(0, 100, 4).extent(5, 105, 7).run(RunSpec.readpages(0, 3)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        // mpage: L0, L4 (hole), L5 (7 blocks); block_read_full_page: L4, L5, L6, L7; page 2: nothing.
        assertEquals(List.of(0L, 4L, 5L, 4L, 5L, 6L, 7L), getBlockCalls(t));
        Events.MapBhReuse reuse = Runs.events(t, Events.MapBhReuse.class).get(0);
        assertEquals(List.of(2L, 8L, 108L, 4L), List.of(reuse.page(), reuse.logical(), reuse.block(), reuse.count()));
        assertEquals(List.of(readBio(200, "before-fallback", vec(0)), fallback(1, "hole-then-data"),
                readBh(105, 1), readBh(106, 1), readBh(107, 1), readBio(216, "end-of-call", vec(2))),
                s.submissions());
        // Page 2's bio (216..) back-merges behind the buffers' request (210..215).
        assertEquals(List.of(read(200, 8, "bio"), read(210, 14, "bh", "bh", "bh", "bio")), s.requests());
        assertEquals(List.of(page(0, MAPPED_UPTODATE, ofBlocks(100, 101, 102, 103)),
                page(1, UPTODATE, PageBytes.fresh(4096, KB).blocks(1, 105, 106, 107)),
                page(2, MAPPED_UPTODATE, ofBlocks(108, 109, 110, 111))), s.pages());
    }

    // R2a, R5, R10b, R17: the cached extent ends inside page 1; get_block is asked for the rest and finds holes.
    @Test
    void r2a_extentUsedUpMidPage_getBlockMapsTheRestAndTrailingHolesMakeAPartialPage() {
        Layout l = layout().size(8 * KB).extent(0, 100, 6).run(RunSpec.readpages(0, 2)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        // L0 (for 8 blocks, gets 6), then L6 and L7 (holes) for page 1 after it reused L4, L5.
        assertEquals(List.of(0L, 6L, 7L), getBlockCalls(t));
        Events.MapBhReuse reuse = Runs.events(t, Events.MapBhReuse.class).get(0);
        assertEquals(List.of(1L, 4L, 104L, 2L), List.of(reuse.page(), reuse.logical(), reuse.block(), reuse.count()));
        // Page 1 goes in with 2048 bytes (first_hole = 2) and is sent at once (R17).
        assertEquals(List.of(readBio(200, "partial-page", vec(0), vec(1, 2048))), s.submissions());
        assertEquals(List.of(read(200, 12, "bio")), s.requests());
        // R10b: bytes from the first hole on are zero; not mappedtodisk (R5 cleared fully_mapped).
        assertEquals(List.of(page(0, MAPPED_UPTODATE, ofBlocks(100, 101, 102, 103)),
                page(1, UPTODATE, ofBlocks(104, 105).zeroFrom(2048))), s.pages());
    }

    // R2c: a gap in the page list beyond the cached extent; reuse is skipped and get_block is asked again.
    @Test
    void r2c_pageBeyondCachedExtent_callsGetBlockAgain() {
        Layout l = layout().size(16 * KB).extent(0, 100, 16).run(RunSpec.readpages(List.of(0L, 3L))).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        // Page 0 asks for last_block - 0 = 2 pages * 4 = 8 blocks; page 3 (L12) lies past that extent.
        List<Events.GetBlock> calls = Runs.events(t, Events.GetBlock.class);
        assertEquals(2, calls.size());
        assertEquals(List.of(0L, 8L, 8L), List.of(calls.get(0).logical(), calls.get(0).asked(), calls.get(0).count()));
        assertEquals(List.of(12L, 4L), List.of(calls.get(1).logical(), calls.get(1).asked()));
        assertTrue(Runs.events(t, Events.MapBhReuse.class).isEmpty());
        assertEquals(List.of(readBio(200, "not-contiguous-with-bio", vec(0)), readBio(224, "end-of-call", vec(3))),
                s.submissions());
    }

    // R3, R10b, R17: i_size ends inside page 1; its blocks at or past EOF are not even asked for.
    @Test
    void r3_blocksPastEof_areHolesWithoutGetBlock() {
        Layout l = layout().size(5 * KB + 100).extent(0, 100, 6).run(RunSpec.readpages(0, 2)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        // last_block = ceil(5220 / 1024) = 6: page 0's get_block asks for 6 blocks; L6, L7 are never asked.
        assertEquals(List.of(0L), getBlockCalls(t));
        assertEquals(6, Runs.events(t, Events.GetBlock.class).get(0).asked());
        assertEquals(List.of(readBio(200, "partial-page", vec(0), vec(1, 2048))), s.submissions());
        assertEquals(List.of(read(200, 12, "bio")), s.requests());
        // Block 105 is read whole (the bytes past i_size inside it come from disk); from 2048 on: zero.
        assertEquals(List.of(page(0, MAPPED_UPTODATE, ofBlocks(100, 101, 102, 103)),
                page(1, UPTODATE, ofBlocks(104, 105).zeroFrom(2048))), s.pages());
    }

    // R4, R19, R19a: get_block fails for page 1's first block; the pending bio is sent, the page read per buffer.
    @Test
    void r4_getBlockError_sendsPendingBioAndFallsBackWithPageError() {
        Layout l = layout().size(8 * KB).extent(0, 100, 4).extent(4, 200, 4).error(4, "EIO")
                .run(RunSpec.readpages(0, 2)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        // block_read_full_page asks again for L4 (fails again), then maps L5..L7 one by one.
        assertEquals(List.of(0L, 4L, 4L, 5L, 6L, 7L), getBlockCalls(t));
        assertEquals(List.of(readBio(200, "before-fallback", vec(0)), fallback(1, "get-block-error"),
                readBh(201, 1), readBh(202, 1), readBh(203, 1)), s.submissions());
        assertEquals(List.of(read(200, 8, "bio"), read(402, 6, times(3, "bh"))), s.requests());
        // The failed buffer is zeroed and never uptodate: the page ends with PG_error, not uptodate, unlocked.
        assertEquals(List.of(page(0, MAPPED_UPTODATE, ofBlocks(100, 101, 102, 103)),
                page(1, flags("error"), PageBytes.fresh(4096, KB).blocks(1, 201, 202, 203))), s.pages());
    }

    // R4 (metadata): the indirect block 108 cannot be read (bad sectors): get_block fails with EIO. The pending
    // bio was already sent (boundary); block_read_full_page asks again for each buffer, and each ask re-reads the
    // still-not-uptodate indirect block, which fails again.
    @Test
    void r4_indirectBlockReadFails_fallsBackAndEachBufferRetriesTheRead() {
        Layout l = layout().size(12 * KB).extent(0, 100, 8).extent(8, 109, 4).boundary(7)
                .metadata(108, 8, 11, false, false).badSectors(216, 2).run(RunSpec.readpages(0, 3)).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(readBio(200, "boundary", vec(0), vec(1)), meta(108), fallback(2, "get-block-error"),
                meta(108), meta(108), meta(108), meta(108)), s.submissions());
        assertEquals(List.of(read(200, 18, "bio", "meta"), read(216, 2, "meta"), read(216, 2, "meta"),
                read(216, 2, "meta"), read(216, 2, "meta")), s.requests());
        assertEquals(List.of(page(0, MAPPED_UPTODATE, ofBlocks(100, 101, 102, 103)),
                page(1, MAPPED_UPTODATE, ofBlocks(104, 105, 106, 107)),
                page(2, flags("error"), PageBytes.fresh(4096, KB))), s.pages());
        assertEquals(new Summary.Stats(1, 5, 1, 2 + 3 * 2), s.stats());
    }

    // R6, M2, M3, R19a: get_block fills L0 itself (uptodate); its mapping is kept in the page's buffer 0.
    @Test
    void r6_getBlockUptodateWithSmallBlocks_keepsThatBufferAndReadsTheRest() {
        Layout l = layout().size(4 * KB).extent(0, 100, 4).uptodate(0).run(RunSpec.readpages(0, 1)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        // L0 is not asked again by block_read_full_page: buffer 0 is mapped and uptodate already.
        assertEquals(List.of(0L, 1L, 2L, 3L), getBlockCalls(t));
        assertEquals(List.of(fallback(0, "get-block-uptodate"), readBh(101, 0), readBh(102, 0), readBh(103, 0)),
                s.submissions());
        assertEquals(List.of(read(202, 6, times(3, "bh"))), s.requests());
        // Block 100's bytes came from get_block's copy; buffers 1..3 were unmapped on entry: no mappedtodisk.
        assertEquals(List.of(page(0, UPTODATE, ofBlocks(100, 101, 102, 103))), s.pages());
    }

    // R6, M1, R19b: 4 KiB blocks: an uptodate get_block result makes the page uptodate; no I/O, no fallback.
    @Test
    void r6_getBlockUptodateWithPageSizedBlocks_onlyUnlocksThePage() {
        Layout l = layout().geometry(4096, 4096).size(8 * KB).extent(0, 50, 2).uptodate(0)
                .run(RunSpec.readpages(0, 2)).build();
        Summary s = Runs.summary(l);

        // Page 1 reuses the extent's second block (51) and is read by an ordinary bio (sector 51 * 8).
        assertEquals(List.of(readBio(408, "end-of-call", vec(1))), s.submissions());
        assertEquals(List.of(read(408, 8, "bio")), s.requests());
        // Page 0: uptodate from get_block's copy of block 50; map_buffer_to_page returned before mappedtodisk.
        assertEquals(List.of(page(0, UPTODATE, PageBytes.fresh(4096, 4096).blocks(0, 50)),
                page(1, MAPPED_UPTODATE, PageBytes.fresh(4096, 4096).blocks(0, 51))), s.pages());
    }

    // R7, R5, R19: a hole followed by a mapped block in page 1.
    @Test
    void r7_holeThenData_fallsBackToBlockReadFullPage() {
        Layout l = layout().size(8 * KB).extent(0, 100, 4).extent(5, 105, 3).run(RunSpec.readpages(0, 2)).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(readBio(200, "before-fallback", vec(0)), fallback(1, "hole-then-data"),
                readBh(105, 1), readBh(106, 1), readBh(107, 1)), s.submissions());
        // Block 104 is a hole: the bh requests start at 210, not adjacent to the bio's 200..207.
        assertEquals(List.of(read(200, 8, "bio"), read(210, 6, times(3, "bh"))), s.requests());
        assertEquals(List.of(page(0, MAPPED_UPTODATE, ofBlocks(100, 101, 102, 103)),
                page(1, UPTODATE, PageBytes.fresh(4096, KB).blocks(1, 105, 106, 107))), s.pages());
    }

    // R8, R2a, R19: page 1 reuses L4, L5 (104, 105) but L6 lives at 300: not contiguous within the page.
    @Test
    void r8_discontiguousBlocksInPage_fallBackAndBuffersMergeInThePlug() {
        Layout l = layout().size(8 * KB).extent(0, 100, 6).extent(6, 300, 2).run(RunSpec.readpages(0, 2)).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(readBio(200, "before-fallback", vec(0)), fallback(1, "discontiguous"),
                readBh(104, 1), readBh(105, 1), readBh(300, 1), readBh(301, 1)), s.submissions());
        // Buffers 104, 105 back-merge onto the plugged bio request (ends at sector 208); 300, 301 make another.
        assertEquals(List.of(read(200, 12, "bio", "bh", "bh"), read(600, 4, "bh", "bh")), s.requests());
        // One mpage bio, two requests, one fallback page; the head moves from sector 212 to 600.
        assertEquals(new Summary.Stats(1, 2, 1, 388), s.stats());
        assertEquals(List.of(page(0, MAPPED_UPTODATE, ofBlocks(100, 101, 102, 103)),
                page(1, UPTODATE, ofBlocks(104, 105, 300, 301))), s.pages());
    }

    // R9a: get_block maps only 2 blocks at a time (maxBlocks); the extent is used up and get_block asked again.
    @Test
    void r9a_shortExtents_areChainedWithinThePage() {
        Layout l = layout().size(4 * KB).extent(0, 100, 4).maxBlocks(2).run(RunSpec.readpages(0, 1)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        List<Events.GetBlock> calls = Runs.events(t, Events.GetBlock.class);
        assertEquals(2, calls.size());
        assertEquals(List.of(0L, 4L, 2L), List.of(calls.get(0).logical(), calls.get(0).asked(), calls.get(0).count()));
        assertEquals(List.of(2L, 2L, 2L), List.of(calls.get(1).logical(), calls.get(1).asked(), calls.get(1).count()));
        assertEquals(List.of(readBio(200, "end-of-call", vec(0))), s.submissions());
        assertEquals(List.of(page(0, MAPPED_UPTODATE, ofBlocks(100, 101, 102, 103))), s.pages());
    }

    // R10a: page 1 is all hole: zeroed and uptodate with no I/O, and the pending bio is NOT sent.
    @Test
    void r10a_wholePageHole_isZeroedWithoutBreakingThePendingBio() {
        Layout l = layout().size(12 * KB).extent(0, 100, 4).extent(8, 104, 4).run(RunSpec.readpages(0, 3)).build();
        Summary s = Runs.summary(l);

        // Page 2's first block (104) follows page 0's last (103), so page 2 joins page 0's bio.
        assertEquals(List.of(readBio(200, "end-of-call", vec(0), vec(2))), s.submissions());
        assertEquals(List.of(read(200, 16, "bio")), s.requests());
        assertEquals(List.of(page(0, MAPPED_UPTODATE, ofBlocks(100, 101, 102, 103)),
                page(1, UPTODATE, PageBytes.fresh(4096, KB)),
                page(2, MAPPED_UPTODATE, ofBlocks(104, 105, 106, 107))), s.pages());
    }

    // R10b, R5, R17: a trailing hole inside the file (sparse, not EOF) makes page 0 partial.
    @Test
    void r10b_trailingHole_sendsPartialPageAtOnce() {
        Layout l = layout().size(8 * KB).extent(0, 100, 2).extent(4, 104, 4).run(RunSpec.readpages(0, 2)).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(readBio(200, "partial-page", vec(0, 2048)), readBio(208, "end-of-call", vec(1))),
                s.submissions());
        // The partial bio ends at sector 204; page 1's bio starts at 208: two requests.
        assertEquals(List.of(read(200, 4, "bio"), read(208, 8, "bio")), s.requests());
        assertEquals(List.of(page(0, UPTODATE, ofBlocks(100, 101).zeroFrom(2048)),
                page(1, MAPPED_UPTODATE, ofBlocks(104, 105, 106, 107))), s.pages());
    }

    // R12, R19, R19b: 4 KiB blocks and cleancache holds page 1: filled from cleancache, pending bio sent first.
    @Test
    void r12_cleancacheHit_sendsPendingBioAndReadsNothingForThePage() {
        Layout l = layout().geometry(4096, 4096).size(12 * KB).extent(0, 50, 3).cleancache(1)
                .run(RunSpec.readpages(0, 3)).build();
        Summary s = Runs.summary(l);

        // No fallback record: the confused exit only unlocks the (now uptodate) page.
        assertEquals(List.of(readBio(400, "before-fallback", vec(0)), readBio(416, "end-of-call", vec(2))),
                s.submissions());
        assertEquals(List.of(read(400, 8, "bio"), read(416, 8, "bio")), s.requests());
        assertEquals(List.of(page(0, MAPPED_UPTODATE, PageBytes.fresh(4096, 4096).blocks(0, 50)),
                page(1, MAPPED_UPTODATE, PageBytes.fresh(4096, 4096).blocks(0, 51)),
                page(2, MAPPED_UPTODATE, PageBytes.fresh(4096, 4096).blocks(0, 52))), s.pages());
    }

    // R12 not taken: with 1 KiB blocks (blocks_per_page = 4) cleancache is never asked, even for a page it holds.
    @Test
    void r12_smallBlocks_cleancacheIsNotConsulted() {
        Layout l = layout().size(4 * KB).extent(0, 100, 4).cleancache(0).run(RunSpec.readpages(0, 1)).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(readBio(200, "end-of-call", vec(0))), s.submissions());
        assertEquals(List.of(read(200, 8, "bio")), s.requests());
        assertEquals(List.of(page(0, MAPPED_UPTODATE, ofBlocks(100, 101, 102, 103))), s.pages());
    }

    // R13, R14: page 1 starts elsewhere on disk: the pending bio is sent and a new one allocated.
    @Test
    void r13_nextPageNotAdjacent_sendsPendingBio() {
        Layout l = layout().size(8 * KB).extent(0, 100, 4).extent(4, 300, 4).run(RunSpec.readpages(0, 2)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of(readBio(200, "not-contiguous-with-bio", vec(0)), readBio(600, "end-of-call", vec(1))),
                s.submissions());
        assertEquals(List.of(read(200, 8, "bio"), read(600, 8, "bio")), s.requests());
        // R14: two allocations, nr = min(nr_pages left, nr_vecs = 128): 2, then 1.
        List<Events.BioAlloc> allocs = Runs.events(t, Events.BioAlloc.class);
        assertEquals(List.of(2, 1), List.of(allocs.get(0).nr(), allocs.get(1).nr()));
        assertEquals(List.of(200L, 600L), List.of(allocs.get(0).sector(), allocs.get(1).sector()));
    }

    // R14, A1: bio_alloc(min(nr_pages, bio_get_nr_vecs)) = 5 vecs, rounded up to a capacity of 16.
    @Test
    void r14_newBio_isSizedForTheRemainingPages() {
        Layout l = layout().size(20 * KB).extent(0, 100, 20).run(RunSpec.readpages(0, 5)).build();
        Trace t = Runs.trace(l);

        List<Events.BioAlloc> allocs = Runs.events(t, Events.BioAlloc.class);
        assertEquals(1, allocs.size());
        Events.BioAlloc a = allocs.get(0);
        assertEquals(List.of(5, 16, 1), List.of(a.nr(), a.maxVecs(), a.ordinal()));
        assertEquals(200, a.sector());
        assertTrue(a.ok());
        assertEquals(List.of(readBio(200, "end-of-call", vecs(0, 4))), t.summary().submissions());
        assertEquals(List.of(read(200, 40, "bio")), t.summary().requests());
    }

    // R14f, A3, R19a: the first bio_alloc fails (no PF_MEMALLOC): page 0 falls back; page 1 gets a bio.
    @Test
    void r14f_bioAllocFails_fallsBackToBlockReadFullPage() {
        Layout l = layout().size(8 * KB).extent(0, 100, 8).bioAllocFailure(1).run(RunSpec.readpages(0, 2)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of(fallback(0, "bio-alloc-failed"), readBh(100, 0), readBh(101, 0), readBh(102, 0),
                readBh(103, 0), readBio(208, "end-of-call", vec(1))), s.submissions());
        // Page 1's bio back-merges onto the buffers' request: one request for blocks 100..107.
        assertEquals(List.of(read(200, 16, "bh", "bh", "bh", "bh", "bio")), s.requests());
        // Page 0 got PG_mappedtodisk before the allocation was tried, and keeps it.
        assertEquals(List.of(page(0, MAPPED_UPTODATE, ofBlocks(100, 101, 102, 103)),
                page(1, MAPPED_UPTODATE, ofBlocks(104, 105, 106, 107))), s.pages());
        List<Events.BioAlloc> allocs = Runs.events(t, Events.BioAlloc.class);
        assertEquals(2, allocs.size());
        assertEquals(List.of(1, 2), List.of(allocs.get(0).ordinal(), allocs.get(0).nr()));
        assertEquals(false, allocs.get(0).ok());
        assertEquals(List.of(2, 1), List.of(allocs.get(1).ordinal(), allocs.get(1).nr()));
        assertEquals(true, allocs.get(1).ok());
    }

    // R15: max_sectors = 16 holds two pages; the third page is refused and starts a new bio.
    @Test
    void r15_bioFullOnMaxSectors_isSentAndANewBioStarted() {
        Layout l = layout().size(12 * KB).extent(0, 100, 12).device(4096, 16, 128)
                .run(RunSpec.readpages(0, 3)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of(readBio(200, "bio-full", vec(0), vec(1)), readBio(216, "end-of-call", vec(2))),
                s.submissions());
        // The second bio cannot back-merge (16 + 8 > 16): two requests.
        assertEquals(List.of(read(200, 16, "bio"), read(216, 8, "bio")), s.requests());
        List<Events.BioAddPage> refused = new ArrayList<>();
        for (Events.BioAddPage a : Runs.events(t, Events.BioAddPage.class)) {
            if (!a.ok()) {
                refused.add(a);
            }
        }
        assertEquals(1, refused.size());
        assertEquals(2, refused.get(0).page());
        assertEquals("max-sectors", refused.get(0).refusal());
        // bio_get_nr_vecs = min(128, 16 / 8 + 1) = 3: the first bio asks for min(3 pages, 3) vecs.
        assertEquals(3, Runs.events(t, Events.BioAlloc.class).get(0).nr());
    }

    // R16, R16n: the extent L0..L7 carries BH_Boundary; the bio is sent only once page 1 reaches its end,
    // before get_block(L8) reads the indirect block, so that read merges behind the data.
    @Test
    void r16_boundaryReachedAtPageEnd_sendsBioBeforeTheMetadataRead() {
        Layout l = boundaryLayout();
        Summary s = Runs.summary(l);

        assertEquals(List.of(readBio(200, "boundary", vec(0), vec(1)), meta(108), readBio(218, "end-of-call", vec(2))),
                s.submissions());
        assertEquals(List.of(read(200, 18, "bio", "meta"), read(218, 8, "bio")), s.requests());
        assertEquals(List.of(page(0, MAPPED_UPTODATE, ofBlocks(100, 101, 102, 103)),
                page(1, MAPPED_UPTODATE, ofBlocks(104, 105, 106, 107)),
                page(2, MAPPED_UPTODATE, ofBlocks(109, 110, 111, 112))), s.pages());
    }

    // R16n: page 0 used 4 of the boundary extent's 8 blocks: no submit yet, the bio stays pending.
    @Test
    void r16n_boundaryExtentNotUsedUp_keepsTheBioPending() {
        Trace t = Runs.trace(boundaryLayout());

        assertEquals(0, submitsBetweenPages(t, 0, 1));
        assertEquals(1, submitsBetweenPages(t, 1, 2));
        // get_block(L0) mapped 8 blocks with BH_Boundary on the extent.
        Events.GetBlock g = Runs.events(t, Events.GetBlock.class).get(0);
        assertEquals(8, g.count());
        assertTrue((g.state() & mpageviz.kernel.BhState.BOUNDARY.bit()) != 0);
    }

    /** L0..L7 at 100 with BH_Boundary on L7; L8..L11 at 109 behind the uncached indirect block 108. */
    private static Layout boundaryLayout() {
        return layout().size(12 * KB).extent(0, 100, 8).extent(8, 109, 4).boundary(7)
                .metadata(108, 8, 11, false, false).run(RunSpec.readpages(0, 3)).build();
    }

    // R19b: mpage_readpage of an uptodate page with buffers: confused, but only unlock; nothing is read.
    @Test
    void r19b_readpageOfUptodatePageWithBuffers_onlyUnlocks() {
        Layout l = layout().size(4 * KB).extent(0, 100, 4)
                .pageWithBuffers(0, List.of("uptodate"), "mapped,uptodate@100", "mapped,uptodate@101",
                        "mapped,uptodate@102", "mapped,uptodate@103")
                .run(RunSpec.readpage(0)).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(), s.submissions());
        assertEquals(List.of(), s.requests());
        assertEquals(List.of(page(0, UPTODATE, PageBytes.cached(0, 4096, KB))), s.pages());
    }
}
