package mpageviz.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import mpageviz.layout.Layout;
import mpageviz.testutil.PropertyChecks;
import mpageviz.testutil.RandomLayouts;
import mpageviz.testutil.Traces;
import mpageviz.trace.Summary;
import mpageviz.trace.Trace;

/**
 * A run is a function of its layout: the same layout, run twice, writes byte-identical trace JSON; and tracing
 * changes nothing, so a quiet run gives the same summary and return value as a traced one.
 */
class DeterminismTest {

    @Provide
    Arbitrary<Layout> layouts() {
        return RandomLayouts.any();
    }

    private static Trace traced(Layout layout) throws IOException {
        return Traces.traced(layout);
    }

    private static void deleteCopy(Runner.Result r) throws IOException {
        Traces.deleteCopy(r);
    }

    private static String json(Trace trace) throws IOException {
        return Traces.json(trace);
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void theSameLayoutGivesTheSameTraceJson(@ForAll("layouts") Layout layout) throws Exception {
        PropertyChecks.about(layout, () -> {
            Trace first = traced(layout);
            Statistics.label("op").collect(layout.run().op());
            Statistics.label("events").collect(first.publishedSize() < 100 ? "<100"
                    : first.publishedSize() < 1000 ? "<1000" : ">=1000");
            String a = json(first);
            String b = json(traced(layout));
            if (!a.equals(b)) {
                String[] la = a.split("\n");
                String[] lb = b.split("\n");
                for (int i = 0; i < Math.min(la.length, lb.length); i++) {
                    assertEquals(la[i], lb[i], "trace JSON line " + (i + 1) + " differs between two runs");
                }
                assertEquals(la.length, lb.length, "trace JSON line count differs between two runs");
            }
        });
    }

    @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
    void tracingChangesNothing(@ForAll("layouts") Layout layout) throws Exception {
        PropertyChecks.about(layout, () -> {
            Trace trace = new Trace(layout);
            Runner.Result traced = Runner.run(layout, Runner.Options.traced(trace));
            deleteCopy(traced);
            Runner.Result quiet = Runner.run(layout, Runner.Options.quiet());
            deleteCopy(quiet);
            Summary s = quiet.summary();
            assertEquals(s, traced.summary(), "summary with tracing on and off");
            assertEquals(quiet.ret(), traced.ret(), "return value with tracing on and off");
        });
    }
}
