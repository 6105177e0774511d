package mpageviz.kernel;

import static mpageviz.testutil.Expected.fallback;
import static mpageviz.testutil.Expected.flags;
import static mpageviz.testutil.Expected.page;
import static mpageviz.testutil.Expected.read;
import static mpageviz.testutil.Expected.readBh;
import static mpageviz.testutil.Expected.write;
import static mpageviz.testutil.Expected.writeBh;
import static mpageviz.testutil.LayoutBuilder.layout;
import static mpageviz.testutil.PageBytes.ofBlocks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.testutil.LayoutBuilder;
import mpageviz.testutil.PageBytes;
import mpageviz.testutil.Runs;
import mpageviz.trace.Event;
import mpageviz.trace.Events;
import mpageviz.trace.Summary;
import mpageviz.trace.Trace;

/**
 * The buffer-head paths mpage falls back to (kernel-semantics.md §3, §4): block_read_full_page with
 * end_buffer_async_read, and block_write_full_page with its EOF handling and recover path. 4 KiB pages, 1 KiB
 * blocks (block b = sector 2b).
 */
class BufferPathTest {
    private static final int KB = 1024;
    private static final String MUD = "mapped,uptodate,dirty@";

    private static PageBytes cached(long index) {
        return PageBytes.cached(index, 4096, KB);
    }

