package mpageviz.engine;

import static mpageviz.testutil.Expected.boundaryBlockWrite;
import static mpageviz.testutil.Expected.fallback;
import static mpageviz.testutil.Expected.flags;
import static mpageviz.testutil.Expected.page;
import static mpageviz.testutil.Expected.times;
import static mpageviz.testutil.Expected.vec;
import static mpageviz.testutil.Expected.vecs;
import static mpageviz.testutil.Expected.write;
import static mpageviz.testutil.Expected.writeBh;
import static mpageviz.testutil.Expected.writeBio;
import static mpageviz.testutil.LayoutBuilder.layout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import mpageviz.kernel.BhState;
import mpageviz.kernel.BlockDevice;
import mpageviz.kernel.Errno;
import mpageviz.kernel.Kernel;
import mpageviz.kernel.KernelBug;
import mpageviz.kernel.PageFlag;
import mpageviz.kernel.WritebackControl;
import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.layout.SyntheticImage;
import mpageviz.testutil.LayoutBuilder;
import mpageviz.testutil.PageBytes;
import mpageviz.testutil.Runs;
import mpageviz.trace.Event;
import mpageviz.trace.Events;
import mpageviz.trace.Probe;
import mpageviz.trace.Summary;
import mpageviz.trace.Trace;

/**
 * Every branch of __mpage_writepage, mpage_writepages and mpage_writepage (kernel-semantics.md §13.3), checked by
 * the bios and their reasons, the fallbacks to the mapping's writepage (block_write_full_page), the write requests
 * in disk order, the final page flags and bytes. 4 KiB pages, 1 KiB blocks (block b = sector 2b) unless a test
 * says otherwise; pages start as their "page %012d" stamp.
 */
class WriteBranchTest {
    private static final int KB = 1024;
    private static final List<String> UPTODATE = flags("uptodate");
    private static final String MUD = "mapped,uptodate,dirty@";

    private static PageBytes cached(long index) {
        return PageBytes.cached(index, 4096, KB);
    }

    /** Four mapped, uptodate, dirty buffers on consecutive blocks from {@code first}. */
    private static String[] dirtyBuffers(long first) {
        return new String[] {MUD + first, MUD + (first + 1), MUD + (first + 2), MUD + (first + 3)};
    }

    private static LayoutBuilder withDirtyBuffers(LayoutBuilder b, long index, String... buffers) {
        return b.pageWithBuffers(index, List.of("uptodate", "dirty"), buffers);
    }

    /** (page, buffer) pairs whose BH_Dirty __mpage_writepage cleared, in order. */
    private static List<List<Long>> cleanedBuffers(Trace t) {
        List<List<Long>> out = new ArrayList<>();
        for (Events.BufferState b : Runs.events(t, Events.BufferState.class)) {
            if ("__mpage_writepage".equals(b.fn()) && (b.clear() & BhState.DIRTY.bit()) != 0) {
                out.add(List.of(b.page(), (long) b.buffer()));
            }
        }
        return out;
    }

    private static List<String> mappingErrors(Trace t) {
        List<String> out = new ArrayList<>();
        for (Events.MappingError e : Runs.events(t, Events.MappingError.class)) {
            out.add(e.fn() + ":" + e.flag());
        }
        return out;
    }

    // ------------------------------------------------------------------ pages with buffers

    // W1, W1g (no boundary), W1h, W7, W10, MW2: fully mapped, dirty, contiguous buffers go into one bio.
    @Test
    void w1_pagesWithMappedDirtyBuffers_goIntoOneBioAndBuffersAreCleaned() {
        LayoutBuilder b = layout().size(8 * KB).extent(0, 100, 8).run(Runs.writepagesAll("none"));
        withDirtyBuffers(b, 0, dirtyBuffers(100));
        withDirtyBuffers(b, 1, dirtyBuffers(104));
        Trace t = Runs.trace(b.build());
        Summary s = t.summary();

        assertEquals(List.of(writeBio(200, "end-of-call", vec(0), vec(1))), s.submissions());
        assertEquals(List.of(write(200, 16, "bio")), s.requests());
        assertEquals(List.of(page(0, UPTODATE, cached(0)), page(1, UPTODATE, cached(1))), s.pages());
        // The buffers supplied the mapping: get_block was never called. All eight buffers were cleaned (W7).
        assertTrue(Runs.events(t, Events.GetBlock.class).isEmpty());
        assertEquals(8, cleanedBuffers(t).size());
    }

