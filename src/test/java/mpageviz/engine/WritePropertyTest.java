package mpageviz.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import mpageviz.layout.Layout;
import mpageviz.testutil.PropertyChecks;
import mpageviz.testutil.RandomLayouts;
import mpageviz.testutil.Reference;
import mpageviz.trace.Summary;

/**
 * writepages(WB_SYNC_ALL, whole file) with no faults against a plain per-block reference write: every block below
 * EOF of every dirty page lands at its mapped block, or at the block the allocator hands that hole (holes get
 * allocator blocks in page order, block order), holding the page's bytes with everything at or past i_size zero;
 * every other block of the image is unchanged (a metadata block written back by write_boundary_block holds what
 * it was read with, so it is unchanged too). No page is left locked, dirty or under writeback, and no disk block
 * or page is written twice.
 */
class WritePropertyTest {
    private static final Map<Path, byte[]> ORIGINAL = new ConcurrentHashMap<>();

    @Provide
    Arbitrary<Layout> writes() {
        return RandomLayouts.writes();
    }

    @Provide
    Arbitrary<Layout> writesInRanges() {
        return RandomLayouts.writesInRanges();
    }

    @Property(tries = 250, edgeCases = EdgeCasesMode.NONE)
    void writepagesMatchesThePlainReference(@ForAll("writes") Layout layout) throws Exception {
        PropertyChecks.about(layout, () -> check(layout));
    }

    /**
     * The same with WB_SYNC_NONE or WB_SYNC_ALL over a random page range, or cyclic from a random writeback_index
     * (which writes the dirty pages from there to the end, then from 0: the allocator follows that order). Dirty
     * pages outside the range stay dirty and untouched.
     */
    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void writepagesOverARangeMatchesThePlainReference(@ForAll("writesInRanges") Layout layout) throws Exception {
        PropertyChecks.about(layout, () -> check(layout));
    }

