package mpageviz.engine;

import static mpageviz.testutil.Expected.fallback;
import static mpageviz.testutil.Expected.flags;
import static mpageviz.testutil.Expected.page;
import static mpageviz.testutil.Expected.read;
import static mpageviz.testutil.Expected.readBh;
import static mpageviz.testutil.Expected.readBio;
import static mpageviz.testutil.Expected.times;
import static mpageviz.testutil.Expected.vec;
import static mpageviz.testutil.Expected.vecs;
import static mpageviz.testutil.Expected.write;
import static mpageviz.testutil.Expected.writeBio;
import static mpageviz.testutil.LayoutBuilder.layout;
import static mpageviz.testutil.PageBytes.ofBlocks;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import mpageviz.kernel.BhState;
import mpageviz.kernel.PageFlag;
import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.layout.SyntheticImage;
import mpageviz.testutil.PageBytes;
import mpageviz.testutil.Runs;
import mpageviz.trace.Event;
import mpageviz.trace.Events;
import mpageviz.trace.Summary;
import mpageviz.trace.Trace;

/**
 * mpage.c's helpers: mpage_end_io (E1..E4), mpage_alloc (A1..A3) and map_buffer_to_page (M1..M3), each seen
 * through the run's outcome and, where only events show it, through the events. 4 KiB pages, 1 KiB blocks.
 */
class MPageHelpersTest {
    private static final int KB = 1024;

    /** Pages whose flag {@code f} mpage_end_io set ({@code set}) or cleared, in the order it did so. */
    private static List<Long> endIoOrder(Trace t, String fn, PageFlag f, boolean set) {
        List<Long> out = new ArrayList<>();
        for (Events.PageFlags p : Runs.events(t, Events.PageFlags.class)) {
            int bits = set ? p.set() : p.clear();
            if (fn.equals(p.fn()) && (bits & f.bit()) != 0) {
                out.add(p.page());
            }
        }
        return out;
    }

    private static List<String> bioAllocs(Trace t) {
        List<String> out = new ArrayList<>();
        for (Events.BioAlloc a : Runs.events(t, Events.BioAlloc.class)) {
            out.add("#" + a.ordinal() + " nr=" + a.nr() + (a.ok() ? " ok max=" + a.maxVecs() : " failed"));
        }
        return out;
    }

    private static byte[] readBlock(Path image, long block) throws IOException {
        try (FileChannel ch = FileChannel.open(image)) {
            ByteBuffer buf = ByteBuffer.allocate(KB);
            ch.read(buf, block * KB);
            return buf.array();
        }
    }

    // ------------------------------------------------------------------ mpage_end_io

    // E1: a good read sets each page uptodate and unlocks it, walking the vecs from the last to the first.
    @Test
    void e1_readOk_setsUptodateAndUnlocksLastPageFirst() {
        Layout l = layout().size(12 * KB).extent(0, 100, 12).run(RunSpec.readpages(0, 3)).build();
        Trace t = Runs.trace(l);

        assertEquals(List.of(2L, 1L, 0L), endIoOrder(t, "mpage_end_io", PageFlag.UPTODATE, true));
        assertEquals(List.of(2L, 1L, 0L), endIoOrder(t, "mpage_end_io", PageFlag.LOCKED, false));
    }