    // W1a: a locked page buffer is a BUG_ON in __mpage_writepage.
    @Test
    void w1a_lockedBuffer_isAKernelBug() {
        LayoutBuilder b = layout().size(4 * KB).extent(0, 100, 4).run(Runs.writepagesAll("none"));
        withDirtyBuffers(b, 0, MUD + 100, "mapped,uptodate,dirty,locked@101", MUD + 102, MUD + 103);
        Layout l = b.build();

        assertThrows(KernelBug.class, () -> Runner.run(l, Runner.Options.quiet()));
    }

    // W1b, W11a: an unmapped dirty buffer (mmap over a hole): block_write_full_page allocates and writes it.
    @Test
    void w1b_unmappedDirtyBuffer_fallsBackAndWritepageAllocates() {
        LayoutBuilder b = layout().size(4 * KB).extent(0, 100, 2).allocator(300, 310).run(Runs.writepagesAll("none"));
        withDirtyBuffers(b, 0, MUD + 100, MUD + 101, "uptodate,dirty", "uptodate,dirty");
        Summary s = Runs.summary(b.build());

        assertEquals(List.of(fallback(0, "unmapped-dirty-buffer"), writeBh(100, 0), writeBh(101, 0),
                writeBh(300, 0), writeBh(301, 0)), s.submissions());
        assertEquals(List.of(write(200, 4, "bh", "bh"), write(600, 4, "bh", "bh")), s.requests());
        assertEquals(List.of(page(0, UPTODATE, cached(0))), s.pages());
    }

    // W1c, W1h, W3b, W7, W9: trailing clean unmapped buffers past EOF: a partial page, only its buffers cleaned.
    @Test
    void w1c_trailingCleanUnmappedBuffers_writeLeadingBlocksAsPartialPage() {
        LayoutBuilder b = layout().size(2 * KB).extent(0, 100, 2).run(Runs.writepagesAll("none"));
        withDirtyBuffers(b, 0, MUD + 100, MUD + 101, "uptodate", "uptodate");
        Trace t = Runs.trace(b.build());
        Summary s = t.summary();

        assertEquals(List.of(writeBio(200, "partial-page", vec(0, 2048))), s.submissions());
        assertEquals(List.of(write(200, 4, "bio")), s.requests());
        // W3b: i_size = 2048 is inside page 0, so the tail from 2048 is zeroed.
        assertEquals(List.of(page(0, UPTODATE, cached(0).zeroFrom(2048))), s.pages());
        // W7: only buffers [0, first_unmapped = 2) are cleaned.
        assertEquals(List.of(List.of(0L, 0L), List.of(0L, 1L)), cleanedBuffers(t));
    }

    // W1d: a mapped buffer after an unmapped (clean) one.
    @Test
    void w1d_mappedAfterUnmapped_fallsBackAndWritesTheMappedBuffers() {
        LayoutBuilder b = layout().size(4 * KB).extent(0, 100, 1).extent(2, 102, 2).run(Runs.writepagesAll("none"));
        withDirtyBuffers(b, 0, MUD + 100, "uptodate", MUD + 102, MUD + 103);
        Summary s = Runs.summary(b.build());

        assertEquals(List.of(fallback(0, "hole-then-data"), writeBh(100, 0), writeBh(102, 0), writeBh(103, 0)),
                s.submissions());
        assertEquals(List.of(write(200, 2, "bh"), write(204, 4, "bh", "bh")), s.requests());
        assertEquals(List.of(page(0, UPTODATE, cached(0))), s.pages());
    }

