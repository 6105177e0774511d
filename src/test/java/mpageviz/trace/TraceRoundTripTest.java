package mpageviz.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import mpageviz.kernel.BhState;
import mpageviz.kernel.PageFlag;
import mpageviz.layout.Layout;
import mpageviz.layout.LayoutWriter;
import mpageviz.layout.RunSpec;
import mpageviz.testutil.LayoutBuilder;
import mpageviz.testutil.PropertyChecks;
import mpageviz.testutil.RandomLayouts;
import mpageviz.testutil.Traces;

/**
 * Traces survive TraceFile.write then TraceFile.read unchanged (layout, every event, summary), for random layouts
 * and for a sample of every event kind; malformed traces fail with a TraceException that names the JSON path, and
 * never with any other exception.
 */
class TraceRoundTripTest {

    // ------------------------------------------------------------------ helpers

    /** One event as the codec writes it. */
    static String eventJson(int seq, Event e) throws IOException {
        StringWriter w = new StringWriter();
        JsonWriter out = new JsonWriter(w);
        EventCodec.write(out, seq, e);
        out.flush();
        return w.toString();
    }

    static Trace read(String json) throws IOException, TraceException {
        return TraceFile.read(new StringReader(json), null);
    }

    /** Record equality where it means content equality (records with array components compare arrays by identity). */
    static void assertSameEvent(Event expected, Event actual) throws Exception {
        assertEquals(expected.getClass(), actual.getClass());
        for (RecordComponent c : expected.getClass().getRecordComponents()) {
            Object a = c.getAccessor().invoke(expected);
            Object b = c.getAccessor().invoke(actual);
            if (a instanceof long[]) {
                assertTrue(Arrays.equals((long[]) a, (long[]) b), expected.kind() + "." + c.getName());
            } else if (a instanceof int[]) {
                assertTrue(Arrays.equals((int[]) a, (int[]) b), expected.kind() + "." + c.getName());
            } else {
                assertEquals(a, b, expected.kind() + "." + c.getName());
            }
        }
    }

    static void assertSameTrace(Trace expected, Trace actual) throws Exception {
        assertEquals(LayoutWriter.toJson(expected.layout()), LayoutWriter.toJson(actual.layout()), "layout");
        assertEquals(expected.publishedSize(), actual.publishedSize(), "event count");
        for (int i = 0; i < expected.publishedSize(); i++) {
            assertEquals(eventJson(i, expected.get(i)), eventJson(i, actual.get(i)), "event " + i);
            assertSameEvent(expected.get(i), actual.get(i));
        }
        assertEquals(expected.summary(), actual.summary(), "summary");
    }

    // ------------------------------------------------------------------ round trips of random runs

    @Provide
    Arbitrary<Layout> layouts() {
        return RandomLayouts.any();
    }

    @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
    void aWrittenTraceReadsBackEqual(@ForAll("layouts") Layout layout) throws Exception {
        PropertyChecks.about(layout, () -> {
            Trace trace = Traces.traced(layout);
            String json = Traces.json(trace);
            Trace back = read(json);
            assertSameTrace(trace, back);
            assertEquals(json, Traces.json(back), "writing the read trace gives the same text");
            for (int i = 0; i < trace.publishedSize(); i++) {
                Statistics.label("kinds").collect(trace.get(i).kind());
            }
        });
    }

    // ------------------------------------------------------------------ every kind

    /** Flag bits that have names, so that they survive the names-and-back trip. */
    private static int sampleFlags(boolean pageFlags, boolean second) {
        if (pageFlags) {
            return second ? PageFlag.LOCKED.bit() : PageFlag.UPTODATE.bit() | PageFlag.DIRTY.bit();
        }
        return second ? BhState.NEW.bit() : BhState.MAPPED.bit() | BhState.BOUNDARY.bit() | BhState.UPTODATE.bit();
    }

