package mpageviz.layout.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import mpageviz.engine.Runner;
import mpageviz.layout.Layout;
import mpageviz.layout.LayoutReader;
import mpageviz.layout.LayoutValidator;
import mpageviz.layout.LayoutWriter;
import mpageviz.layout.RunSpec;
import mpageviz.trace.Summary;

/**
 * Generated layouts are valid, reproducible from their seed, varied, and really exercise their behaviour: every
 * behaviour over many seeds is run through the engine and its summary must show the expected outcome.
 */
class GeneratorTest {
    private static final int SEEDS = 50;

    @ParameterizedTest
    @EnumSource(Behaviour.class)
    void everySeed_givesAValidLayoutWhoseRunShowsTheBehaviour(Behaviour behaviour) throws Exception {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < SEEDS; i++) {
            long seed = 1000L * behaviour.ordinal() + i;
            Layout layout = LayoutGenerator.generate(behaviour, seed);
            String where = behaviour.kebabName() + " seed " + seed + " (" + layout.title() + ")";
            assertEquals(List.of(), LayoutValidator.problems(layout), where);
            assertFalse(layout.title().isBlank(), where + ": title");
            assertTrue(layout.notes().length() > 80 && layout.notes().contains("Watch:"), where + ": notes");
            // What the file holds reads back to the same layout.
            assertEquals(layout, LayoutReader.parse(LayoutWriter.toJson(layout), null), where + ": round trip");
            Summary summary = Runner.run(layout, Runner.Options.quiet()).summary();
            String problem = shows(LayoutGenerator.resolve(behaviour, seed), layout, summary);
            if (problem != null) {
                failures.add(where + ": " + problem + "\n  notes: " + layout.notes() + "\n  summary: "
                        + summary.submissions());
            }
        }
        assertEquals(List.of(), failures);
    }

    /** Null when the summary shows the behaviour, else what is missing. */
    static String shows(Behaviour b, Layout layout, Summary s) {
        switch (b.kind()) {
            case FALLBACK:
                return has(s, Summary.Submission.FALLBACK, b.reason()) ? null : "no fallback " + b.reason();
            case BIO:
                return has(s, Summary.Submission.BIO, b.reason()) ? null : "no bio sent for " + b.reason();
            default:
                break;
        }
        switch (b) {
            case CLEANCACHE_HIT:
                return cleancacheHit(layout, s);
            case BOUNDARY_READ:
                return boundaryRead(layout, s);
            case WRITE_BOUNDARY:
                return writeBoundary(layout, s);
            case HOLE_ALLOCATION:
                return holeAllocation(layout, s);
            case BAD_SECTOR:
                for (Summary.PageResult p : s.pages()) {
                    if (p.flags().contains("error")) {
                        return null;
                    }
                }
                return "no page ends with error";
            default:
                return "no check for " + b;
        }
    }

    private static boolean has(Summary s, String kind, String reason) {
        for (Summary.Submission sub : s.submissions()) {
            if (sub.kind().equals(kind) && reason.equals(sub.reason())) {
                return true;
            }
        }
        return false;
    }

    /** A cleancache page the call reads ends uptodate and mappedtodisk, in no bio and with no fallback. */
    private static String cleancacheHit(Layout layout, Summary s) {
        RunSpec run = layout.run();
        List<Long> called = RunSpec.READPAGE.equals(run.op()) ? List.of(run.index()) : run.readaheadPages();
        for (long page : layout.cleancache()) {
            if (!called.contains(page)) {
                continue;
            }
            boolean inBio = false;
            for (Summary.Submission sub : s.submissions()) {
                if (sub.vecs() != null && sub.vecs().stream().anyMatch(v -> v.page() == page)) {
                    inBio = true;
                }
                if (sub.page() != null && sub.page() == page) {
                    return "page " + page + " has a " + sub.kind() + " record";
                }
            }
            Summary.PageResult result = s.pages().stream().filter(p -> p.index() == page).findFirst().orElseThrow();
            if (inBio || !result.flags().containsAll(List.of("uptodate", "mappedtodisk"))) {
                return "page " + page + " was read or is not uptodate and mappedtodisk: " + result.flags();
            }
            return null;
        }
        return "no cleancache page on the call's list";
    }

    /** The boundary bio is submitted before the indirect block is read, and reaches the disk no later. */
    private static String boundaryRead(Layout layout, Summary s) {
        long indirect = layout.file().metadata().get(0).block();
        int bioAt = -1;
        int metaAt = -1;
        for (int i = 0; i < s.submissions().size(); i++) {
            Summary.Submission sub = s.submissions().get(i);
            if (bioAt < 0 && sub.kind().equals(Summary.Submission.BIO) && "boundary".equals(sub.reason())) {
                bioAt = i;
            }
            if (metaAt < 0 && sub.kind().equals(Summary.Submission.META) && sub.block() == indirect) {
                metaAt = i;
            }
        }
        if (bioAt < 0 || metaAt < 0 || bioAt > metaAt) {
            return "want a boundary bio before meta " + indirect + " (bio at " + bioAt + ", meta at " + metaAt + ")";
        }
        long sector = s.submissions().get(bioAt).sector();
        int spb = layout.geometry().blockSize() / 512;
        int bioRequest = requestHolding(s, sector);
        int metaRequest = requestHolding(s, indirect * spb);
        if (bioRequest < 0 || metaRequest < 0 || bioRequest > metaRequest) {
            return "the data request (" + bioRequest + ") is not served before the indirect block (" + metaRequest
                    + "): " + s.requests();
        }
        return null;
    }

    private static int requestHolding(Summary s, long sector) {
        for (int i = 0; i < s.requests().size(); i++) {
            Summary.Request r = s.requests().get(i);
            if (sector >= r.sector() && sector < r.sector() + r.sectors()) {
                return i;
            }
        }
        return -1;
    }

    /** write_boundary_block wrote the dirty indirect block: a bh write of it with no page. */
    private static String writeBoundary(Layout layout, Summary s) {
        long indirect = layout.file().metadata().get(0).block();
        if (!has(s, Summary.Submission.BIO, "boundary")) {
            return "no write bio sent for boundary";
        }
        for (Summary.Submission sub : s.submissions()) {
            if (sub.kind().equals(Summary.Submission.BH) && sub.page() == null && sub.block() == indirect
                    && "write".equals(sub.rw())) {
                return null;
            }
        }
        return "no bh write of " + indirect + " with page null";
    }

    /** No page fell back and a write bio covers the first block the allocator handed out. */
    private static String holeAllocation(Layout layout, Summary s) {
        long sector = layout.file().allocator().next() * (layout.geometry().blockSize() / 512);
        boolean covered = false;
        for (Summary.Submission sub : s.submissions()) {
            if (sub.kind().equals(Summary.Submission.FALLBACK)) {
                return "page " + sub.page() + " fell back (" + sub.reason() + ")";
            }
            if (sub.kind().equals(Summary.Submission.BIO) && "write".equals(sub.rw())) {
                long bytes = sub.vecs().stream().mapToLong(Summary.Vec::length).sum();
                covered |= sector >= sub.sector() && sector < sub.sector() + bytes / 512;
            }
        }
        return covered ? null : "no write bio covers allocated sector " + sector;
    }

    @Test
    void sameSeed_givesIdenticalJson() {
        for (Behaviour b : Behaviour.values()) {
            for (long seed : new long[] {0, 7, -3, Long.MAX_VALUE}) {
                assertEquals(LayoutWriter.toJson(LayoutGenerator.generate(b, seed)),
                        LayoutWriter.toJson(LayoutGenerator.generate(b, seed)), b + " seed " + seed);
            }
        }
    }

    @Test
    void batch_layoutIUsesTheDerivedSeed() {
        List<Layout> batch = LayoutGenerator.generate(Behaviour.MIX, 42, 6);
        assertEquals(6, batch.size());
        for (int i = 0; i < batch.size(); i++) {
            assertEquals(LayoutWriter.toJson(LayoutGenerator.generate(Behaviour.MIX, LayoutGenerator.seedOf(42, i))),
                    LayoutWriter.toJson(batch.get(i)), "layout " + i);
        }
        assertEquals(toJson(batch), toJson(LayoutGenerator.generate(Behaviour.MIX, 42, 6)));
        assertNotEquals(LayoutGenerator.seedOf(42, 0), LayoutGenerator.seedOf(42, 1));
        assertNotEquals(LayoutGenerator.seedOf(42, 0), LayoutGenerator.seedOf(43, 0));
        assertThrows(IllegalArgumentException.class, () -> LayoutGenerator.generate(Behaviour.MIX, 1, -1));
    }

    private static List<String> toJson(List<Layout> layouts) {
        List<String> out = new ArrayList<>();
        layouts.forEach(l -> out.add(LayoutWriter.toJson(l)));
        return out;
    }

    @Test
    void differentSeeds_giveMostlyDifferentLayouts() {
        for (Behaviour b : Behaviour.values()) {
            Set<String> distinct = new HashSet<>();
            for (int seed = 0; seed < 20; seed++) {
                distinct.add(LayoutWriter.toJson(LayoutGenerator.generate(b, seed)));
            }
            assertTrue(distinct.size() >= 18, b + ": only " + distinct.size() + " distinct layouts of 20");
        }
    }

    @Test
    void layouts_varyTheirGeometry() {
        Set<Integer> blockSizes = new HashSet<>();
        Set<Integer> pageSizes = new HashSet<>();
        Set<Long> starts = new HashSet<>();
        for (int seed = 0; seed < 200; seed++) {
            Layout l = LayoutGenerator.generate(Behaviour.MIX, seed);
            blockSizes.add(l.geometry().blockSize());
            pageSizes.add(l.geometry().pageSize());
            starts.add(l.file().extents().isEmpty() ? -1 : l.file().extents().get(0).physical());
        }
        assertEquals(Set.of(512, 1024, 2048, 4096), blockSizes);
        assertTrue(pageSizes.contains(4096) && pageSizes.size() >= 2, pageSizes.toString());
        assertTrue(starts.size() > 150, "disk positions vary: " + starts.size());
    }

    @Test
    void mix_picksManyBehaviours_andResolveNamesThem() {
        Set<Behaviour> seen = EnumSet.noneOf(Behaviour.class);
        for (int seed = 0; seed < 300; seed++) {
            seen.add(LayoutGenerator.resolve(Behaviour.MIX, seed));
        }
        assertEquals(EnumSet.copyOf(Behaviour.concrete()), seen);
        assertSame(Behaviour.BIO_FULL, LayoutGenerator.resolve(Behaviour.BIO_FULL, 5));
    }

    @Test
    void behaviourNames_areKebabCaseAndReasons() {
        assertEquals("hole-then-data", Behaviour.HOLE_THEN_DATA.kebabName());
        assertEquals("hole-then-data", Behaviour.HOLE_THEN_DATA.reason());
        assertEquals("bio-full", Behaviour.BIO_FULL.reason());
        assertNull(Behaviour.BOUNDARY_READ.reason());
        assertSame(Behaviour.MIX, Behaviour.fromName("mix"));
        assertSame(Behaviour.BUFFER_NOT_DIRTY_OR_UPTODATE, Behaviour.fromName("BUFFER_NOT_DIRTY_OR_UPTODATE"));
        assertNull(Behaviour.fromName("no-such-thing"));
        assertFalse(Behaviour.concrete().contains(Behaviour.MIX));
    }
}
