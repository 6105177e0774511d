package mpageviz.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import mpageviz.layout.Layout;
import mpageviz.testutil.PropertyChecks;
import mpageviz.testutil.RandomLayouts;
import mpageviz.testutil.Reference;
import mpageviz.trace.Summary;

/**
 * readpages with no faults against a plain reference: every page the call reads ends uptodate, unlocked, without
 * error and holding exactly the stamps of its mapped blocks below EOF (zeros elsewhere); the image is untouched;
 * bios and requests respect the queue limits; each bio is disk-contiguous over ascending pages; and each page is
 * read by exactly one of a bio vec or the buffer-head fallback, or by nothing when it is all hole.
 */
class ReadPropertyTest {
    private static final Map<Path, String> IMAGE_SHA = new ConcurrentHashMap<>();

    @Provide
    Arbitrary<Layout> reads() {
        return RandomLayouts.reads();
    }

    @Provide
    Arbitrary<Layout> readsWithQuirks() {
        return RandomLayouts.readsWithUptodateAndCleancache();
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void readpagesMatchesThePlainReference(@ForAll("reads") Layout layout) throws Exception {
        PropertyChecks.about(layout, () -> check(layout));
    }

    /**
     * get_block uptodate blocks and cleancache pages bring no fault: the filesystem or cleancache copies the
     * on-disk bytes itself, so the pages end exactly as the reference says. Such a page may need no I/O at all
     * (a cleancache hit, or an uptodate block filling a one-block page), so here a non-hole page is read by at
     * most one bio vec or fallback.
     */
    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void uptodateBlocksAndCleancacheGiveTheSameBytes(@ForAll("readsWithQuirks") Layout layout) throws Exception {
        PropertyChecks.about(layout, () -> check(layout));
    }

    /** What the tries exercised: geometry, and every reason a bio was sent or a page fell back. */
    private static void collectStatistics(Layout layout, Summary s) {
        Statistics.label("geometry").collect(layout.geometry().pageSize() + "/" + layout.geometry().blockSize());
        for (Summary.Submission sub : s.submissions()) {
            if (sub.reason() != null) {
                Statistics.label("reasons").collect(sub.kind() + " " + sub.reason());
            }
        }
        Statistics.label("requests merged").collect(s.requests().stream().anyMatch(rq -> rq.from().size() > 1));
    }

    /** A page that cleancache or a get_block uptodate block may fill without a bio vec or a fallback. */
    private static boolean fillsItself(Layout layout, long page) {
        if (layout.blocksPerPage() == 1 && (layout.cleancache().contains(page)
                || layout.getBlock().uptodate().contains(page))) {
            return true;
        }
        return false;
    }

    private static void check(Layout layout) throws Exception {
        Path image = Path.of(layout.device().image());
        String before = IMAGE_SHA.computeIfAbsent(image, p -> {
            try {
                return PropertyChecks.fileSha256(p);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Runner.Result r = Runner.run(layout, Runner.Options.quiet());
        Summary s = r.summary();
        collectStatistics(layout, s);
        assertEquals(before, PropertyChecks.fileSha256(image), "a read run changed the image");
        assertEquals(0, r.ret(), "readpages returns 0");

        int bs = layout.geometry().blockSize();
        int bpp = layout.blocksPerPage();
        long eof = Reference.blocksBelowEof(layout);

        // The pages read: the readahead list minus the alreadyCached ones, which are skipped.
        TreeSet<Long> read = new TreeSet<>();
        TreeSet<Long> skipped = new TreeSet<>();
        for (long p : layout.run().readaheadPages()) {
            Layout.PageSpec spec = layout.pageSpec(p);
            if (spec != null && spec.alreadyCached()) {
                skipped.add(p);
            } else {
                read.add(p);
            }
        }

        // Final page states and bytes.
        List<Long> listed = new ArrayList<>();
        for (Summary.PageResult pr : s.pages()) {
            listed.add(pr.index());
            assertTrue(pr.flags().contains("uptodate"), "page " + pr.index() + " not uptodate: " + pr.flags());
            assertFalse(pr.flags().contains("locked"), "page " + pr.index() + " left locked");
            assertFalse(pr.flags().contains("error"), "page " + pr.index() + " has an error");
            assertEquals(Reference.sha256(Reference.readPage(layout, pr.index())), pr.sha256(),
                    "page " + pr.index() + " bytes differ from the reference");
        }
        assertEquals(new ArrayList<>(read), listed, "summary.pages are the pages read, ascending");

        // Submissions: bios within limits and contiguous; coverage of each page.
        Map<Long, Integer> cover = new HashMap<>();
        TreeSet<Long> skippedSeen = new TreeSet<>();
        int maxVecs = Math.min(layout.device().maxSegments(), 256);
        for (Summary.Submission sub : s.submissions()) {
            switch (sub.kind()) {
                case Summary.Submission.BIO: {
                    assertEquals("read", sub.rw());
                    long bytes = 0;
                    long block = sub.sector() * 512 / bs;
                    assertEquals(0, sub.sector() * 512 % bs, "bio starts on a block boundary");
                    long prevPage = -1;
                    for (Summary.Vec v : sub.vecs()) {
                        assertTrue(v.page() > prevPage, "bio vecs in ascending page order: " + sub.vecs());
                        prevPage = v.page();
                        assertTrue(v.length() > 0 && v.length() % bs == 0, "vec length " + v.length());
                        for (int j = 0; j < v.length() / bs; j++) {
                            long l = v.page() * bpp + j;
                            assertTrue(l < eof, "bio reads logical block " + l + " past EOF");
                            assertEquals(block, Reference.physical(layout, l),
                                    "bio at sector " + sub.sector() + " is not disk-contiguous at page " + v.page()
                                            + " block " + j);
                            block++;
                        }
                        bytes += v.length();
                        cover.merge(v.page(), 1, Integer::sum);
                    }
                    assertTrue(bytes / 512 <= layout.device().maxSectors(),
                            "bio of " + bytes / 512 + " sectors exceeds maxSectors");
                    assertTrue(sub.vecs().size() <= maxVecs, "bio of " + sub.vecs().size() + " vecs");
                    break;
                }
                case Summary.Submission.FALLBACK:
                    cover.merge(sub.page(), 1, Integer::sum);
                    break;
                case Summary.Submission.SKIPPED:
                    skippedSeen.add(sub.page());
                    break;
                default:
                    assertEquals("read", sub.rw(), "every submission of a read run reads");
                    break;
            }
        }
        assertEquals(skipped, skippedSeen, "skipped pages are exactly the alreadyCached ones");
        for (long p : read) {
            int n = cover.getOrDefault(p, 0);
            if (Reference.wholeHole(layout, p)) {
                assertEquals(0, n, "page " + p + " is all hole and needs no I/O");
            } else if (fillsItself(layout, p)) {
                assertTrue(n <= 1, "page " + p + " is read by at most one bio vec or fallback");
            } else {
                assertEquals(1, n, "page " + p + " is read by exactly one bio vec or fallback");
            }
        }
        for (long p : cover.keySet()) {
            assertTrue(read.contains(p), "I/O for page " + p + " that is not read");
        }
        for (Summary.Request rq : s.requests()) {
            assertEquals("read", rq.rw());
            assertTrue(rq.sectors() <= layout.device().maxSectors(),
                    "request of " + rq.sectors() + " sectors exceeds maxSectors");
        }
    }
}