    /** A hand-built event of a record type: every component a distinctive, non-default value. */
    static Event handBuilt(Class<?> type) throws Exception {
        RecordComponent[] cs = type.getRecordComponents();
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        boolean pageFlags = type == Events.PageFlags.class;
        for (int i = 0; i < cs.length; i++) {
            Class<?> t = cs[i].getType();
            String name = cs[i].getName();
            types[i] = t;
            if (t == int.class && (name.equals("set") || name.equals("state"))) {
                args[i] = sampleFlags(pageFlags, false);
            } else if (t == int.class && name.equals("clear")) {
                args[i] = sampleFlags(pageFlags, true);
            } else if (t == int.class) {
                args[i] = 300 + i;
            } else if (t == long.class) {
                args[i] = (1L << 33) + i;
            } else if (t == boolean.class) {
                args[i] = true;
            } else if (t == String.class) {
                args[i] = name.equals("fn") ? "some_fn" : "text-" + name + " \"quoted\" \u00e9";
            } else if (t == long[].class) {
                args[i] = new long[] {5, 1L << 40, -1};
            } else if (t == int[].class) {
                args[i] = new int[] {7, 8, -1};
            } else {
                throw new IllegalStateException("no sample for " + t);
            }
        }
        return (Event) type.getConstructor(types).newInstance(args);
    }

    private static Class<?> typeOf(String kind) throws Exception {
        for (Class<?> c : Event.class.getPermittedSubclasses()) {
            if (kind.equals(c.getField("KIND").get(null))) {
                return c;
            }
        }
        throw new IllegalStateException("no record for kind " + kind);
    }

