package mpageviz.kernel;

import static mpageviz.testutil.Expected.fallback;
import static mpageviz.testutil.Expected.flags;
import static mpageviz.testutil.Expected.page;
import static mpageviz.testutil.Expected.vec;
import static mpageviz.testutil.Expected.vecs;
import static mpageviz.testutil.Expected.write;
import static mpageviz.testutil.Expected.writeBio;
import static mpageviz.testutil.LayoutBuilder.layout;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.layout.SyntheticImage;
import mpageviz.testutil.LayoutBuilder;
import mpageviz.testutil.PageBytes;
import mpageviz.testutil.Runs;
import mpageviz.trace.Events;
import mpageviz.trace.Probe;
import mpageviz.trace.Summary;
import mpageviz.trace.Trace;

/**
 * write_cache_pages as mpage_writepages drives it (kernel-semantics.md §5.3, §13.4): which dirty pages are
 * written, in which order, what is skipped, waited for or left alone, and where the walk stops. 4 KiB pages,
 * 1 KiB blocks, the file's blocks contiguous from disk block 100 (page i at sector 200 + 8i) unless a test says
 * otherwise.
 */
class WriteCachePagesTest {
    private static final int KB = 1024;
    private static final List<String> UPTODATE = flags("uptodate");

    private static PageBytes cached(long index) {
        return PageBytes.cached(index, 4096, KB);
    }

    /** A file of {@code pages} pages on contiguous blocks from 100. */
    private static LayoutBuilder file(int pages) {
        return layout().size(pages * 4L * KB).extent(0, 100, pages * 4L);
    }

    /** Page indexes of the summary's pages: the pages the walk locked. */
    private static List<Long> touched(Summary s) {
        List<Long> out = new ArrayList<>();
        for (Summary.PageResult p : s.pages()) {
            out.add(p.index());
        }
        return out;
    }

    /** write_cache_pages' decisions, as "page:action". */
    private static List<String> actions(Trace t) {
        List<String> out = new ArrayList<>();
        for (Events.Writeback w : Runs.events(t, Events.Writeback.class)) {
            out.add(w.page() + ":" + w.action());
        }
        return out;
    }

