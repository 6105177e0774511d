package mpageviz.testutil;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;

import mpageviz.engine.Runner;
import mpageviz.layout.Layout;
import mpageviz.trace.Trace;
import mpageviz.trace.TraceFile;

/** Traced runs for tests, and their JSON. */
public final class Traces {
    private Traces() {
    }

    /** Runs traced, as Runner.trace does, but deletes the image copy a write run makes. */
    public static Trace traced(Layout layout) throws IOException {
        Trace trace = new Trace(layout);
        Runner.Result r = Runner.run(layout, Runner.Options.traced(trace));
        deleteCopy(r);
        trace.setSummary(r.summary());
        return trace;
    }

    /** Deletes the image copy a write run on a real image makes. */
    public static void deleteCopy(Runner.Result r) throws IOException {
        if (r.imageCopy() && r.image() != null) {
            Files.deleteIfExists(r.image());
        }
    }

    /** The trace file text TraceFile.write gives. */
    public static String json(Trace trace) throws IOException {
        StringWriter w = new StringWriter();
        TraceFile.write(trace, w);
        return w.toString();
    }
}