    /** Small runs that between them make most kinds; their events are round-tripped kind by kind. */
    static List<Trace> sampleRuns() throws IOException {
        List<Layout> layouts = new ArrayList<>();
        // The BH_Boundary example: boundary bio, metadata read, plug merge.
        layouts.add(LayoutBuilder.layout().geometry(4096, 1024).size(16 * 1024).extent(0, 200, 12)
                .extent(12, 213, 4).metadata(212, 12, 267, false, false).boundary(11).run(RunSpec.readpages(0, 4))
                .build());
        // Holes, a discontiguous page, get_block uptodate, an error, a skipped page.
        layouts.add(LayoutBuilder.layout().geometry(4096, 1024).size(6 * 4096 - 100).extent(0, 100, 5)
                .extent(6, 300, 2).extent(9, 400, 7).uptodate(17).error(21, "EIO").alreadyCached(4)
                .run(RunSpec.readpages(0, 6)).build());
        // Cleancache and a bio_alloc failure with PF_MEMALLOC retry, a bad sector.
        layouts.add(LayoutBuilder.layout().geometry(4096, 4096).size(8 * 4096).extent(0, 50, 8).cleancache(2)
                .bioAllocFailure(1, 3).badSectors(53 * 8, 1).run(RunSpec.readpages(0, 8).withMemalloc(true))
                .build());
        // Writes: buffers with a boundary and a dirty metadata block right behind it, a hole to allocate,
        // a page under writeback, buffer_heads_over_limit, unplugged and plugged with small limits.
        layouts.add(LayoutBuilder.layout().geometry(4096, 1024).size(5 * 4096).extent(0, 100, 8)
                .extent(12, 200, 8).metadata(108, 8, 100, true, true).allocator(500, 520)
                .pageWithBuffers(1, List.of("uptodate", "dirty"), "mapped,uptodate,dirty@104",
                        "mapped,uptodate,dirty@105", "mapped,uptodate,dirty@106", "mapped,uptodate,dirty,boundary@107")
                .page(0, "uptodate", "dirty").page(2, "uptodate", "dirty").page(3, "uptodate", "dirty", "writeback")
                .page(4, "uptodate", "dirty").bufferHeadsOverLimit().device(4096, 16, 2)
                .run(RunSpec.writepages("all", 0, -1)).build());
        layouts.add(LayoutBuilder.layout().geometry(4096, 1024).size(3 * 4096).extent(0, 100, 12)
                .page(0, "uptodate", "dirty").page(1, "uptodate", "dirty").page(2, "uptodate", "dirty")
                .blockLayer(false, true, false).badSectors(204, 2).error(9, "ENOSPC")
                .run(RunSpec.writepages("none", 0, -1)).build());
        layouts.add(LayoutBuilder.layout().geometry(4096, 1024).size(3 * 4096).extent(0, 100, 4)
                .extent(8, 90, 4).page(0, "uptodate", "dirty").page(1, "uptodate", "dirty")
                .page(2, "uptodate", "dirty").blockLayer(true, true, true).run(RunSpec.writepages("all", 0, -1))
                .build());
        layouts.add(LayoutBuilder.layout().geometry(4096, 1024).size(3 * 4096).extent(0, 100, 12)
                .page(1, "uptodate", "dirty").run(RunSpec.writepage(1, "all")).build());
        layouts.add(LayoutBuilder.layout().geometry(4096, 1024).size(3 * 4096).extent(0, 100, 2)
                .run(RunSpec.readpage(0)).build());
        // Blocks 100, 102, 101: the last bio front-merges into the second request in the plug, which the flush
        // then appends onto the first at insert time (elevator-merge).
        layouts.add(LayoutBuilder.layout().geometry(4096, 4096).size(3 * 4096).extent(0, 100, 1)
                .extent(1, 102, 1).extent(2, 101, 1).run(RunSpec.readpages(0, 3)).build());
        List<Trace> out = new ArrayList<>();
        for (Layout l : layouts) {
            out.add(Traces.traced(l));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyKindRoundTrips() throws Exception {
        List<Trace> samples = sampleRuns();
        List<DynamicTest> tests = new ArrayList<>();
        for (String kind : new TreeSet<>(EventCodec.kinds())) {
            tests.add(DynamicTest.dynamicTest(kind, () -> {
                // A hand-built event, through the codec alone and through a whole trace file.
                Event e = handBuilt(typeOf(kind));
                assertEquals(kind, e.kind());
                String json = eventJson(0, e);
                JsonReader in = new JsonReader(new StringReader(json));
                Event back = EventCodec.read(in, 0);
                assertSameEvent(e, back);
                Trace t = new Trace(samples.get(0).layout());
                t.emit(e);
                t.setSummary(samples.get(0).summary());
                assertSameTrace(t, read(Traces.json(t)));
                // Every occurrence in the sample runs.
                for (Trace s : samples) {
                    for (int i = 0; i < s.publishedSize(); i++) {
                        if (s.get(i).kind().equals(kind)) {
                            JsonReader r = new JsonReader(new StringReader(eventJson(i, s.get(i))));
                            assertSameEvent(s.get(i), EventCodec.read(r, i));
                        }
                    }
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void sampleRunsReadBackEqualAndCoverMostKinds() throws Exception {
        TreeSet<String> seen = new TreeSet<>();
        for (Trace t : sampleRuns()) {
            assertSameTrace(t, read(Traces.json(t)));
            for (int i = 0; i < t.publishedSize(); i++) {
                seen.add(t.get(i).kind());
            }
        }
        TreeSet<String> missing = new TreeSet<>(EventCodec.kinds());
        missing.removeAll(seen);
        assertEquals(new TreeSet<>(), missing, "kinds no sample run makes");
    }

    @Test
    void aTraceSavedElsewhere_stillNamesItsLayoutsImage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Layout sample = mpageviz.layout.LayoutReader.read(java.nio.file.Path.of("samples/32-ext2-boundary.layout.json"));
        Trace t = mpageviz.engine.Runner.trace(sample);
        java.nio.file.Path file = dir.resolve("traces/boundary.trace.json");
        TraceFile.save(t, file);
        Trace back = TraceFile.load(file);
        java.nio.file.Path image = back.layout().imagePath().toAbsolutePath().normalize();
        assertEquals(java.nio.file.Path.of("samples/ext2/teaching.img").toAbsolutePath().normalize(), image);
        // only the image path is rewritten
        assertEquals(sample.file(), back.layout().file());
        assertEquals(t.publishedSize(), back.publishedSize());
        for (int i = 0; i < t.publishedSize(); i++) {
            assertSameEvent(t.get(i), back.get(i));
        }
        assertEquals(t.summary(), back.summary());
    }

    // ------------------------------------------------------------------ malformed traces

    private static String sampleJson() throws IOException {
        return Traces.json(Traces.traced(LayoutBuilder.layout().geometry(4096, 1024).size(16 * 1024)
                .extent(0, 200, 12).extent(12, 213, 4).metadata(212, 12, 267, false, false).boundary(11)
                .run(RunSpec.readpages(0, 4)).build()));
    }

    private static JsonObject tree(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    private static String text(JsonElement e) {
        return new GsonBuilder().serializeNulls().create().toJson(e);
    }

    /** Reads a malformed trace: it must fail with a TraceException, whose message is returned. */
    static String failure(String json) throws IOException {
        try {
            read(json);
        } catch (TraceException e) {
            assertNotNull(e.getMessage());
            return e.getMessage();
        } catch (RuntimeException | IOException e) {
            throw new AssertionError("expected a TraceException, got " + e, e);
        }
        fail("a malformed trace was read without complaint");
        return null;
    }

    private static void assertNames(String message, String path) {
        assertTrue(message.contains(path), "message names " + path + ": " + message);
    }

    /** The index of the first event that has the field, or -1. */
    private static int eventWith(JsonArray events, String field) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).getAsJsonObject().has(field)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void badJson_namesThePath() throws Exception {
        String json = sampleJson();
        int at = json.indexOf("\"kind\"", json.indexOf("\"events\""));
        String broken = json.substring(0, at) + "\"kind\" \"x\" " + json.substring(at + 6);
        assertNames(failure(broken), "$.events[0]");
        assertNames(failure("{\"format\": \"mpage-trace\", \"version\": 1,, }"), "$.");
        assertNames(failure("[1, 2]"), "$");
        assertNames(failure("{\"format\": \"mpage-trace\", \"version\": 1, \"layout\": {\"geometry\": }}"),
                "$.layout");
    }

    @Test
    void traceTruncatedInsideTheLayoutOrSummary_isATraceException() throws Exception {
        String json = sampleJson();
        assertNames(failure(json.substring(0, json.indexOf("\"layout\"") + 40)), "$.layout");
        assertNames(failure(json.substring(0, json.indexOf("\"summary\"") + 30)), "$.summary");
    }

    @Test
    void emptyOrTruncatedTrace_isATraceException() throws Exception {
        String json = sampleJson();
        int events = json.indexOf("\"events\"");
        assertNames(failure(""), "$");
        assertNames(failure(json.substring(0, json.indexOf("\"seq\"", events) + 12)), "$.events[0]");
        assertNames(failure(json.substring(0, json.indexOf("\"summary\""))), "$");
        assertNames(failure(json.substring(0, json.length() - 3)), "$");
    }

    @Test
    void unknownKind_namesThePath() throws Exception {
        JsonObject t = tree(sampleJson());
        t.getAsJsonArray("events").get(2).getAsJsonObject().addProperty("kind", "no-such-kind");
        String m = failure(text(t));
        assertNames(m, "$.events[2].kind");
        assertNames(m, "no-such-kind");
    }

    @Test
    void wrongSeq_namesThePath() throws Exception {
        JsonObject t = tree(sampleJson());
        t.getAsJsonArray("events").get(3).getAsJsonObject().addProperty("seq", 7);
        assertNames(failure(text(t)), "$.events[3].seq");
        t = tree(sampleJson());
        t.getAsJsonArray("events").get(0).getAsJsonObject().remove("seq");
        assertNames(failure(text(t)), "$.events[0].seq");
    }

    @Test
    void missingField_namesThePath() throws Exception {
        JsonObject t = tree(sampleJson());
        JsonArray events = t.getAsJsonArray("events");
        int i = eventWith(events, "page");
        events.get(i).getAsJsonObject().remove("page");
        assertNames(failure(text(t)), "$.events[" + i + "].page");
        t = tree(sampleJson());
        t.getAsJsonArray("events").get(0).getAsJsonObject().remove("fn");
        assertNames(failure(text(t)), "$.events[0].fn");
        t = tree(sampleJson());
        t.getAsJsonObject("summary").getAsJsonObject("stats").remove("bios");
        assertNames(failure(text(t)), "summary.stats.bios");
        t = tree(sampleJson());
        t.remove("layout");
        assertNames(failure(text(t)), "layout");
    }

    @Test
    void wrongType_namesThePath() throws Exception {
        Map<String, JsonElement> wrong = new LinkedHashMap<>();
        wrong.put("page", new JsonPrimitive("seven"));
        wrong.put("fn", new JsonPrimitive(12));
        wrong.put("set", new JsonPrimitive(3));
        wrong.put("pages", new JsonPrimitive(3));
        wrong.put("create", new JsonPrimitive("yes"));
        wrong.put("sector", new JsonPrimitive(1.5));
        wrong.put("line", new JsonObject());
        for (Map.Entry<String, JsonElement> w : wrong.entrySet()) {
            JsonObject t = tree(sampleJson());
            JsonArray events = t.getAsJsonArray("events");
            int i = eventWith(events, w.getKey());
            events.get(i).getAsJsonObject().add(w.getKey(), w.getValue());
            assertNames(failure(text(t)), "$.events[" + i + "]." + w.getKey());
        }
        JsonObject t = tree(sampleJson());
        int i = eventWith(t.getAsJsonArray("events"), "set");
        JsonArray flags = new JsonArray();
        flags.add("no-such-flag");
        t.getAsJsonArray("events").get(i).getAsJsonObject().add("set", flags);
        assertNames(failure(text(t)), "$.events[" + i + "].set");
        t = tree(sampleJson());
        t.getAsJsonObject("summary").getAsJsonArray("pages").get(1).getAsJsonObject().addProperty("index", "one");
        assertNames(failure(text(t)), "summary.pages[1].index");
        t = tree(sampleJson());
        t.getAsJsonObject("summary").getAsJsonArray("requests").get(0).getAsJsonObject().addProperty("rw", 1);
        assertNames(failure(text(t)), "summary.requests[0].rw");
        for (JsonElement bad : List.of(new JsonPrimitive("x"), new JsonArray())) {
            t = tree(sampleJson());
            t.getAsJsonObject("summary").getAsJsonArray("submissions").get(0).getAsJsonObject()
                    .getAsJsonArray("vecs").get(0).getAsJsonArray().set(0, bad);
            assertNames(failure(text(t)), "summary");
        }
        t = tree(sampleJson());
        t.add("events", new JsonObject());
        assertNames(failure(text(t)), "$.events");
    }

    @Test
    void summaryVecOfNullOrObject_isATraceException() throws Exception {
        for (JsonElement bad : List.of(com.google.gson.JsonNull.INSTANCE, new JsonObject())) {
            for (int slot = 0; slot < 2; slot++) {
                JsonObject t = tree(sampleJson());
                t.getAsJsonObject("summary").getAsJsonArray("submissions").get(0).getAsJsonObject()
                        .getAsJsonArray("vecs").get(0).getAsJsonArray().set(slot, bad);
                assertNames(failure(text(t)), "summary.submissions[0].vecs[0]");
            }
        }
    }

    @Test
    void badLayout_namesThePath() throws Exception {
        JsonObject t = tree(sampleJson());
        t.getAsJsonObject("layout").getAsJsonObject("geometry").addProperty("pageSize", 3000);
        String m = failure(text(t));
        assertNames(m, "layout");
        assertNames(m, "geometry.pageSize");
        t = tree(sampleJson());
        t.getAsJsonObject("layout").getAsJsonObject("file").getAsJsonArray("extents").get(0).getAsJsonObject()
                .addProperty("physical", 1L << 50);
        assertNames(failure(text(t)), "file.extents[0]");
        t = tree(sampleJson());
        t.add("layout", new JsonPrimitive(5));
        assertNames(failure(text(t)), "layout");
    }

    // ------------------------------------------------------------------ fuzz: any mutation

    /** A mutation of a trace's text. */
    record Mutation(int kind, double where, int what) {
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(0, 7)).as(Mutation::new);
    }

    private static final String[] REPLACEMENTS = {"null", "\"x\"", "-1", "1.5", "[]", "{}", "true", "99999999999"};

    /** Applies a mutation at a point chosen by {@code where} in the text. */
    static String mutate(String json, Mutation m) {
        int pos = (int) Math.min(json.length() - 1, m.where() * json.length());
        switch (m.kind()) {
            case 0: // truncate
                return json.substring(0, pos);
            case 1: // delete one character
                return json.substring(0, pos) + json.substring(pos + 1);
            case 2: // duplicate one character
                return json.substring(0, pos + 1) + json.substring(pos);
            default: { // replace the value after the next colon, or the next array element, with another type
                int colon = json.indexOf(m.kind() == 5 ? '[' : ':', pos);
                if (colon < 0) {
                    return json.substring(0, pos);
                }
                int start = colon + 1;
                while (start < json.length() && json.charAt(start) == ' ') {
                    start++;
                }
                int end = start;
                if (end < json.length() && json.charAt(end) == '"') {
                    end = json.indexOf('"', end + 1) + 1;
                } else {
                    while (end < json.length() && ",]}\n".indexOf(json.charAt(end)) < 0) {
                        end++;
                    }
                }
                if (m.kind() == 4 && end > start) { // drop the pair: back to the name's opening quote
                    int nameStart = json.lastIndexOf('"', json.lastIndexOf('"', colon - 1) - 1);
                    int after = end < json.length() && json.charAt(end) == ',' ? end + 1 : end;
                    return json.substring(0, Math.max(0, nameStart)) + json.substring(after);
                }
                return json.substring(0, start) + REPLACEMENTS[m.what()] + json.substring(end);
            }
        }
    }

    private static final Pattern NAMES_A_PATH =
            Pattern.compile("(?s)(.*\\$.*|(format|version|producer|layout|events|summary)\\b.*|.*: unknown field.*)");

    /**
     * Random damage to a random trace (truncation, a character deleted or doubled, a value replaced by another
     * type, a field dropped): the reader either reads it or throws a TraceException naming a JSON path. The one
     * known escape, java.io.EOFException for a trace that ends early, is tolerated here and pinned by the
     * {@link #emptyOrTruncatedTrace_isATraceException}.
     */
    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void aMalformedTraceGivesATraceExceptionOrReadsFine(@ForAll("layouts") Layout layout,
                                                         @ForAll("mutations") Mutation m) throws Exception {
        fuzz(layout, m);
    }

    private static void fuzz(Layout layout, Mutation m) throws Exception {
        String json = mutate(Traces.json(Traces.traced(layout)), m);
        try {
            read(json);
            Statistics.label("outcome").collect("read");
        } catch (TraceException e) {
            Statistics.label("outcome").collect("TraceException");
            assertTrue(e.getMessage() != null && NAMES_A_PATH.matcher(e.getMessage()).matches(),
                    "the message names no JSON path: " + e.getMessage());
        } catch (Exception | Error e) {
            throw new AssertionError("mutation " + m + " gave " + e + " (not a TraceException); text near the"
                    + " change: " + json.substring(Math.max(0, (int) (m.where() * json.length()) - 80),
                    Math.min(json.length(), (int) (m.where() * json.length()) + 80)), e);
        }
    }
}