    private static byte[] original(Path image) {
        return ORIGINAL.computeIfAbsent(image, p -> {
            try {
                return Files.readAllBytes(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The image a plain block-by-block write of the dirty pages gives. */
    static byte[] referenceImage(Layout layout, byte[] original) {
        byte[] expected = original.clone();
        int bs = layout.geometry().blockSize();
        int bpp = layout.blocksPerPage();
        long eof = Reference.blocksBelowEof(layout);
        long nextFree = layout.file().allocator() == null ? -1 : layout.file().allocator().next();
        for (Layout.PageSpec page : sortedDirty(layout)) {
            byte[] bytes = Reference.writtenPage(layout, page.index());
            for (int j = 0; j < bpp; j++) {
                long l = page.index() * bpp + j;
                if (l >= eof) {
                    break;
                }
                long target = Reference.physical(layout, l);
                if (target < 0) {
                    target = nextFree++;
                    if (nextFree - 1 > layout.file().allocator().last()) {
                        throw new IllegalStateException("generator bug: allocator too small");
                    }
                }
                System.arraycopy(bytes, j * bs, expected, (int) (target * bs), bs);
            }
        }
        return expected;
    }

    /** The dirty pages the call writes, in the order write_cache_pages visits them. */
    private static List<Layout.PageSpec> sortedDirty(Layout layout) {
        List<Layout.PageSpec> out = new ArrayList<>();
        for (Layout.PageSpec p : layout.pageCache()) {
            if (p.has("dirty") && inRange(layout, p.index())) {
                out.add(p);
            }
        }
        long start = layout.run().rangeCyclic() ? layout.run().rangeStart() : 0;
        // Cyclic: from writeback_index to the end, then from 0.
        out.sort((a, b) -> Boolean.compare(a.index() < start, b.index() < start) != 0
                ? Boolean.compare(a.index() < start, b.index() < start) : Long.compare(a.index(), b.index()));
        return out;
    }

    private static boolean inRange(Layout layout, long index) {
        if (layout.run().rangeCyclic()) {
            return true;
        }
        return index >= layout.run().rangeStart() && (layout.run().rangeEnd() < 0 || index <= layout.run().rangeEnd());
    }

    private static void check(Layout layout) throws Exception {
        Path image = Path.of(layout.device().image());
        byte[] before = original(image);
        Runner.Result r = Runner.run(layout, Runner.Options.quiet());
        byte[] after;
        try {
            assertTrue(r.imageCopy(), "a write run works on a copy");
            after = Files.readAllBytes(r.image());
        } finally {
            if (r.imageCopy()) {
                Files.deleteIfExists(r.image());
            }
        }
        assertTrue(Arrays.equals(before, Files.readAllBytes(image)), "the original image was changed");
        Summary s = r.summary();
        collectStatistics(s);
        assertEquals(0, r.ret(), "writepages returns 0");

        int bs = layout.geometry().blockSize();
        int bpp = layout.blocksPerPage();
        byte[] expected = referenceImage(layout, before);
        if (!Arrays.equals(expected, after)) {
            for (int b = 0; b < expected.length / bs; b++) {
                if (!Arrays.equals(expected, b * bs, (b + 1) * bs, after, b * bs, (b + 1) * bs)) {
                    fail("disk block " + b + " differs from the reference write: expected \""
                            + preview(expected, b * bs) + "\", found \"" + preview(after, b * bs) + "\"");
                }
            }
        }

        // Page states and bytes.
        List<Long> dirty = new ArrayList<>();
        for (Layout.PageSpec p : sortedDirty(layout)) {
            dirty.add(p.index());
        }
        List<Long> listed = new ArrayList<>();
        for (Summary.PageResult pr : s.pages()) {
            listed.add(pr.index());
            for (String flag : List.of("locked", "writeback", "dirty", "error")) {
                assertFalse(pr.flags().contains(flag), "page " + pr.index() + " left " + flag + ": " + pr.flags());
            }
            assertEquals(Reference.sha256(Reference.writtenPage(layout, pr.index())), pr.sha256(),
                    "page " + pr.index() + " bytes");
        }
        List<Long> ascending = new ArrayList<>(dirty);
        ascending.sort(null);
        assertEquals(ascending, listed, "summary.pages are the dirty pages in range");

        // Nothing written twice: no disk block, no page by two paths or two bio vecs.
        Map<Long, Integer> blockWrites = new HashMap<>();
        Map<Long, Set<String>> pagePaths = new HashMap<>();
        Map<Long, Integer> pageVecs = new HashMap<>();
        int maxVecs = Math.min(layout.device().maxSegments(), 256);
        for (Summary.Submission sub : s.submissions()) {
            switch (sub.kind()) {
                case Summary.Submission.BIO: {
                    assertEquals("write", sub.rw());
                    long block = sub.sector() * 512 / bs;
                    long bytes = 0;
                    for (Summary.Vec v : sub.vecs()) {
                        assertTrue(v.length() > 0 && v.length() % bs == 0, "vec length " + v.length());
                        for (int j = 0; j < v.length() / bs; j++) {
                            blockWrites.merge(block++, 1, Integer::sum);
                        }
                        bytes += v.length();
                        pagePaths.computeIfAbsent(v.page(), k -> new HashSet<>()).add("bio");
                        pageVecs.merge(v.page(), 1, Integer::sum);
                    }
                    assertTrue(bytes / 512 <= layout.device().maxSectors(), "bio exceeds maxSectors");
                    assertTrue(sub.vecs().size() <= maxVecs, "bio of " + sub.vecs().size() + " vecs");
                    break;
                }
                case Summary.Submission.BH:
                    if ("write".equals(sub.rw())) {
                        blockWrites.merge(sub.block(), 1, Integer::sum);
                        if (sub.page() != null) {
                            pagePaths.computeIfAbsent(sub.page(), k -> new HashSet<>()).add("bh");
                        }
                    }
                    break;
                default:
                    break;
            }
        }
        blockWrites.forEach((block, n) -> assertEquals(1, n, "disk block " + block + " written " + n + " times"));
        pagePaths.forEach((page, paths) -> assertEquals(1, paths.size(), "page " + page + " written by " + paths));
        pageVecs.forEach((page, n) -> assertEquals(1, n, "page " + page + " in " + n + " bio vecs"));
        for (long p : dirty) {
            assertTrue(pagePaths.containsKey(p), "dirty page " + p + " was not written");
        }
        for (Summary.Request rq : s.requests()) {
            assertTrue(rq.sectors() <= layout.device().maxSectors(), "request exceeds maxSectors");
        }
    }

    private static String preview(byte[] data, int offset) {
        return new String(data, offset, 19, java.nio.charset.StandardCharsets.US_ASCII).replace("\n", "\\n")
                .replace("\0", "\\0");
    }

    private static void collectStatistics(Summary s) {
        for (Summary.Submission sub : s.submissions()) {
            if (sub.reason() != null) {
                Statistics.label("reasons").collect(sub.kind() + " " + sub.reason());
            } else {
                Statistics.label("reasons").collect(sub.kind() + (sub.page() == null ? " (no page)" : ""));
            }
        }
    }
}