    // A clean page is not tagged dirty: the walk never even locks it, and the written pages around it are not
    // adjacent.
    @Test
    void notDirty_cleanPageIsNeitherLockedNorWritten() {
        Layout l = file(3).dirtyPages(0, 0).page(1, "uptodate").dirtyPages(2, 2).run(Runs.writepagesAll("none"))
                .build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of(writeBio(200, "not-contiguous-with-bio", vec(0)), writeBio(216, "end-of-call", vec(2))),
                s.submissions());
        assertEquals(List.of(write(200, 8, "bio"), write(216, 8, "bio")), s.requests());
        assertEquals(List.of(0L, 2L), touched(s));
        assertEquals(List.of("0:write", "2:write"), actions(t));
    }

    // WB_SYNC_NONE: a page already under writeback is unlocked and skipped; it stays dirty and under writeback.
    @Test
    void writebackNone_skipsThePageUnderWriteback() {
        Trace t = Runs.trace(underWriteback("none"));
        Summary s = t.summary();

        assertEquals(List.of(writeBio(200, "boundary", vec(0)), writeBio(216, "end-of-call", vec(2))),
                s.submissions());
        assertEquals(List.of(write(200, 8, "bio"), write(216, 8, "bio")), s.requests());
        assertEquals(List.of(page(0, UPTODATE, cached(0)), page(1, flags("dirty", "uptodate", "writeback"), cached(1)),
                page(2, UPTODATE, cached(2))), s.pages());
        assertEquals(List.of("0:write", "1:skip-writeback", "2:write"), actions(t));
    }

    // WB_SYNC_ALL: the walk waits for that writeback, which flushes the plug: page 0's request goes to the disk
    // alone, so pages 1 and 2 cannot merge behind it (compare plug_backMerge in BlockLayerTest).
    @Test
    void writebackAll_waitsAndTheWaitFlushesThePlug() {
        Trace t = Runs.trace(underWriteback("all"));
        Summary s = t.summary();

        assertEquals(List.of(writeBio(200, "boundary", vec(0)), writeBio(208, "end-of-call", vec(1), vec(2))),
                s.submissions());
        assertEquals(List.of(write(200, 8, "bio"), write(208, 16, "bio")), s.requests());
        assertEquals(List.of(page(0, UPTODATE, cached(0)), page(1, UPTODATE, cached(1)), page(2, UPTODATE, cached(2))),
                s.pages());
        assertEquals(List.of("0:write", "1:wait-writeback", "1:write", "2:write"), actions(t));
        Events.PlugFlush first = Runs.events(t, Events.PlugFlush.class).get(0);
        assertEquals(List.of("page-writeback", "1"), List.of(first.reason(), String.valueOf(first.requests())));
    }

    /** Pages 0..2 dirty, page 1 also under writeback; BH_Boundary on L3 sends page 0's bio at once. */
    private static Layout underWriteback(String syncMode) {
        return file(3).boundary(3).dirtyPages(0, 0).page(1, "uptodate", "dirty", "writeback").dirtyPages(2, 2)
                .run(Runs.writepagesAll(syncMode)).build();
    }

    // nr_to_write = 2 with WB_SYNC_NONE: the walk stops after two pages.
    @Test
    void nrToWrite_none_stopsWhenTheBudgetIsSpent() {
        Layout l = file(4).dirtyPages(0, 3).run(Runs.writepages("none", 0, -1, 2, false)).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(writeBio(200, "end-of-call", vec(0), vec(1))), s.submissions());
        assertEquals(List.of(0L, 1L), touched(s));
    }

    // nr_to_write = 2 with WB_SYNC_ALL: data integrity ignores the budget.
    @Test
    void nrToWrite_all_ignoresTheBudget() {
        Layout l = file(4).dirtyPages(0, 3).run(Runs.writepages("all", 0, -1, 2, false)).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(writeBio(200, "end-of-call", vecs(0, 3))), s.submissions());
        assertEquals(List.of(0L, 1L, 2L, 3L), touched(s));
    }

    // range 1..2: only pages 1 and 2 are written.
    @Test
    void rangeEnd_limitsTheWalkToTheRange() {
        Layout l = file(4).dirtyPages(0, 3).run(RunSpec.writepages("none", 1, 2)).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(writeBio(208, "end-of-call", vec(1), vec(2))), s.submissions());
        assertEquals(List.of(write(208, 16, "bio")), s.requests());
        assertEquals(List.of(1L, 2L), touched(s));
    }

    // range 0..2 with dirty pages 1 and 5: the lookup returns page 5 too; page->index > end stops the walk.
    @Test
    void rangeEnd_pageFoundPastTheEndStopsTheWalk() {
        Layout l = file(6).dirtyPages(1, 1).dirtyPages(5, 5).run(RunSpec.writepages("none", 0, 2)).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(writeBio(208, "end-of-call", vec(1))), s.submissions());
        assertEquals(List.of(1L), touched(s));
    }

    // range_cyclic from writeback_index = 2: pages 2, 3, then the wrap to 0, 1. Page 0 does not follow page 3 on
    // disk, so two bios; the second front-merges in the plug.
    @Test
    void cyclic_startsAtWritebackIndexAndWraps() {
        Layout l = file(4).dirtyPages(0, 3).run(Runs.writepages("none", 2, -1, -1, true)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of("2:write", "3:write", "0:write", "1:write"), actions(t));
        assertEquals(List.of(writeBio(216, "not-contiguous-with-bio", vec(2), vec(3)),
                writeBio(200, "end-of-call", vec(0), vec(1))), s.submissions());
        assertEquals(List.of(write(200, 32, "bio", "bio")), s.requests());
    }

    // get_block(create) fails with ENOSPC on page 1's hole (no allocator): the error is recorded on the mapping
    // (AS_ENOSPC, by writepage's recover path and again by mpage) and the walk stops: page 2 is never locked.
    @Test
    void getBlockError_enospcStopsTheWalk() {
        Layout l = layout().size(12 * KB).extent(0, 100, 4).extent(5, 105, 7).dirtyPages(0, 2)
                .run(Runs.writepagesAll("none")).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of(writeBio(200, "before-fallback", vec(0)), fallback(1, "get-block-error")),
                s.submissions());
        assertEquals(List.of(write(200, 8, "bio")), s.requests());
        assertEquals(List.of(page(0, UPTODATE, cached(0)), page(1, flags("error", "uptodate"), cached(1))),
                s.pages());
        List<String> errors = new ArrayList<>();
        for (Events.MappingError e : Runs.events(t, Events.MappingError.class)) {
            errors.add(e.fn() + ":" + e.flag());
        }
        assertEquals(List.of("__block_write_full_page:AS_ENOSPC", "mapping_set_error:AS_ENOSPC"), errors);
        assertEquals(List.of("0:write", "1:write", "1:stop-error"), actions(t));
        assertEquals(-Errno.ENOSPC, Runs.result(l).ret());
    }

    // The single-page writepage call: a page under writeback is left alone with WB_SYNC_NONE...
    @Test
    void writepage_underWritebackNone_givesUp() {
        Layout l = file(2).page(1, "uptodate", "dirty", "writeback").run(RunSpec.writepage(1, "none")).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(), s.submissions());
        assertEquals(List.of(page(1, flags("dirty", "uptodate", "writeback"), cached(1))), s.pages());
    }

    // ...and waited for, then written, with WB_SYNC_ALL.
    @Test
    void writepage_underWritebackAll_waitsThenWrites() {
        Layout l = file(2).page(1, "uptodate", "dirty", "writeback").run(RunSpec.writepage(1, "all")).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(writeBio(208, "end-of-call", vec(1))), s.submissions());
        assertEquals(List.of(page(1, UPTODATE, cached(1))), s.pages());
    }

    // ------------------------------------------------------------------ writeback_index and tags, directly

    /**
     * write_cache_pages on its own, over dirty pages 0..{@code pages - 1}, with a writepage that records the
     * page, runs it through writeback and unlocks it, failing on {@code failAt}.
     */
    private static final class Walk implements AutoCloseable {
        final Kernel k;
        private final BlockDevice bdev;
        final List<Long> written = new ArrayList<>();
        long failAt = -1;
        long redirtyAt = -1;
        long redirtyPage = -1;

        Walk(Path dir, int pages) throws Exception {
            Path image = Files.createTempFile(dir, "walk-", ".img");
            SyntheticImage.write(image, 64, KB);
            bdev = new BlockDevice(image, KB, 64, true);
            k = new Kernel(Probe.OFF, new Kernel.Settings(4096, KB, pages * 4096L, 1024, 128, true, true, false,
                    false, false), bdev);
            for (long i = 0; i < pages; i++) {
                k.addCachedPage(i, PageFlag.bits(List.of("uptodate", "dirty")));
            }
        }

        int run(WritebackControl wbc) {
            return new Writeback(k).writeCachePages(wbc, (page, w) -> {
                written.add(page.index);
                if (page.index == redirtyAt) {
                    // Someone dirties another page while the walk is running.
                    Page other = k.mapping.find(redirtyPage);
                    other.set("test", PageFlag.DIRTY);
                    other.tagDirty = true;
                }
                if (page.index == failAt) {
                    page.unlock("test");
                    return -Errno.EIO;
                }
                k.bufferIo.setPageWriteback(page);
                page.unlock("test");
                k.bufferIo.endPageWriteback(page);
                return 0;
            });
        }

        @Override
        public void close() throws Exception {
            bdev.close();
        }
    }

    private static WritebackControl cyclic(boolean all, long nrToWrite) {
        return new WritebackControl(all, nrToWrite, 0, WritebackControl.LLONG_MAX, true);
    }

    // Cyclic: writeback_index = done_index, the index of the last page examined (not the one after it).
    @Test
    void writebackIndex_cyclic_isTheLastPageExamined(@TempDir Path dir) throws Exception {
        try (Walk w = new Walk(dir, 4)) {
            w.k.mapping.writebackIndex = 2;
            w.run(cyclic(false, Long.MAX_VALUE));

            assertEquals(List.of(2L, 3L, 0L, 1L), w.written);
            assertEquals(1, w.k.mapping.writebackIndex);
        }
    }

    // Budget exhausted (WB_SYNC_NONE): the walk stops and writeback_index stays at the page just written.
    @Test
    void writebackIndex_cyclicBudget_staysOnTheLastPageWritten(@TempDir Path dir) throws Exception {
        try (Walk w = new Walk(dir, 4)) {
            w.k.mapping.writebackIndex = 2;
            w.run(cyclic(false, 1));

            assertEquals(List.of(2L), w.written);
            assertEquals(2, w.k.mapping.writebackIndex);
        }
    }

    // An error stops the walk, returns the error, and moves writeback_index past the failing page.
    @Test
    void writebackIndex_error_pointsPastTheFailingPage(@TempDir Path dir) throws Exception {
        try (Walk w = new Walk(dir, 4)) {
            w.failAt = 1;
            int ret = w.run(new WritebackControl(false, Long.MAX_VALUE, 0, WritebackControl.LLONG_MAX, false));

            assertEquals(-Errno.EIO, ret);
            assertEquals(List.of(0L, 1L), w.written);
            assertEquals(2, w.k.mapping.writebackIndex);
        }
    }

    // A ranged (not whole-file, not cyclic) walk leaves writeback_index alone.
    @Test
    void writebackIndex_rangedWalk_isNotUpdated(@TempDir Path dir) throws Exception {
        try (Walk w = new Walk(dir, 4)) {
            w.k.mapping.writebackIndex = 3;
            w.run(new WritebackControl(false, Long.MAX_VALUE, 4096, 2 * 4096 - 1, false));

            assertEquals(List.of(1L), w.written);
            assertEquals(3, w.k.mapping.writebackIndex);
        }
    }

    // WB_SYNC_ALL tags the pages to write (TOWRITE) first: a page dirtied during the walk is left for later,
    // while WB_SYNC_NONE, which looks pages up by the DIRTY tag, writes it in the same walk.
    @Test
    void tagging_all_ignoresPagesDirtiedDuringTheWalk(@TempDir Path dir) throws Exception {
        assertEquals(List.of(0L, 1L, 2L), walkRedirtyingPage3(dir, true));
        assertEquals(List.of(0L, 1L, 2L, 3L), walkRedirtyingPage3(dir, false));
    }

    /** Pages 0..2 dirty, page 3 clean until page 0 is written; the pages the walk wrote. */
    private static List<Long> walkRedirtyingPage3(Path dir, boolean syncAll) throws Exception {
        try (Walk w = new Walk(dir, 4)) {
            Page p3 = w.k.mapping.find(3);
            p3.clear("test", PageFlag.DIRTY);
            p3.tagDirty = false;
            w.redirtyAt = 0;
            w.redirtyPage = 3;
            w.run(new WritebackControl(syncAll, Long.MAX_VALUE, 0, WritebackControl.LLONG_MAX, false));
            return w.written;
        }
    }
}