    // W1e: a mapped buffer that is clean (partial write): the page goes to writepage, which skips that buffer.
    @Test
    void w1e_mappedCleanBuffer_fallsBackAndOnlyDirtyBuffersAreWritten() {
        LayoutBuilder b = layout().size(4 * KB).extent(0, 100, 4).run(Runs.writepagesAll("none"));
        withDirtyBuffers(b, 0, MUD + 100, "mapped,uptodate@101", MUD + 102, MUD + 103);
        Summary s = Runs.summary(b.build());

        assertEquals(List.of(fallback(0, "buffer-not-dirty-or-uptodate"), writeBh(100, 0), writeBh(102, 0),
                writeBh(103, 0)), s.submissions());
        assertEquals(List.of(write(200, 2, "bh"), write(204, 4, "bh", "bh")), s.requests());
    }

    // W1e, the other half: a mapped dirty buffer that is not uptodate also sends the page to writepage, which
    // writes every dirty mapped buffer (here all four, merged into one request).
    @Test
    void w1e_mappedDirtyBufferNotUptodate_fallsBack() {
        LayoutBuilder b = layout().size(4 * KB).extent(0, 100, 4).run(Runs.writepagesAll("none"));
        withDirtyBuffers(b, 0, MUD + 100, "mapped,dirty@101", MUD + 102, MUD + 103);
        Summary s = Runs.summary(b.build());

        assertEquals(List.of(fallback(0, "buffer-not-dirty-or-uptodate"), writeBh(100, 0), writeBh(101, 0),
                writeBh(102, 0), writeBh(103, 0)), s.submissions());
        assertEquals(List.of(write(200, 8, times(4, "bh"))), s.requests());
    }

    // W1f: buffers not physically contiguous within the page.
    @Test
    void w1f_discontiguousBuffers_fallBack() {
        LayoutBuilder b = layout().size(4 * KB).extent(0, 100, 2).extent(2, 300, 2).run(Runs.writepagesAll("none"));
        withDirtyBuffers(b, 0, MUD + 100, MUD + 101, MUD + 300, MUD + 301);
        Summary s = Runs.summary(b.build());

        assertEquals(List.of(fallback(0, "discontiguous"), writeBh(100, 0), writeBh(101, 0), writeBh(300, 0),
                writeBh(301, 0)), s.submissions());
        assertEquals(List.of(write(200, 4, "bh", "bh"), write(600, 4, "bh", "bh")), s.requests());
    }

    // W1g, W9, W9a: §10.3 with buffers: L11's buffer carries BH_Boundary; after the boundary bio the dirty
    // indirect block 212 is written and merges between the two data bios.
    @Test
    void w1g_boundaryBuffer_sendsBioAndWritesTheDirtyIndirectBlockBehindIt() {
        LayoutBuilder b = layout().size(16 * KB).extent(0, 200, 12).extent(12, 213, 4)
                .metadata(212, 12, 267, true, true).run(Runs.writepagesAll("none"));
        withDirtyBuffers(b, 0, dirtyBuffers(200));
        withDirtyBuffers(b, 1, dirtyBuffers(204));
        withDirtyBuffers(b, 2, MUD + 208, MUD + 209, MUD + 210, "mapped,uptodate,dirty,boundary@211");
        withDirtyBuffers(b, 3, dirtyBuffers(213));
        Summary s = Runs.summary(b.build());

        assertEquals(List.of(writeBio(400, "boundary", vecs(0, 2)), boundaryBlockWrite(212),
                writeBio(426, "end-of-call", vec(3))), s.submissions());
        assertEquals(List.of(write(400, 34, "bio", "bh", "bio")), s.requests());
    }

    // W1i: buffers present but none mapped, all clean: confused; writepage finds nothing to write.
    @Test
    void w1i_allBuffersUnmapped_fallsBackAndWritesNothing() {
        LayoutBuilder b = layout().size(4 * KB).run(Runs.writepagesAll("none"));
        withDirtyBuffers(b, 0, "uptodate", "uptodate", "uptodate", "uptodate");
        Summary s = Runs.summary(b.build());

        assertEquals(List.of(fallback(0, "all-buffers-unmapped")), s.submissions());
        assertEquals(List.of(), s.requests());
        // block_write_full_page set and at once ended writeback (nr_underway == 0): the page is clean.
        assertEquals(List.of(page(0, UPTODATE, cached(0))), s.pages());
    }