    /** Events that unlock page {@code index}, as positions in the event list. */
    private static List<Integer> unlocks(List<Event> ev, long index) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < ev.size(); i++) {
            if (ev.get(i) instanceof Events.PageFlags) {
                Events.PageFlags p = (Events.PageFlags) ev.get(i);
                if (p.page() == index && (p.clear() & PageFlag.LOCKED.bit()) != 0) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    private static int lastBioEnd(List<Event> ev) {
        int last = -1;
        for (int i = 0; i < ev.size(); i++) {
            if (ev.get(i) instanceof Events.BioEnd) {
                last = i;
            }
        }
        return last;
    }

    /** Page 0 with blocks 100, 101, 300, 301: mpage gives up (discontiguous), the buffer path reads it. */
    private static LayoutBuilder fragmentedPage() {
        return layout().size(4 * KB).extent(0, 100, 2).extent(2, 300, 2).run(RunSpec.readpages(0, 1));
    }

    // ------------------------------------------------------------------ block_read_full_page

    // Holes are zeroed over whatever the page held and count as uptodate; mapped buffers are read.
    @Test
    void read_holesAreZeroedAndMappedBuffersRead() {
        Layout l = layout().size(4 * KB).extent(1, 101, 1).extent(3, 103, 1)
                .pageWithBuffers(0, List.of(), "", "", "", "").run(RunSpec.readpage(0)).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(fallback(0, "page-has-buffers"), readBh(101, 0), readBh(103, 0)), s.submissions());
        assertEquals(List.of(read(202, 2, "bh"), read(206, 2, "bh")), s.requests());
        PageBytes bytes = PageBytes.fresh(4096, KB).blocks(1, 101).blocks(3, 103);
        assertEquals(List.of(page(0, flags("uptodate"), bytes)), s.pages());
    }

    // One submit_bh per buffer, each a 2-sector bio; the plug merges neighbours into requests.
    @Test
    void read_oneSubmitBhPerBufferMergedByThePlug() {
        Trace t = Runs.trace(fragmentedPage().build());
        Summary s = t.summary();

        assertEquals(List.of(fallback(0, "discontiguous"), readBh(100, 0), readBh(101, 0), readBh(300, 0),
                readBh(301, 0)), s.submissions());
        List<Events.BioSubmit> bh = new ArrayList<>();
        for (Events.BioSubmit b : Runs.events(t, Events.BioSubmit.class)) {
            if ("bh".equals(b.source())) {
                bh.add(b);
            }
        }
        assertEquals(4, bh.size());
        for (Events.BioSubmit b : bh) {
            assertEquals(2, b.sectors());
        }
        assertEquals(List.of(read(200, 4, "bh", "bh"), read(600, 4, "bh", "bh")), s.requests());
        assertEquals(List.of(page(0, flags("uptodate"), ofBlocks(100, 101, 300, 301))), s.pages());
    }

    // The page is unlocked once, by the completion of its last buffer.
    @Test
    void read_pageUnlockedByTheLastBufferCompletion() {
        Trace t = Runs.trace(fragmentedPage().build());
        List<Event> ev = t.events();

        List<Integer> unlocks = unlocks(ev, 0);
        assertEquals(1, unlocks.size());
        assertEquals("end_buffer_async_read", ((Events.PageFlags) ev.get(unlocks.get(0))).fn());
        assertTrue(unlocks.get(0) > lastBioEnd(ev));
    }

    // Unplugged, each buffer's I/O completes inside its submit_bh: the first completions must not unlock the
    // page (all buffers were marked async before any was submitted); the fourth does.
    @Test
    void read_unplugged_earlyCompletionsDoNotUnlockThePage() {
        Trace t = Runs.trace(fragmentedPage().blockLayer(false, true, false).build());
        List<Event> ev = t.events();

        assertEquals(4, t.summary().requests().size());
        List<Integer> unlocks = unlocks(ev, 0);
        assertEquals(1, unlocks.size());
        assertTrue(unlocks.get(0) > lastBioEnd(ev));
        assertEquals(List.of(page(0, flags("uptodate"), ofBlocks(100, 101, 300, 301))), t.summary().pages());
    }

    // A buffer read that fails (bad sector under block 300): that buffer is not uptodate, PG_error is set, the
    // page is still unlocked by the last completion and never becomes uptodate; the good buffers hold their data.
    @Test
    void read_bufferReadError_pageErrorAndNotUptodate() {
        Summary s = Runs.summary(fragmentedPage().badSectors(600, 1).build());

        assertEquals(List.of(read(200, 4, "bh", "bh"), read(600, 4, "bh", "bh")), s.requests());
        PageBytes bytes = PageBytes.fresh(4096, KB).blocks(0, 100, 101).blocks(3, 301);
        assertEquals(List.of(page(0, flags("error"), bytes)), s.pages());
    }

    // get_block fails for L1: that buffer is zeroed and not uptodate; the others are read; the page ends with
    // PG_error and not uptodate.
    @Test
    void read_getBlockError_setsPageErrorAndLeavesPageNotUptodate() {
        Layout l = layout().size(4 * KB).extent(0, 100, 4).maxBlocks(1).error(1, "EIO").page(0)
                .run(RunSpec.readpage(0)).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(fallback(0, "get-block-error"), readBh(100, 0), readBh(102, 0), readBh(103, 0)),
                s.submissions());
        assertEquals(List.of(read(200, 2, "bh"), read(204, 4, "bh", "bh")), s.requests());
        PageBytes bytes = PageBytes.fresh(4096, KB).blocks(0, 100).blocks(2, 102, 103);
        assertEquals(List.of(page(0, flags("error"), bytes)), s.pages());
    }

    // Nothing to read (error on L0, holes after it): no I/O; PG_error keeps the page from becoming uptodate.
    @Test
    void read_nothingToReadWithError_unlocksWithoutUptodate() {
        Layout l = layout().size(4 * KB).error(0, "EIO").page(0).run(RunSpec.readpage(0)).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(fallback(0, "get-block-error")), s.submissions());
        assertEquals(List.of(), s.requests());
        assertEquals(List.of(page(0, flags("error"), PageBytes.fresh(4096, KB))), s.pages());
    }

    // ------------------------------------------------------------------ block_write_full_page

    // A page wholly past EOF: its buffers are invalidated and freed, the page unlocked, and nothing written.
    @Test
    void write_pagePastEof_isInvalidatedWithoutIo() {
        Layout l = layout().size(4 * KB).extent(0, 100, 12)
                .pageWithBuffers(2, List.of("uptodate", "dirty"), MUD + 108, MUD + 109, MUD + 110, MUD + 111)
                .run(RunSpec.writepage(2, "none")).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of(fallback(2, "beyond-eof")), s.submissions());
        assertEquals(List.of(), s.requests());
        assertEquals(List.of(page(2, flags("uptodate"), cached(2))), s.pages());
        List<Events.BuffersFree> freed = Runs.events(t, Events.BuffersFree.class);
        assertEquals(1, freed.size());
        assertEquals(2, freed.get(0).page());
    }

    // A page straddling EOF (i_size = 1524) is zeroed from i_size; the buffer past EOF is not written and the
    // unmapped dirty buffer inside EOF is allocated and written.
    @Test
    void write_straddlingPage_isZeroedPastEof() {
        Layout l = layout().size(KB + 500).extent(0, 100, 1).allocator(300, 310)
                .pageWithBuffers(0, List.of("uptodate", "dirty"), MUD + 100, "uptodate,dirty", "uptodate,dirty",
                        "uptodate,dirty")
                .run(Runs.writepagesAll("none")).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(fallback(0, "unmapped-dirty-buffer"), writeBh(100, 0), writeBh(300, 0)),
                s.submissions());
        assertEquals(List.of(write(200, 2, "bh"), write(600, 2, "bh")), s.requests());
        assertEquals(List.of(page(0, flags("uptodate"), cached(0).zeroFrom(KB + 500))), s.pages());
    }

    // A buffer write that fails (bad sector under block 300): PG_error and AS_EIO; writeback still ends and the
    // page is not redirtied.
    @Test
    void write_bufferWriteError_setsPageErrorAndAsEio() {
        Layout l = layout().size(4 * KB).extent(0, 100, 2).extent(2, 300, 2).badSectors(600, 1)
                .pageWithBuffers(0, List.of("uptodate", "dirty"), MUD + 100, MUD + 101, MUD + 300, MUD + 301)
                .run(Runs.writepagesAll("none")).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of(fallback(0, "discontiguous"), writeBh(100, 0), writeBh(101, 0), writeBh(300, 0),
                writeBh(301, 0)), s.submissions());
        assertEquals(List.of(write(200, 4, "bh", "bh"), write(600, 4, "bh", "bh")), s.requests());
        assertEquals(List.of(page(0, flags("error", "uptodate"), cached(0))), s.pages());
        List<Events.MappingError> errors = Runs.events(t, Events.MappingError.class);
        assertEquals(1, errors.size());
        assertEquals(List.of("end_buffer_async_write", "AS_EIO"), List.of(errors.get(0).fn(), errors.get(0).flag()));
    }

    // get_block(create) fails with ENOSPC (no allocator) on L1: the recover path writes the mapped dirty
    // buffers (L0, L3), drops the rest, records AS_ENOSPC and returns the error, which stops the walk.
    @Test
    void write_getBlockError_takesTheRecoverPath() {
        Layout l = layout().size(4 * KB).extent(0, 100, 1).extent(3, 103, 1)
                .pageWithBuffers(0, List.of("uptodate", "dirty"), MUD + 100, "uptodate,dirty", "uptodate,dirty",
                        MUD + 103)
                .run(Runs.writepagesAll("none")).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of(fallback(0, "unmapped-dirty-buffer"), writeBh(100, 0), writeBh(103, 0)),
                s.submissions());
        assertEquals(List.of(write(200, 2, "bh"), write(206, 2, "bh")), s.requests());
        assertEquals(List.of(page(0, flags("error", "uptodate"), cached(0))), s.pages());
        List<String> errors = new ArrayList<>();
        for (Events.MappingError e : Runs.events(t, Events.MappingError.class)) {
            errors.add(e.fn() + ":" + e.flag());
        }
        assertEquals(List.of("__block_write_full_page:AS_ENOSPC", "mapping_set_error:AS_ENOSPC"), errors);
        assertEquals(-Errno.ENOSPC, Runs.result(l).ret());
    }
}
