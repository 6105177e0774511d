package mpageviz.layout;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.stream.JsonWriter;

/**
 * Writes a {@link Layout} as a layout file (layout-format.md) with every default spelled out, fields in the order
 * of the format's example, so that equal layouts give byte-identical files and a file read back gives an equal
 * layout. Of {@code run} only the fields of its op are written.
 */
public final class LayoutWriter {
    private LayoutWriter() {
    }

    /** Writes the layout as one JSON object. */
    public static void write(Layout layout, JsonWriter out) throws IOException {
        out.beginObject();
        out.name("format").value(LayoutReader.FORMAT);
        out.name("version").value(LayoutReader.VERSION);
        out.name("title").value(layout.title());
        out.name("notes").value(layout.notes());
        out.name("geometry").beginObject();
        out.name("pageSize").value(layout.geometry().pageSize());
        out.name("blockSize").value(layout.geometry().blockSize());
        out.endObject();
        writeFile(layout.file(), out);
        writeDevice(layout.device(), out);
        out.name("pageCache").beginArray();
        for (Layout.PageSpec page : layout.pageCache()) {
            writePage(page, out);
        }
        out.endArray();
        writeGetBlock(layout.getBlock(), out);
        out.name("cleancache");
        longs(layout.cleancache(), out);
        writeFaults(layout.faults(), out);
        out.name("blockLayer").beginObject();
        out.name("plug").value(layout.blockLayer().plug());
        out.name("merge").value(layout.blockLayer().merge());
        out.name("sortOnFlush").value(layout.blockLayer().sortOnFlush());
        out.endObject();
        out.name("memory").beginObject();
        out.name("bufferHeadsOverLimit").value(layout.memory().bufferHeadsOverLimit());
        out.endObject();
        writeRun(layout.run(), out);
        out.endObject();
    }

    /** The layout as JSON text: 2-space indent, a newline at the end. */
    public static String toJson(Layout layout) {
        StringWriter text = new StringWriter();
        try (JsonWriter out = new JsonWriter(text)) {
            out.setIndent("  ");
            out.setSerializeNulls(true);
            write(layout, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text + "\n";
    }

    /**
     * Saves the layout to {@code file}: the text goes to a temporary file in the same folder, which then replaces
     * {@code file} in one rename, so a reader never sees half a layout.
     */
    public static void save(Layout layout, Path file) throws IOException {
        byte[] bytes = toJson(layout).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(bytes));
    }

    private static void writeFile(Layout.FileMap file, JsonWriter out) throws IOException {
        out.name("file").beginObject();
        out.name("size").value(file.size());
        out.name("extents").beginArray();
        for (Layout.Extent e : file.extents()) {
            out.beginObject();
            out.name("logical").value(e.logical());
            out.name("physical").value(e.physical());
            out.name("count").value(e.count());
            out.endObject();
        }
        out.endArray();
        out.name("boundaries");
        longs(file.boundaries(), out);
        out.name("metadata").beginArray();
        for (Layout.MetadataBlock m : file.metadata()) {
            out.beginObject();
            out.name("block").value(m.block());
            out.name("first").value(m.first());
            out.name("last").value(m.last());
            out.name("cached").value(m.cached());
            out.name("dirty").value(m.dirty());
            out.endObject();
        }
        out.endArray();
        out.name("allocator");
        if (file.allocator() == null) {
            out.nullValue();
        } else {
            out.beginObject();
            out.name("next").value(file.allocator().next());
            out.name("last").value(file.allocator().last());
            out.endObject();
        }
        out.endObject();
    }

    private static void writeDevice(Layout.Device device, JsonWriter out) throws IOException {
        out.name("device").beginObject();
        out.name("blocks").value(device.blocks());
        out.name("maxSectors").value(device.maxSectors());
        out.name("maxSegments").value(device.maxSegments());
        out.name("image");
        if (device.image() == null) {
            out.nullValue();
        } else {
            out.value(device.image());
        }
        out.endObject();
    }

    private static void writePage(Layout.PageSpec page, JsonWriter out) throws IOException {
        out.beginObject();
        out.name("index").value(page.index());
        out.name("flags");
        strings(page.flags(), out);
        // A page without buffers has no "buffers" field; an empty list would be a page with zero buffers.
        if (page.buffers() != null) {
            out.name("buffers").beginArray();
            for (Layout.BufferSpec b : page.buffers()) {
                out.beginObject();
                out.name("flags");
                strings(b.flags(), out);
                if (b.block() != null) {
                    out.name("block").value(b.block());
                }
                out.endObject();
            }
            out.endArray();
        }
        out.name("alreadyCached").value(page.alreadyCached());
        out.endObject();
    }

    private static void writeGetBlock(Layout.GetBlockSpec getBlock, JsonWriter out) throws IOException {
        out.name("getBlock").beginObject();
        out.name("maxBlocks").value(getBlock.maxBlocks());
        out.name("uptodate");
        longs(getBlock.uptodate(), out);
        out.name("errors").beginArray();
        for (Layout.GetBlockError e : getBlock.errors()) {
            out.beginObject();
            out.name("logical").value(e.logical());
            out.name("errno").value(e.errno());
            out.endObject();
        }
        out.endArray();
        out.endObject();
    }

    private static void writeFaults(Layout.Faults faults, JsonWriter out) throws IOException {
        out.name("faults").beginObject();
        out.name("badSectors").beginArray();
        for (Layout.SectorRange r : faults.badSectors()) {
            out.beginObject();
            out.name("start").value(r.start());
            out.name("count").value(r.count());
            out.endObject();
        }
        out.endArray();
        out.name("bioAllocFailures").beginArray();
        for (int ordinal : faults.bioAllocFailures()) {
            out.value(ordinal);
        }
        out.endArray();
        out.endObject();
    }

    /** Only the fields of the run's op, so the file says nothing the call does not use. */
    private static void writeRun(RunSpec run, JsonWriter out) throws IOException {
        out.name("run").beginObject();
        out.name("op").value(run.op());
        switch (run.op()) {
            case RunSpec.READPAGES:
                if (run.pages() != null) {
                    out.name("pages");
                    longs(run.pages(), out);
                } else {
                    out.name("first").value(run.first());
                    out.name("count").value(run.count());
                }
                break;
            case RunSpec.READPAGE:
                out.name("index").value(run.index());
                break;
            case RunSpec.WRITEPAGE:
                out.name("index").value(run.index());
                out.name("syncMode").value(run.syncMode());
                break;
            case RunSpec.WRITEPAGES:
                out.name("syncMode").value(run.syncMode());
                out.name("rangeStart").value(run.rangeStart());
                out.name("rangeEnd").value(run.rangeEnd());
                if (run.nrToWrite() != -1) {
                    out.name("nrToWrite").value(run.nrToWrite());
                }
                out.name("rangeCyclic").value(run.rangeCyclic());
                break;
            default:
                throw new IllegalArgumentException("run.op: unknown op \"" + run.op() + "\"");
        }
        out.name("memalloc").value(run.memalloc());
        out.endObject();
    }

    private static void longs(List<Long> values, JsonWriter out) throws IOException {
        out.beginArray();
        for (long v : values) {
            out.value(v);
        }
        out.endArray();
    }

    private static void strings(List<String> values, JsonWriter out) throws IOException {
        out.beginArray();
        for (String v : values) {
            out.value(v);
        }
        out.endArray();
    }
}