    // ------------------------------------------------------------------ pages without buffers

    // W2, W2f, W5, W8, W10, MW2, E3: pages without buffers are mapped one block per get_block(create=1) call.
    @Test
    void w2_pagesWithoutBuffers_mapOneBlockPerCallIntoOneBio() {
        Layout l = layout().size(8 * KB).extent(0, 100, 8).dirtyPages(0, 1).run(Runs.writepagesAll("none")).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        List<Events.GetBlock> calls = Runs.events(t, Events.GetBlock.class);
        assertEquals(8, calls.size());
        for (int i = 0; i < 8; i++) {
            Events.GetBlock g = calls.get(i);
            assertEquals(List.of((long) i, 1L, 100L + i), List.of(g.logical(), g.asked(), g.block()));
            assertTrue(g.create());
        }
        assertEquals(List.of(writeBio(200, "end-of-call", vec(0), vec(1))), s.submissions());
        assertEquals(List.of(write(200, 16, "bio")), s.requests());
        // Written, clean, writeback ended by mpage_end_io: only uptodate is left.
        assertEquals(List.of(page(0, UPTODATE, cached(0)), page(1, UPTODATE, cached(1))), s.pages());
        // W5: one bio of bio_get_nr_vecs = 128 vecs.
        Events.BioAlloc a = Runs.events(t, Events.BioAlloc.class).get(0);
        assertEquals(List.of(128, 128), List.of(a.nr(), a.maxVecs()));
    }

