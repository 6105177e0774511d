package mpageviz.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import mpageviz.layout.Layout;
import mpageviz.layout.LayoutReader;
import mpageviz.layout.RunSpec;
import mpageviz.testutil.LayoutBuilder;
import mpageviz.testutil.Traces;
import mpageviz.trace.Event;
import mpageviz.trace.EventCodec;
import mpageviz.trace.Events;
import mpageviz.trace.Trace;

/**
 * The narration of every step of every sample (plus a few small layouts that reach the kinds no sample emits):
 * nothing throws, nothing is empty or a placeholder, texts stay projector-short, and the key moments of the
 * BH_Boundary, hole-then-data, bad-sector and write-boundary samples say what the kernel did and why. Runs go
 * through {@link Traces} so that this {@code view} test does not depend on the engine package itself.
 */
class NarratorTest {
    private static final Set<String> TONES = Set.of(Narration.INFO, Narration.IO, Narration.FALLBACK,
            Narration.ERROR, Narration.DONE);
    /** "null", "{}", "[]", a bare -1, printf leftovers, NaN, or a huge number such as LONG_MAX. */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\bnull\\b|\\{\\}|\\[\\]|(^|[\\s(#:])-1\\b|%[sdf]|\\bNaN\\b|\\bInfinity\\b|\\d{13,}|\\bundefined\\b");
    private static final int HEADLINE_MAX = 120;
    private static final int WHY_MAX = 360;

    /** One narrated step. */
    record Step(int seq, Event event, Narration narration) {
        String text() {
            return narration.headline() + " " + narration.why();
        }
    }

    static List<Path> samples() throws Exception {
        return mpageviz.samples.SamplesTestAccess.samples();
    }

    private static Path sample(String prefix) throws Exception {
        for (Path p : samples()) {
            if (p.getFileName().toString().startsWith(prefix)) {
                return p;
            }
        }
        throw new AssertionError("no sample " + prefix);
    }

    /** Runs a layout and narrates every event against the folded states around it. */
    static List<Step> narrateAll(Layout layout) throws Exception {
        Trace trace = Traces.traced(layout);
        RunHistory history = new RunHistory(trace, 32);
        List<Step> out = new ArrayList<>();
        RunState before = history.stateAt(0);
        for (int k = 0; k < trace.publishedSize(); k++) {
            RunState after = history.stateAt(k + 1);
            Event e = trace.get(k);
            out.add(new Step(k, e, Narrator.narrate(before, e, after)));
            before = after;
        }
        return out;
    }

    private static List<Step> narrateSample(String prefix) throws Exception {
        return narrateAll(LayoutReader.read(sample(prefix)));
    }

    // ------------------------------------------------------------------ layouts that reach the rarer kinds

    /**
     * Small layouts for what no sample does: an insert-time elevator merge, a mapping error, freed buffers, the
     * 16-request flush, and the writeback actions skip-writeback, wait-writeback and stop-error.
     */
    static Stream<Arguments> extraLayouts() {
        return Stream.of(
                // Blocks 100, 102, 101: page 2 front-merges into page 1's request, which then starts where
                // page 0's request ends, so the flush appends one to the other.
                Arguments.of("elevator-merge", LayoutBuilder.layout().title("elevator merge").geometry(4096, 4096)
                        .size(3 * 4096).extent(0, 100, 1).extent(1, 102, 1).extent(2, 101, 1)
                        .run(RunSpec.readpages(0, 3)).build()),
                // A write over a bad sector (AS_EIO from mpage_end_io) and a dirty page already under writeback.
                Arguments.of("write-error", LayoutBuilder.layout().title("write error").geometry(4096, 4096)
                        .size(3 * 4096).extent(0, 100, 3).page(0, "uptodate", "dirty")
                        .page(1, "uptodate", "dirty", "writeback").page(2, "uptodate", "dirty")
                        .badSectors(800, 1).run(RunSpec.writepages("none", 0, -1)).build()),
                // buffer_heads_over_limit frees page 0's buffers; WB_SYNC_ALL waits for page 1's old write.
                Arguments.of("buffers-free", LayoutBuilder.layout().title("buffers free").geometry(4096, 1024)
                        .size(8192).extent(0, 100, 8)
                        .pageWithBuffers(0, List.of("uptodate", "dirty"), "mapped,uptodate,dirty@100",
                                "mapped,uptodate,dirty@101", "mapped,uptodate,dirty@102", "mapped,uptodate,dirty@103")
                        .page(1, "uptodate", "dirty", "writeback").bufferHeadsOverLimit()
                        .run(RunSpec.writepages("all", 0, -1)).build()),
                // Holes and no allocator: get_block(create=1) fails with ENOSPC and write_cache_pages stops.
                Arguments.of("enospc", LayoutBuilder.layout().title("enospc").geometry(4096, 4096)
                        .size(3 * 4096).extent(0, 100, 1).page(0, "uptodate", "dirty").page(1, "uptodate", "dirty")
                        .page(2, "uptodate", "dirty").run(RunSpec.writepages("none", 0, -1)).build()),
                // 17 pages, each a block apart from the last: the 17th request flushes the 16 plugged ones.
                Arguments.of("request-limit", requestLimit()));
    }

    private static Layout requestLimit() {
        LayoutBuilder b = LayoutBuilder.layout().title("request limit").geometry(4096, 4096).size(17 * 4096);
        for (int i = 0; i < 17; i++) {
            b.extent(i, 100 + 2L * i, 1);
        }
        return b.run(RunSpec.readpages(0, 17)).build();
    }

    // ------------------------------------------------------------------ every step, every sample

    @ParameterizedTest
    @MethodSource("samples")
    void everyEventOfEverySample_isNarratedCleanly(Path sample) throws Exception {
        Layout layout = LayoutReader.read(sample);
        assertClean(Narrator.atStart(new RunHistory(Traces.traced(layout)).stateAt(0)), null, sample + " start");
        for (Step s : narrateAll(layout)) {
            assertClean(s.narration(), s.event(), sample + " event " + s.seq() + " (" + s.event().kind() + ")");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extraLayouts")
    void everyEventOfTheExtraLayouts_isNarratedCleanly(String name, Layout layout) throws Exception {
        assertClean(Narrator.atStart(new RunHistory(Traces.traced(layout)).stateAt(0)), null, name + " start");
        for (Step s : narrateAll(layout)) {
            assertClean(s.narration(), s.event(), name + " event " + s.seq() + " (" + s.event().kind() + ")");
        }
    }

    @Test
    void everyKind_isNarratedAndChecked_acrossTheSamplesAndExtraLayouts() throws Exception {
        Set<String> seen = new TreeSet<>();
        for (Path p : samples()) {
            for (Step s : narrateAll(LayoutReader.read(p))) {
                assertClean(s.narration(), s.event(), p + " event " + s.seq());
                seen.add(s.event().kind());
            }
        }
        Set<String> fromSamples = new TreeSet<>(seen);
        for (Arguments a : extraLayouts().toList()) {
            for (Step s : narrateAll((Layout) a.get()[1])) {
                assertClean(s.narration(), s.event(), a.get()[0] + " event " + s.seq());
                seen.add(s.event().kind());
            }
        }
        Set<String> all = new TreeSet<>(EventCodec.kinds());
        assertEquals(28, all.size(), "Events.java has 28 kinds");
        Set<String> missing = new TreeSet<>(all);
        missing.removeAll(seen);
        assertTrue(missing.isEmpty(), "kinds never narrated: " + missing + " (samples alone reach "
                + fromSamples.size() + " of " + all.size() + ")");
    }

    private static void assertClean(Narration n, Event e, String where) {
        assertNotNull(n, where);
        for (String text : List.of(n.headline(), n.why())) {
            assertFalse(text == null || text.isBlank(), where + ": empty text");
            assertFalse(PLACEHOLDER.matcher(text).find(), where + ": placeholder in \"" + text + "\"");
            assertEquals(text.strip(), text, where + ": stray spaces in \"" + text + "\"");
            assertFalse(text.contains("  "), where + ": double space in \"" + text + "\"");
        }
        assertTrue(n.headline().length() <= HEADLINE_MAX, where + ": headline too long: " + n.headline());
        assertFalse(n.headline().contains(". "), where + ": headline is more than one sentence: " + n.headline());
        assertTrue(n.why().length() <= WHY_MAX, where + ": why too long (" + n.why().length() + "): " + n.why());
        assertTrue(n.why().endsWith("."), where + ": why is not a sentence: " + n.why());
        String first = n.headline().split("[ ':]")[0];
        assertTrue(Character.isUpperCase(first.charAt(0)) || first.contains("_") || first.equals("mpage"),
                where + ": headline starts oddly: " + n.headline());
        assertTrue(TONES.contains(n.tone()), where + ": tone " + n.tone());
        if (e != null) {
            assertEquals(e.fn(), n.fn(), where + ": fn");
            assertEquals(e.line(), n.line(), where + ": line");
            assertEquals(reasonOf(e), n.reason(), where + ": reason");
        } else {
            assertTrue(n.fn().startsWith("mpage_"), where + ": fn " + n.fn());
            assertTrue(n.line() > 0, where + ": line");
        }
    }

    /** The kebab-case reason name an event carries, or null. */
    private static String reasonOf(Event e) {
        if (e instanceof Events.Fallback) {
            return ((Events.Fallback) e).reason();
        }
        if (e instanceof Events.Skipped) {
            return ((Events.Skipped) e).reason();
        }
        if (e instanceof Events.BioSubmit) {
            return ((Events.BioSubmit) e).reason();
        }
        if (e instanceof Events.PlugFlush) {
            return ((Events.PlugFlush) e).reason();
        }
        if (e instanceof Events.Writeback) {
            return ((Events.Writeback) e).action();
        }
        if (e instanceof Events.BioAddPage) {
            return ((Events.BioAddPage) e).refusal();
        }
        return null;
    }

    // ------------------------------------------------------------------ key moments

    private static Step find(List<Step> steps, String what, Predicate<Event> p) {
        for (Step s : steps) {
            if (p.test(s.event())) {
                return s;
            }
        }
        fail("no event: " + what);
        return null;
    }

    private static Predicate<Event> submit(String reason) {
        return e -> e instanceof Events.BioSubmit && reason.equals(((Events.BioSubmit) e).reason());
    }

    private static Predicate<Event> flush(String reason) {
        return e -> e instanceof Events.PlugFlush && reason.equals(((Events.PlugFlush) e).reason());
    }

    @Test
    void sample07_boundary_explainsTheBoundarySubmitAndTheIndirectBlockRead() throws Exception {
        List<Step> steps = narrateSample("07-");

        Narration boundary = find(steps, "boundary submit", submit("boundary")).narration();
        assertTrue(boundary.why().contains("BH_Boundary"), boundary.why());
        assertTrue(boundary.why().contains("indirect block 1012"), boundary.why());
        assertTrue(boundary.why().contains("logical block 11"), boundary.why());
        assertTrue(boundary.headline().contains("bio #1") && boundary.headline().contains("pages 0-2")
                && boundary.headline().contains("12 KiB") && boundary.headline().contains("sector 2000"),
                boundary.headline());
        assertEquals("boundary", boundary.reason());
        assertEquals(306, boundary.line());
        assertEquals(Narration.IO, boundary.tone());

        Narration meta = find(steps, "metadata read", submit("metadata-read")).narration();
        assertTrue(meta.headline().contains("indirect block 1012"), meta.headline());
        assertTrue(meta.why().contains("wait") && meta.why().contains("flushes the plug"), meta.why());

        Narration wait = find(steps, "meta-wait flush", flush("meta-wait")).narration();
        assertTrue(wait.why().contains("indirect block 1012") && wait.why().contains("request #1"), wait.why());
        assertTrue(wait.headline().contains("request #1"), wait.headline());

        Narration merge = find(steps, "meta read merge", e -> e instanceof Events.RequestMerge).narration();
        assertTrue(merge.headline().contains("indirect block 1012") && merge.headline().contains("request #1")
                && merge.headline().contains("2000-2025"), merge.headline());

        Narration join = find(steps, "page 2 joins", e -> e instanceof Events.BioAddPage
                && ((Events.BioAddPage) e).page() == 2).narration();
        assertEquals("Page 2 joins bio #1 (now 3 pages, 12 KiB at sector 2000)", join.headline());

        Narration run = find(steps, "first get_block", e -> e instanceof Events.GetBlock).narration();
        assertTrue(run.headline().contains("0-11") && run.headline().contains("1000-1011")
                && run.headline().contains("BH_Boundary"), run.headline());

        Narration done = find(steps, "page 2 unlocked", e -> e instanceof Events.PageFlags
                && ((Events.PageFlags) e).page() == 2 && e.line() == 61).narration();
        assertEquals("Page 2 is now uptodate and unlocked: its read completed", done.headline());
        assertEquals(Narration.DONE, done.tone());

        Narration start = Narrator.atStart(new RunHistory(Traces.traced(LayoutReader.read(sample("07-"))))
                .stateAt(0));
        assertTrue(start.headline().startsWith("mpage_readpages will read pages 0-3"), start.headline());
        assertTrue(start.why().contains("BH_Boundary") && start.why().contains("1012"), start.why());
    }

    @Test
    void sample08_noBoundary_theMetadataReadGoesAloneAndTheBioBreaksAtTheGap() throws Exception {
        List<Step> steps = narrateSample("08-");
        assertFalse(steps.stream().anyMatch(s -> submit("boundary").test(s.event())), "no boundary submit");

        Narration wait = find(steps, "meta-wait flush", flush("meta-wait")).narration();
        assertTrue(wait.why().contains("indirect block 1012"), wait.why());
        assertTrue(wait.why().contains("Bio #1") && wait.why().contains("still open"), wait.why());

        Narration gap = find(steps, "not contiguous", submit("not-contiguous-with-bio")).narration();
        assertTrue(gap.why().contains("1013") && gap.why().contains("1011"), gap.why());
        assertTrue(gap.why().contains("page 3") || gap.why().contains("Page 3"), gap.why());

        Narration run = find(steps, "first get_block", e -> e instanceof Events.GetBlock).narration();
        assertFalse(run.headline().contains("BH_Boundary"), run.headline());
        assertTrue(run.why().contains("elsewhere on disk"), run.why());
    }

    @Test
    void sample05_holeThenData_fallbackSaysSoInWords() throws Exception {
        List<Step> steps = narrateSample("05-");
        Narration fb = find(steps, "fallback", e -> e instanceof Events.Fallback).narration();
        assertEquals("hole-then-data", fb.reason());
        assertEquals(Narration.FALLBACK, fb.tone());
        assertTrue(fb.headline().contains("Page 1") && fb.headline().contains("a hole, then data"), fb.headline());
        assertTrue(fb.headline().contains("block_read_full_page"), fb.headline());
        assertTrue(fb.why().contains("hole") && fb.why().contains("block by block"), fb.why());

        Narration before = find(steps, "before-fallback", submit("before-fallback")).narration();
        assertTrue(before.why().contains("page 1"), before.why());

        Narration hole = find(steps, "hole lookup", e -> e instanceof Events.GetBlock
                && ((Events.GetBlock) e).block() < 0).narration();
        assertTrue(hole.headline().contains("logical block 4 is a hole"), hole.headline());
    }

    @Test
    void sample16_badSector_failedBioEndIsAnError() throws Exception {
        List<Step> steps = narrateSample("16-");
        Narration end = find(steps, "failed bio end", e -> e instanceof Events.BioEnd
                && !((Events.BioEnd) e).ok()).narration();
        assertEquals(Narration.ERROR, end.tone());
        assertTrue(end.headline().contains("fails") && end.headline().contains("pages 4-7"), end.headline());
        assertTrue(end.why().contains("bad sector") && end.why().contains("PG_error"), end.why());

        Narration pageErr = find(steps, "page error flag", e -> e instanceof Events.PageFlags
                && e.line() == 58).narration();
        assertEquals(Narration.ERROR, pageErr.tone());
        Narration ok = find(steps, "good bio end", e -> e instanceof Events.BioEnd
                && ((Events.BioEnd) e).ok()).narration();
        assertEquals(Narration.DONE, ok.tone());
    }

    @Test
    void sample27_writeBoundary_namesWriteBoundaryBlock() throws Exception {
        List<Step> steps = narrateSample("27-");
        Narration boundary = find(steps, "boundary submit", submit("boundary")).narration();
        assertTrue(boundary.why().contains("BH_Boundary") && boundary.why().contains("write_boundary_block")
                && boundary.why().contains("1012"), boundary.why());
        assertEquals(624, boundary.line());

        Narration bh = find(steps, "boundary block write", submit("write-boundary-block")).narration();
        assertTrue(bh.headline().contains("write_boundary_block") && bh.headline().contains("1012"), bh.headline());
        assertTrue(bh.why().contains("BH_Boundary") && bh.why().contains("dirty"), bh.why());
        assertEquals(626, bh.line());
    }

    @Test
    void extraLayouts_rareKindsReadWell() throws Exception {
        List<Step> elv = narrateAll(layoutNamed("elevator-merge"));
        Narration em = find(elv, "elevator merge", e -> e instanceof Events.ElevatorMerge).narration();
        assertTrue(em.headline().contains("appended") && em.why().contains("ends exactly where"), em.toString());

        List<Step> werr = narrateAll(layoutNamed("write-error"));
        Narration me = find(werr, "mapping error", e -> e instanceof Events.MappingError).narration();
        assertEquals(Narration.ERROR, me.tone());
        assertTrue(me.headline().contains("AS_EIO"), me.headline());
        Narration skip = find(werr, "skip-writeback", e -> e instanceof Events.Writeback
                && "skip-writeback".equals(((Events.Writeback) e).action())).narration();
        assertTrue(skip.why().contains("WB_SYNC_NONE"), skip.why());

        List<Step> nospc = narrateAll(layoutNamed("enospc"));
        Narration stop = find(nospc, "stop-error", e -> e instanceof Events.Writeback
                && "stop-error".equals(((Events.Writeback) e).action())).narration();
        assertEquals(Narration.ERROR, stop.tone());
        Narration gb = find(nospc, "ENOSPC", e -> e instanceof Events.GetBlock
                && ((Events.GetBlock) e).ret() != 0).narration();
        assertTrue(gb.headline().contains("ENOSPC"), gb.headline());

        List<Step> limit = narrateAll(layoutNamed("request-limit"));
        Narration lf = find(limit, "request-limit flush", flush("request-limit")).narration();
        assertTrue(lf.why().contains("16 requests"), lf.why());
    }

    private static Layout layoutNamed(String name) {
        return (Layout) extraLayouts().filter(a -> a.get()[0].equals(name)).findFirst().orElseThrow().get()[1];
    }

    // ------------------------------------------------------------------ every reason name has its own words

    @Test
    void everyReasonName_hasItsOwnExplanation() throws Exception {
        RunState read = new RunHistory(Traces.traced(LayoutReader.read(sample("07-")))).stateAt(0);
        RunState wrote = new RunHistory(Traces.traced(LayoutReader.read(sample("27-")))).stateAt(0);

        Map<String, Narration> fallbacks = new LinkedHashMap<>();
        for (String r : List.of("page-has-buffers", "get-block-error", "get-block-uptodate", "hole-then-data",
                "discontiguous", "cleancache-hit", "bio-alloc-failed")) {
            fallbacks.put("read " + r, say(read, new Events.Fallback(316, "do_mpage_readpage", 0, r)));
        }
        for (String r : List.of("unmapped-dirty-buffer", "buffer-not-dirty-or-uptodate", "all-buffers-unmapped",
                "beyond-eof", "hole-then-data", "discontiguous", "get-block-error", "bio-alloc-failed")) {
            fallbacks.put("write " + r, say(wrote, new Events.Fallback(639, "__mpage_writepage", 0, r)));
        }
        assertDistinct("fallback", fallbacks, Narration.FALLBACK);
        for (Map.Entry<String, Narration> f : fallbacks.entrySet()) {
            assertFalse(f.getValue().why().contains("cannot handle"), f.getKey() + " uses the generic text");
        }

        Map<String, Narration> readSubmits = new LinkedHashMap<>();
        Map<String, Narration> writeSubmits = new LinkedHashMap<>();
        for (String r : List.of("not-contiguous-with-bio", "bio-full", "boundary", "partial-page", "before-fallback",
                "end-of-call")) {
            readSubmits.put(r, say(read, new Events.BioSubmit(306, "mpage_bio_submit", 1, "bio", "read", 2000,
                    8, new long[] {0}, new int[] {4096}, r, -1, -1)));
            writeSubmits.put(r, say(wrote, new Events.BioSubmit(624, "mpage_bio_submit", 1, "bio", "write",
                    2000, 8, new long[] {0}, new int[] {4096}, r, -1, -1)));
        }
        assertDistinct("read submit", readSubmits, Narration.IO);
        assertDistinct("write submit", writeSubmits, Narration.IO);
        assertTrue(writeSubmits.get("boundary").why().contains("write_boundary_block"));
        assertTrue(readSubmits.get("boundary").why().contains("BH_Boundary"));

        Map<String, Narration> flushes = new LinkedHashMap<>();
        for (String r : List.of("finish-plug", "meta-wait", "request-limit", "lock-buffer", "page-writeback")) {
            flushes.put(r, say(read, new Events.PlugFlush(395, "blk_flush_plug_list", r, 2)));
        }
        assertDistinct("flush", flushes, Narration.IO);

        Map<String, Narration> actions = new LinkedHashMap<>();
        for (String a : List.of("skip-truncated", "skip-not-dirty", "skip-writeback", "wait-writeback", "skip-clean",
                "write", "stop-error", "stop-budget")) {
            actions.put(a, say(wrote, new Events.Writeback(691, "write_cache_pages", 0, a, 3)));
        }
        assertDistinct("writeback", actions, null);
        assertEquals(Narration.ERROR, actions.get("stop-error").tone());

        Map<String, Narration> refusals = new LinkedHashMap<>();
        for (String r : List.of("max-sectors", "max-vecs", "max-segments")) {
            refusals.put(r, say(read, new Events.BioAddPage(297, "bio_add_page", 1, 0, 4096, false, r)));
        }
        assertDistinct("refusal", refusals, Narration.IO);
    }

    private static Narration say(RunState s, Event e) {
        Narration n = Narrator.narrate(s, e, s);
        assertClean(n, e, e.kind());
        return n;
    }

    private static void assertDistinct(String group, Map<String, Narration> byName, String tone) {
        Set<String> whys = new HashSet<>();
        for (Map.Entry<String, Narration> n : byName.entrySet()) {
            assertTrue(whys.add(n.getValue().why()), group + " " + n.getKey() + " shares its why: "
                    + n.getValue().why());
            if (tone != null) {
                assertEquals(tone, n.getValue().tone(), group + " " + n.getKey());
            }
        }
    }

    // ------------------------------------------------------------------ small contracts

    @Test
    void narrate_usesOneStateWhenTheOtherIsMissing_andRejectsNothingToNarrate() throws Exception {
        RunState s = new RunHistory(Traces.traced(LayoutReader.read(sample("07-")))).stateAt(0);
        Event e = new Events.CallBegin(369, "mpage_readpages", "readpages", 4);
        assertEquals(Narrator.narrate(s, e, s), Narrator.narrate(null, e, s));
        assertEquals(Narrator.narrate(s, e, s), Narrator.narrate(s, e, null));
        try {
            Narrator.narrate(s, null, s);
            fail("a null event must be refused");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().toLowerCase(Locale.ROOT).contains("event"));
        }
    }

    @Test
    void eventsWithoutAReasonHaveNone() throws Exception {
        for (Step s : narrateSample("01-")) {
            if (reasonOf(s.event()) == null) {
                assertNull(s.narration().reason(), s.event().kind());
            }
        }
    }
}