    // E2: a read bio touching a bad sector fails whole: every page gets PG_error, none uptodate, no bytes move.
    @Test
    void e2_readError_marksEveryPageErrorAndMovesNoBytes() {
        Layout l = layout().size(8 * KB).extent(0, 100, 8).page(0).page(1).badSectors(210, 1)
                .run(RunSpec.readpage(1)).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(readBio(208, "end-of-call", vec(1))), s.submissions());
        assertEquals(List.of(read(208, 8, "bio")), s.requests());
        // The cached page keeps its starting bytes; mappedtodisk was set before the I/O and stays.
        assertEquals(List.of(page(1, flags("error", "mappedtodisk"), PageBytes.cached(1, 4096, KB))), s.pages());
    }

    // E2: the whole bio fails, also the pages whose own blocks are good (bad sector only under block 102).
    @Test
    void e2_readError_failsTheGoodPagesOfTheSameBio() {
        Layout l = layout().size(8 * KB).extent(0, 100, 8).badSectors(204, 1).run(RunSpec.readpages(0, 2)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of(read(200, 16, "bio")), s.requests());
        assertEquals(List.of(page(0, flags("error", "mappedtodisk"), PageBytes.fresh(4096, KB)),
                page(1, flags("error", "mappedtodisk"), PageBytes.fresh(4096, KB))), s.pages());
        assertEquals(List.of(1L, 0L), endIoOrder(t, "mpage_end_io", PageFlag.ERROR, true));
    }

    // E2: a bio past the end of the device is failed by generic_make_request without reaching the disk.
    @Test
    void e2_bioPastDeviceEnd_failsWithoutARequest() {
        Layout l = layout().size(4 * KB).extent(0, 100, 4).device(102, 1024, 128).run(RunSpec.readpages(0, 1)).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(readBio(200, "end-of-call", vec(0))), s.submissions());
        assertEquals(List.of(), s.requests());
        assertEquals(List.of(page(0, flags("error", "mappedtodisk"), PageBytes.fresh(4096, KB))), s.pages());
    }

    // E3: a good write ends writeback on each page, last first, and records no error.
    @Test
    void e3_writeOk_endsWritebackLastPageFirst() {
        Layout l = layout().size(8 * KB).extent(0, 100, 8).dirtyPages(0, 1).run(Runs.writepagesAll("none")).build();
        Trace t = Runs.trace(l);

        assertEquals(List.of(1L, 0L), endIoOrder(t, "end_page_writeback", PageFlag.WRITEBACK, false));
        assertTrue(Runs.events(t, Events.MappingError.class).isEmpty());
        assertEquals(List.of(page(0, flags("uptodate"), PageBytes.cached(0, 4096, KB)),
                page(1, flags("uptodate"), PageBytes.cached(1, 4096, KB))), t.summary().pages());
    }

    // E4: a failed write bio: PG_error and AS_EIO for each page, writeback still ended, the page NOT redirtied,
    // and nothing reaches the disk.
    @Test
    void e4_writeError_setsErrorAndAsEioAndLeavesTheDiskAsItWas(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("disk.img");
        SyntheticImage.write(image, 4096, KB);
        Layout l = layout().size(8 * KB).extent(0, 100, 8).image(image.toString(), 4096).badSectors(210, 2)
                .dirtyPages(0, 1).run(Runs.writepagesAll("none")).build();
        Trace t = new Trace(l);
        Runner.Result r = Runner.run(l, Runner.Options.traced(t));
        try {
            Summary s = r.summary();
            assertEquals(List.of(writeBio(200, "end-of-call", vec(0), vec(1))), s.submissions());
            assertEquals(List.of(write(200, 16, "bio")), s.requests());
            assertEquals(List.of(page(0, flags("error", "uptodate"), PageBytes.cached(0, 4096, KB)),
                    page(1, flags("error", "uptodate"), PageBytes.cached(1, 4096, KB))), s.pages());
            for (long b = 100; b < 108; b++) {
                assertArrayEquals(PageBytes.blockStamp(b, KB), readBlock(r.image(), b), "block " + b);
            }
        } finally {
            Files.deleteIfExists(r.image());
        }
        List<Events.MappingError> errors = Runs.events(t, Events.MappingError.class);
        assertEquals(2, errors.size());
        for (Events.MappingError e : errors) {
            assertEquals(List.of("mpage_end_io", "AS_EIO"), List.of(e.fn(), e.flag()));
        }
        assertEquals(List.of(1L, 0L), endIoOrder(t, "mpage_end_io", PageFlag.ERROR, true));
    }

    // ------------------------------------------------------------------ mpage_alloc

    // A1: a successful bio_alloc gets the first sector of the page's first block.
    @Test
    void a1_bioAllocSucceeds_bioStartsAtThePagesFirstSector() {
        Layout l = layout().size(4 * KB).extent(0, 300, 4).run(RunSpec.readpages(0, 1)).build();
        Trace t = Runs.trace(l);

        Events.BioAlloc a = Runs.events(t, Events.BioAlloc.class).get(0);
        assertEquals(600, a.sector());
        assertEquals(List.of("#1 nr=1 ok max=4"), bioAllocs(t));
        assertEquals(List.of(readBio(600, "end-of-call", vec(0))), t.summary().submissions());
    }

    // A2: PF_MEMALLOC: a failed bio_alloc(5) is retried with 2, then 1 vecs; the 4-vec bio then fills up.
    @Test
    void a2_memallocHalvesVecsUntilAnAllocationSucceeds() {
        Layout l = layout().size(20 * KB).extent(0, 100, 20).bioAllocFailure(1, 2)
                .run(RunSpec.readpages(0, 5).withMemalloc(true)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of("#1 nr=5 failed", "#2 nr=2 failed", "#3 nr=1 ok max=4", "#4 nr=1 ok max=4"),
                bioAllocs(t));
        // bio_alloc(1) still gives 4 inline vecs: pages 0..3 fit, page 4 starts a second bio.
        assertEquals(List.of(readBio(200, "bio-full", vecs(0, 3)), readBio(232, "end-of-call", vec(4))),
                s.submissions());
        assertEquals(List.of(read(200, 40, "bio", "bio")), s.requests());
    }

    // A2: PF_MEMALLOC and every halving fails (2, then 1; 1 / 2 = 0 stops): NULL, page 0 falls back.
    @Test
    void a2_memallocAllHalvingsFail_fallsBack() {
        Layout l = layout().size(8 * KB).extent(0, 100, 8).bioAllocFailure(1, 2)
                .run(RunSpec.readpages(0, 2).withMemalloc(true)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of("#1 nr=2 failed", "#2 nr=1 failed", "#3 nr=1 ok max=4"), bioAllocs(t));
        assertEquals(List.of(fallback(0, "bio-alloc-failed"), readBh(100, 0), readBh(101, 0), readBh(102, 0),
                readBh(103, 0), readBio(208, "end-of-call", vec(1))), s.submissions());
        assertEquals(List.of(read(200, 16, "bh", "bh", "bh", "bh", "bio")), s.requests());
    }

    // A3: without PF_MEMALLOC a failed bio_alloc is not retried.
    @Test
    void a3_withoutMemalloc_noRetry() {
        Layout l = layout().size(8 * KB).extent(0, 100, 8).bioAllocFailure(1).run(RunSpec.readpages(0, 2)).build();
        Trace t = Runs.trace(l);

        assertEquals(List.of("#1 nr=2 failed", "#2 nr=1 ok max=4"), bioAllocs(t));
        assertEquals(fallback(0, "bio-alloc-failed"), t.summary().submissions().get(0));
    }

    // ------------------------------------------------------------------ map_buffer_to_page

    // M1: one block per page and an uptodate result: the page becomes uptodate and gets no buffers.
    @Test
    void m1_pageSizedUptodateBlock_setsPageUptodateWithoutBuffers() {
        Layout l = layout().geometry(4096, 4096).size(4 * KB).extent(0, 50, 1).uptodate(0)
                .run(RunSpec.readpages(0, 1)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertTrue(Runs.events(t, Events.BuffersCreate.class).isEmpty());
        assertEquals(List.of(), s.submissions());
        assertEquals(List.of(), s.requests());
        assertEquals(List.of(page(0, flags("uptodate"), PageBytes.fresh(4096, 4096).blocks(0, 50))), s.pages());
    }

    // M2, M3: small blocks: empty buffers are created, and buffer page_block = 2 takes get_block's L2 result.
    @Test
    void m2m3_smallBlocks_createBuffersAndCopyTheMappingIntoTheRightOne() {
        Layout l = layout().size(4 * KB).extent(0, 100, 4).maxBlocks(2).uptodate(2).run(RunSpec.readpages(0, 1))
                .build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();
        List<Event> ev = t.events();

        // M2: created by map_buffer_to_page, with no state (the page is not uptodate), before the fallback.
        int created = Runs.indexOf(ev, 0, Events.BuffersCreate.class, b -> b.page() == 0);
        int fellBack = Runs.indexOf(ev, 0, Events.Fallback.class, f -> f.page() == 0);
        assertTrue(created >= 0 && created < fellBack);
        Events.BuffersCreate c = (Events.BuffersCreate) ev.get(created);
        assertEquals(List.of(4, 0), List.of(c.count(), c.state()));
        // M3: buffer 2 (and only it) gets L2's state and block.
        List<Events.BufferState> copied = new ArrayList<>();
        for (Events.BufferState b : Runs.events(t, Events.BufferState.class)) {
            if ("map_buffer_to_page".equals(b.fn())) {
                copied.add(b);
            }
        }
        assertEquals(1, copied.size());
        assertEquals(List.of(0L, 2L, 102L), List.of(copied.get(0).page(), (long) copied.get(0).buffer(),
                copied.get(0).block()));
        int both = BhState.MAPPED.bit() | BhState.UPTODATE.bit();
        assertEquals(both, copied.get(0).set() & both);
        // block_read_full_page reads buffers 0, 1 and 3 only.
        assertEquals(List.of(fallback(0, "get-block-uptodate"), readBh(100, 0), readBh(101, 0), readBh(103, 0)),
                s.submissions());
        assertEquals(List.of(read(200, 4, times(2, "bh")), read(206, 2, "bh")), s.requests());
        assertEquals(List.of(page(0, flags("uptodate"), ofBlocks(100, 101, 102, 103))), s.pages());
    }
}