    // W2a, W11, W11a: get_block fails on L5: the pending bio is sent; writepage maps L4, fails on L5 and takes
    // the recover path (writes L4's block only); the error is recorded twice and stops write_cache_pages.
    @Test
    void w2a_getBlockError_sendsPendingBioAndStopsTheWalk() {
        Layout l = layout().size(12 * KB).extent(0, 100, 12).error(5, "EIO").dirtyPages(0, 2)
                .run(Runs.writepagesAll("none")).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of(writeBio(200, "before-fallback", vec(0)), fallback(1, "get-block-error"),
                writeBh(104, 1)), s.submissions());
        // The buffer write of 104 back-merges behind page 0's bio (blocks 100..103).
        assertEquals(List.of(write(200, 10, "bio", "bh")), s.requests());
        // Page 2 is never reached: not locked, not listed. Page 1 keeps PG_error.
        assertEquals(List.of(page(0, UPTODATE, cached(0)), page(1, flags("error", "uptodate"), cached(1))),
                s.pages());
        assertEquals(List.of("__block_write_full_page:AS_EIO", "mapping_set_error:AS_EIO"), mappingErrors(t));
        assertEquals(-Errno.EIO, Runs.result(l).ret());
    }

    // W2b: a newly allocated block still has a stale dirty alias in the buffer cache: it is cleaned.
    @Test
    void w2b_newBlock_unmapsTheStaleMetadataAlias() {
        Layout l = layout().size(4 * KB).allocator(500, 510).metadata(500, 1000, 1000, true, true)
                .dirtyPages(0, 0).run(Runs.writepagesAll("none")).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        List<Events.MetaState> cleaned = new ArrayList<>();
        for (Events.MetaState m : Runs.events(t, Events.MetaState.class)) {
            if ("unmap_underlying_metadata".equals(m.fn()) && (m.clear() & BhState.DIRTY.bit()) != 0) {
                cleaned.add(m);
            }
        }
        assertEquals(1, cleaned.size());
        assertEquals(500, cleaned.get(0).block());
        // All four blocks come from the allocator, each with BH_New.
        List<Events.GetBlock> calls = Runs.events(t, Events.GetBlock.class);
        for (int i = 0; i < 4; i++) {
            assertEquals(500L + i, calls.get(i).block());
            assertTrue((calls.get(i).state() & BhState.NEW.bit()) != 0);
        }
        assertEquals(List.of(writeBio(1000, "end-of-call", vec(0))), s.submissions());
        assertEquals(List.of(write(1000, 8, "bio")), s.requests());
    }

    // W2c, W9, W9a: §10.3 without buffers: get_block(L11) reports BH_Boundary.
    @Test
    void w2c_boundaryFromGetBlock_sendsBioAndWritesTheDirtyIndirectBlock() {
        Summary s = Runs.summary(indirectLayout(true));

        assertEquals(List.of(writeBio(400, "boundary", vecs(0, 2)), boundaryBlockWrite(212),
                writeBio(426, "end-of-call", vec(3))), s.submissions());
        assertEquals(List.of(write(400, 34, "bio", "bh", "bio")), s.requests());
    }

    // W9a not taken: the block after the boundary block is cached but clean: write_boundary_block writes nothing.
    @Test
    void w9a_cleanIndirectBlock_isNotWritten() {
        Layout l = layout().size(16 * KB).extent(0, 200, 12).extent(12, 213, 4).boundary(11)
                .metadata(212, 12, 267, true, false).dirtyPages(0, 3).run(Runs.writepagesAll("none")).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(writeBio(400, "boundary", vecs(0, 2)), writeBio(426, "end-of-call", vec(3))),
                s.submissions());
        assertEquals(List.of(write(400, 24, "bio"), write(426, 8, "bio")), s.requests());
    }

    // W10, W4 (contrast to W9): without BH_Boundary the indirect block is not written and the data splits in two.
    @Test
    void w10_noBoundary_keepsBioUntilTheGapAtTheIndirectBlock() {
        Summary s = Runs.summary(indirectLayout(false));

        assertEquals(List.of(writeBio(400, "not-contiguous-with-bio", vecs(0, 2)),
                writeBio(426, "end-of-call", vec(3))), s.submissions());
        assertEquals(List.of(write(400, 24, "bio"), write(426, 8, "bio")), s.requests());
    }

    /** L0..L11 at 200, the cached dirty indirect block at 212, L12..L15 at 213; four dirty pages, no buffers. */
    private static Layout indirectLayout(boolean boundary) {
        LayoutBuilder b = layout().size(16 * KB).extent(0, 200, 12).extent(12, 213, 4)
                .metadata(212, 12, 267, true, true).dirtyPages(0, 3).run(Runs.writepagesAll("none"));
        if (boundary) {
            b.boundary(11);
        }
        return b.build();
    }

    // W2d: get_block maps L2 away from L1 within the page.
    @Test
    void w2d_discontiguousMapping_fallsBackToWritepage() {
        Layout l = layout().size(4 * KB).extent(0, 100, 2).extent(2, 300, 2).dirtyPages(0, 0)
                .run(Runs.writepagesAll("none")).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(fallback(0, "discontiguous"), writeBh(100, 0), writeBh(101, 0), writeBh(300, 0),
                writeBh(301, 0)), s.submissions());
        assertEquals(List.of(write(200, 4, "bh", "bh"), write(600, 4, "bh", "bh")), s.requests());
        assertEquals(List.of(page(0, UPTODATE, cached(0))), s.pages());
    }

    // W2e, W3, W3b, W9: i_size = 2148: the mapping loop stops at L2 (= (i_size - 1) >> 10); the tail is zeroed.
    @Test
    void w2e_eofInsidePage_mapsUpToLastBlockAndSendsPartialPage() {
        Layout l = layout().size(2 * KB + 100).extent(0, 100, 4).dirtyPages(0, 0).run(Runs.writepagesAll("none"))
                .build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(3, Runs.events(t, Events.GetBlock.class).size());
        assertEquals(List.of(writeBio(200, "partial-page", vec(0, 3072))), s.submissions());
        assertEquals(List.of(write(200, 6, "bio")), s.requests());
        assertEquals(List.of(page(0, UPTODATE, cached(0).zeroFrom(2148))), s.pages());
    }

    // W3a, W2f: i_size = 4096: page 1 starts at EOF, page 2 is past it. Both still allocate their blocks first,
    // then go to writepage, which drops them without I/O.
    @Test
    void w3a_pagesAtAndBeyondEof_allocateThenAreDroppedByWritepage() {
        Layout l = layout().size(4 * KB).extent(0, 100, 4).allocator(300, 399).dirtyPages(0, 2)
                .run(Runs.writepagesAll("none")).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of(writeBio(200, "before-fallback", vec(0)), fallback(1, "beyond-eof"),
                fallback(2, "beyond-eof")), s.submissions());
        assertEquals(List.of(write(200, 8, "bio")), s.requests());
        assertEquals(List.of(page(0, UPTODATE, cached(0)), page(1, UPTODATE, cached(1)),
                page(2, UPTODATE, cached(2))), s.pages());
        // W2f: L4..L11 were allocated (300..307) although nothing is written to them.
        List<Long> allocated = new ArrayList<>();
        for (Events.GetBlock g : Runs.events(t, Events.GetBlock.class)) {
            if ((g.state() & BhState.NEW.bit()) != 0) {
                allocated.add(g.block());
            }
        }
        assertEquals(List.of(300L, 301L, 302L, 303L, 304L, 305L, 306L, 307L), allocated);
    }

    // W4: page 1 maps elsewhere: the pending bio is sent first.
    @Test
    void w4_nextPageNotAdjacent_sendsPendingBio() {
        Layout l = layout().size(8 * KB).extent(0, 100, 4).extent(4, 300, 4).dirtyPages(0, 1)
                .run(Runs.writepagesAll("none")).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(writeBio(200, "not-contiguous-with-bio", vec(0)), writeBio(600, "end-of-call", vec(1))),
                s.submissions());
        assertEquals(List.of(write(200, 8, "bio"), write(600, 8, "bio")), s.requests());
    }

    // W5f, W11a: the first bio_alloc fails: page 0 is written by writepage; page 1 gets the next bio.
    @Test
    void w5f_bioAllocFails_fallsBackToWritepage() {
        Layout l = layout().size(8 * KB).extent(0, 100, 8).bioAllocFailure(1).dirtyPages(0, 1)
                .run(Runs.writepagesAll("none")).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of(fallback(0, "bio-alloc-failed"), writeBh(100, 0), writeBh(101, 0), writeBh(102, 0),
                writeBh(103, 0), writeBio(208, "end-of-call", vec(1))), s.submissions());
        assertEquals(List.of(write(200, 16, "bh", "bh", "bh", "bh", "bio")), s.requests());
        List<Events.BioAlloc> allocs = Runs.events(t, Events.BioAlloc.class);
        assertEquals(2, allocs.size());
        assertEquals(false, allocs.get(0).ok());
        assertEquals(List.of(2, 128, 128), List.of(allocs.get(1).ordinal(), allocs.get(1).nr(),
                allocs.get(1).maxVecs()));
    }

    // W6: max_sectors = 16: the third page does not fit; the bio is sent and a new one started.
    @Test
    void w6_bioFull_isSentAndANewBioStarted() {
        Layout l = layout().size(12 * KB).extent(0, 100, 12).device(4096, 16, 128).dirtyPages(0, 2)
                .run(Runs.writepagesAll("none")).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(writeBio(200, "bio-full", vec(0), vec(1)), writeBio(216, "end-of-call", vec(2))),
                s.submissions());
        assertEquals(List.of(write(200, 16, "bio"), write(216, 8, "bio")), s.requests());
    }

    // W7a: buffer_heads_over_limit: once its buffers are cleaned, the page's buffers are freed.
    @Test
    void w7a_bufferHeadsOverLimit_freesTheWrittenPagesBuffers() {
        LayoutBuilder b = layout().size(4 * KB).extent(0, 100, 4).bufferHeadsOverLimit()
                .run(Runs.writepagesAll("none"));
        withDirtyBuffers(b, 0, dirtyBuffers(100));
        Trace t = Runs.trace(b.build());

        List<Events.BuffersFree> freed = Runs.events(t, Events.BuffersFree.class);
        assertEquals(1, freed.size());
        assertEquals(0, freed.get(0).page());
        assertEquals("try_to_free_buffers", freed.get(0).fn());
        assertEquals(List.of(writeBio(200, "end-of-call", vec(0))), t.summary().submissions());
        assertEquals(List.of(page(0, UPTODATE, cached(0))), t.summary().pages());
    }

    // W7a off: without the flag the buffers stay.
    @Test
    void w7a_notOverLimit_keepsTheBuffers() {
        LayoutBuilder b = layout().size(4 * KB).extent(0, 100, 4).run(Runs.writepagesAll("none"));
        withDirtyBuffers(b, 0, dirtyBuffers(100));
        Trace t = Runs.trace(b.build());

        assertTrue(Runs.events(t, Events.BuffersFree.class).isEmpty());
    }

    // W7a needs PageUptodate: a page that is not uptodate keeps its buffers even over the limit.
    @Test
    void w7a_pageNotUptodate_keepsItsBuffersOverTheLimit() {
        LayoutBuilder b = layout().size(4 * KB).extent(0, 100, 4).bufferHeadsOverLimit()
                .run(Runs.writepagesAll("none"));
        b.pageWithBuffers(0, List.of("dirty"), dirtyBuffers(100));
        Trace t = Runs.trace(b.build());

        assertTrue(Runs.events(t, Events.BuffersFree.class).isEmpty());
        assertEquals(List.of(writeBio(200, "end-of-call", vec(0))), t.summary().submissions());
        assertEquals(List.of(page(0, List.of(), cached(0))), t.summary().pages());
    }

    // W8: set_page_writeback and unlock_page happen before the bio is submitted; end_page_writeback after service.
    @Test
    void w8_writebackSetBeforeSubmitAndEndedByCompletion() {
        Layout l = layout().size(4 * KB).extent(0, 100, 4).dirtyPages(0, 0).run(Runs.writepagesAll("none")).build();
        Trace t = Runs.trace(l);
        List<Event> ev = t.events();

        int set = Runs.indexOf(ev, 0, Events.PageFlags.class,
                p -> p.page() == 0 && (p.set() & PageFlag.WRITEBACK.bit()) != 0);
        int unlock = Runs.indexOf(ev, 0, Events.PageFlags.class,
                p -> p.page() == 0 && "__mpage_writepage".equals(p.fn()) && (p.clear() & PageFlag.LOCKED.bit()) != 0);
        int submit = Runs.indexOf(ev, 0, Events.BioSubmit.class, b -> "bio".equals(b.source()));
        int serve = Runs.indexOf(ev, 0, Events.RequestServe.class, r -> true);
        int end = Runs.indexOf(ev, 0, Events.PageFlags.class,
                p -> p.page() == 0 && (p.clear() & PageFlag.WRITEBACK.bit()) != 0);
        assertTrue(set >= 0 && set < unlock, "writeback set before unlock");
        assertTrue(unlock < submit, "unlocked before the bio is submitted");
        assertTrue(submit < serve && serve < end, "writeback ends after the request is served");
        assertEquals("end_page_writeback", ((Events.PageFlags) ev.get(end)).fn());
    }

    // W9b: a boundary in the middle of a partial page: the last block's flag is clear, yet write_boundary_block
    // still runs for the earlier boundary block (101) and writes the cached dirty block after it (102).
    @Test
    void w9b_partialPageWithEarlierBoundary_stillWritesTheBoundaryNeighbour() {
        Layout l = layout().size(3 * KB).extent(0, 100, 3).boundary(1).metadata(102, 1000, 1000, true, true)
                .dirtyPages(0, 0).run(Runs.writepagesAll("none")).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(writeBio(200, "partial-page", vec(0, 3072)), boundaryBlockWrite(102)),
                s.submissions());
        // The bh write (sectors 204..205) overlaps the bio's end and is not adjacent: its own request, after.
        assertEquals(List.of(write(200, 6, "bio"), write(204, 2, "bh")), s.requests());
    }

    // ------------------------------------------------------------------ mpage_writepage (use_writepage = 0)

    // mpage_writepage: a contiguous page is written by its own bio, sent before returning.
    @Test
    void mpageWritepage_contiguousPage_sendsItsOwnBio() {
        Layout l = layout().size(8 * KB).extent(0, 100, 8).dirtyPages(1, 1).run(RunSpec.writepage(1, "none")).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(writeBio(208, "end-of-call", vec(1))), s.submissions());
        assertEquals(List.of(write(208, 8, "bio")), s.requests());
        assertEquals(List.of(page(1, UPTODATE, cached(1))), s.pages());
    }

    // W11b: mpage_writepage gives up with -EAGAIN (page still locked, no error recorded); the caller then uses
    // the mapping's writepage.
    @Test
    void w11b_mpageWritepageConfused_returnsEagainAndCallerUsesWritepage() {
        Layout l = layout().size(8 * KB).extent(4, 100, 2).extent(6, 300, 2).dirtyPages(1, 1)
                .run(RunSpec.writepage(1, "none")).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        Events.CallEnd end = Runs.events(t, Events.CallEnd.class).get(0);
        assertEquals("mpage_writepage", end.fn());
        assertEquals(-Errno.EAGAIN, end.ret());
        assertEquals(List.of(fallback(1, "discontiguous"), writeBh(100, 1), writeBh(101, 1), writeBh(300, 1),
                writeBh(301, 1)), s.submissions());
        assertEquals(List.of(write(200, 4, "bh", "bh"), write(600, 4, "bh", "bh")), s.requests());
        assertEquals(List.of(page(1, UPTODATE, cached(1))), s.pages());
    }

    // W11b with a get_block error: mpage_writepage records nothing; only writepage's recover path sets AS_EIO.
    @Test
    void w11b_getBlockErrorThroughMpageWritepage_recordsTheErrorOnce() {
        Layout l = layout().size(8 * KB).extent(0, 100, 8).error(5, "EIO").dirtyPages(1, 1)
                .run(RunSpec.writepage(1, "none")).build();
        Trace t = Runs.trace(l);

        assertEquals(List.of("__block_write_full_page:AS_EIO"), mappingErrors(t));
        assertEquals(List.of(fallback(1, "get-block-error"), writeBh(104, 1)), t.summary().submissions());
        assertEquals(List.of(page(1, flags("error", "uptodate"), cached(1))), t.summary().pages());
        assertEquals(-Errno.EIO, Runs.result(l).ret());
    }

    // ------------------------------------------------------------------ mpage_writepages

    // MW1: mpage_writepages(mapping, wbc, NULL) is generic_writepages: every page goes to ->writepage
    // (block_write_full_page), one submit_bh per dirty buffer, and no mpage bio is ever built.
    @Test
    void mw1_nullGetBlock_usesGenericWritepages() throws Exception {
        LayoutBuilder b = layout().size(4 * KB).extent(0, 100, 4).run(Runs.writepagesAll("none"));
        withDirtyBuffers(b, 0, dirtyBuffers(100));
        Layout l = b.build();
        java.nio.file.Path image = SyntheticImage.create(4096, KB);
        try (BlockDevice bdev = new BlockDevice(image, KB, 4096, true)) {
            Kernel k = Runner.setUp(l, Probe.OFF, bdev);
            new MPage(k, null).writepages(new WritebackControl(false, Long.MAX_VALUE, 0, WritebackControl.LLONG_MAX,
                    false));
            List<Summary.Submission> subs = k.recorder.submissions();
            assertEquals(List.of(writeBh(100, 0), writeBh(101, 0), writeBh(102, 0), writeBh(103, 0)), subs);
            assertEquals(List.of(write(200, 8, times(4, "bh"))), k.recorder.requests());
        } finally {
            java.nio.file.Files.deleteIfExists(image);
        }
    }
}
