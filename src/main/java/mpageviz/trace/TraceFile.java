package mpageviz.trace;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import mpageviz.layout.AtomicFile;
import mpageviz.layout.Layout;
import mpageviz.layout.LayoutException;
import mpageviz.layout.LayoutReader;
import mpageviz.layout.LayoutWriter;

/**
 * Reads and writes {@code *.trace.json} (trace-format.md) with Gson's streaming reader and writer: events go
 * through one at a time, so writing holds no whole-trace string and reading holds only the events themselves.
 * Files are written to a temporary name beside the target and renamed into place.
 */
public final class TraceFile {
    public static final String FORMAT = "mpage-trace";
    public static final int VERSION = 1;
    public static final String PRODUCER = "mpage-visualizer 0.1.0";

    private TraceFile() {
    }

    /**
     * Saves the trace to {@code file}. Its layout's image path is written so that it names the same image from
     * the trace's folder (where {@link #load} resolves it), wherever the layout itself was read from.
     */
    public static void save(Trace trace, Path file) throws IOException {
        Layout layout = trace.layout().movedTo(file.toAbsolutePath().getParent());
        AtomicFile.write(file, out -> {
            Writer w = new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            write(trace, layout, w);
            w.flush();
        });
    }

    /** Writes the trace; one event per line keeps big traces readable and diffable. */
    public static void write(Trace trace, Writer w) throws IOException {
        write(trace, trace.layout(), w);
    }

    private static void write(Trace trace, Layout layout, Writer w) throws IOException {
        JsonWriter out = new JsonWriter(w);
        out.setIndent("");
        out.beginObject();
        out.name("format").value(FORMAT);
        out.name("version").value(VERSION);
        out.name("producer").value(PRODUCER);
        out.name("layout");
        LayoutWriter.write(layout, out);
        out.name("events").beginArray();
        int n = trace.publishedSize();
        for (int i = 0; i < n; i++) {
            w.write('\n');
            EventCodec.write(out, i, trace.get(i));
        }
        out.endArray();
        if (trace.summary() != null) {
            w.write('\n');
            out.name("summary");
            SummaryCodec.write(out, trace.summary());
        }
        out.endObject();
        out.flush();
        w.write('\n');
    }

    /** Reads a trace file; errors name the file and the JSON path. */
    public static Trace load(Path file) throws IOException, TraceException {
        Path baseDir = file.toAbsolutePath().getParent();
        try (Reader r = new BufferedReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), 1 << 16)) {
            return read(r, baseDir);
        } catch (TraceException e) {
            throw new TraceException(file + ": " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new TraceException(file + ": no such file", e);
        }
    }

    public static Trace read(Reader r, Path baseDir) throws IOException, TraceException {
        JsonReader in = new JsonReader(r);
        try {
            return readTrace(in, baseDir);
        } catch (IllegalStateException | NumberFormatException | JsonParseException
                | UnsupportedOperationException e) {
            throw new TraceException(in.getPath() + ": " + e.getMessage(), e);
        } catch (com.google.gson.stream.MalformedJsonException e) {
            throw new TraceException(e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new TraceException("the trace ends too early: " + e.getMessage(), e);
        }
    }

    private static Trace readTrace(JsonReader in, Path baseDir) throws IOException, TraceException {
        String format = null;
        Long version = null;
        Layout layout = null;
        Trace trace = null;
        Summary summary = null;
        boolean sawEvents = false;
        in.beginObject();
        while (in.hasNext()) {
            String name = in.nextName();
            switch (name) {
                case "format":
                    format = in.nextString();
                    if (!FORMAT.equals(format)) {
                        throw new TraceException("format: expected \"" + FORMAT + "\", found \"" + format + "\"");
                    }
                    break;
                case "version":
                    version = in.nextLong();
                    if (version != VERSION) {
                        throw new TraceException("version: " + version + " is not supported (expected 1)");
                    }
                    break;
                case "producer":
                    in.nextString();
                    break;
                case "layout":
                    layout = readLayout(JsonParser.parseReader(in), baseDir);
                    break;
                case "events":
                    if (layout == null) {
                        throw new TraceException("events: the layout must come before the events");
                    }
                    trace = new Trace(layout);
                    sawEvents = true;
                    in.beginArray();
                    int seq = 0;
                    while (in.peek() != JsonToken.END_ARRAY) {
                        trace.emit(EventCodec.read(in, seq++));
                    }
                    in.endArray();
                    break;
                case "summary":
                    summary = SummaryCodec.read(JsonParser.parseReader(in), "summary");
                    break;
                default:
                    throw new TraceException(name + ": unknown field of a trace");
            }
        }
        in.endObject();
        if (format == null) {
            throw new TraceException("format: missing (expected \"" + FORMAT + "\")");
        }
        if (version == null) {
            throw new TraceException("version: missing");
        }
        if (layout == null) {
            throw new TraceException("layout: missing");
        }
        if (!sawEvents) {
            trace = new Trace(layout);
        }
        trace.setSummary(summary);
        return trace;
    }

    private static Layout readLayout(JsonElement e, Path baseDir) throws TraceException {
        try {
            return LayoutReader.read(e, baseDir);
        } catch (LayoutException ex) {
            throw new TraceException("layout: " + ex.getMessage().replace("\n", "\n  layout: "), ex);
        }
    }
}
