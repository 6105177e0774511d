package mpageviz.layout;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

/**
 * Reads a layout file (layout-format.md) into a {@link Layout}, filling in every default. The JSON is parsed
 * strictly into a tree, then walked by hand so that each unknown field, missing field, wrong type or bad value is
 * reported with its path; a layout that reads cleanly then goes through {@link LayoutValidator}. All problems found
 * in one pass are thrown together as a {@link LayoutException}.
 */
public final class LayoutReader {
    public static final String FORMAT = "mpage-layout";
    public static final int VERSION = 1;

    private static final List<String> TOP_FIELDS = List.of("format", "version", "title", "notes", "geometry", "file",
            "device", "pageCache", "getBlock", "cleancache", "faults", "blockLayer", "memory", "run");
    private static final Map<String, List<String>> RUN_FIELDS = Map.of(
            RunSpec.READPAGES, List.of("op", "first", "count", "pages", "memalloc"),
            RunSpec.READPAGE, List.of("op", "index", "memalloc"),
            RunSpec.WRITEPAGES, List.of("op", "syncMode", "rangeStart", "rangeEnd", "nrToWrite", "rangeCyclic",
                    "memalloc"),
            RunSpec.WRITEPAGE, List.of("op", "index", "syncMode", "memalloc"));
    // Gson ends its syntax messages with " at line L column C path $.x" (and sometimes a help link).
    private static final Pattern GSON_LOCATION =
            Pattern.compile("(?s)(.*?) at line (\\d+) column (\\d+) path (\\S*).*");

    private final Path baseDir;
    private final List<String> problems = new ArrayList<>();

    private LayoutReader(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** Reads a layout file; relative image paths resolve against the file's folder. */
    public static Layout read(Path file) throws LayoutException {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            LayoutException le = new LayoutException(file,
                    List.of("layout: cannot read " + file + ": " + LayoutValidator.reason(e)));
            le.initCause(e);
            throw le;
        }
        Path parent = file.toAbsolutePath().getParent();
        try {
            return parse(json, parent);
        } catch (LayoutException e) {
            throw e.withFile(file);
        }
    }

    /** Parses layout JSON text; {@code baseDir} (may be null) is where relative image paths resolve. */
    public static Layout parse(String json, Path baseDir) throws LayoutException {
        return read(parseTree(json), baseDir);
    }

    /** Reads a layout from a JSON tree, for example one embedded in a trace file. */
    public static Layout read(JsonElement root, Path baseDir) throws LayoutException {
        LayoutReader reader = new LayoutReader(baseDir);
        Layout layout = reader.layout(root);
        if (!reader.problems.isEmpty()) {
            throw new LayoutException(null, reader.problems);
        }
        List<String> semantic = LayoutValidator.problems(layout);
        if (!semantic.isEmpty()) {
            throw new LayoutException(null, semantic);
        }
        return layout;
    }

    // ---- strict JSON text to tree ----

    /**
     * Parses JSON text strictly (no comments, no trailing commas, no duplicate keys) into a tree. Numbers keep their
     * literal text so messages can quote what the file says.
     */
    static JsonElement parseTree(String json) throws LayoutException {
        JsonReader in = new JsonReader(new StringReader(json));
        in.setStrictness(Strictness.STRICT);
        try {
            JsonElement root = readValue(in);
            boolean more;
            try {
                more = in.peek() != JsonToken.END_DOCUMENT;
            } catch (MalformedJsonException e) {
                more = true; // a strict reader refuses a second top-level value outright
            }
            if (more) {
                throw syntax(in, "more text after the layout");
            }
            return root;
        } catch (IOException | IllegalStateException e) {
            throw syntax(e.getMessage());
        }
    }

    private static JsonElement readValue(JsonReader in) throws IOException, LayoutException {
        switch (in.peek()) {
            case BEGIN_OBJECT:
                JsonObject obj = new JsonObject();
                in.beginObject();
                while (in.hasNext()) {
                    String name = in.nextName();
                    if (obj.has(name)) {
                        throw syntax(in, "\"" + name + "\" is given twice");
                    }
                    obj.add(name, readValue(in));
                }
                in.endObject();
                return obj;
            case BEGIN_ARRAY:
                JsonArray arr = new JsonArray();
                in.beginArray();
                while (in.hasNext()) {
                    arr.add(readValue(in));
                }
                in.endArray();
                return arr;
            case STRING:
                return new JsonPrimitive(in.nextString());
            case NUMBER:
                return new JsonPrimitive(new Literal(in.nextString()));
            case BOOLEAN:
                return new JsonPrimitive(in.nextBoolean());
            case NULL:
                in.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw syntax(in, "unexpected " + in.peek());
        }
    }

    /** A syntax problem at the reader's current place. */
    private static LayoutException syntax(JsonReader in, String what) {
        // JsonReader.toString() is "JsonReader at line L column C path P".
        return syntax(what + " " + in.toString().substring(in.toString().indexOf("at line")));
    }

    /** Turns Gson's "what at line L column C path $.x" into "x: JSON syntax error at line L column C: what". */
    private static LayoutException syntax(String gsonMessage) {
        String message = gsonMessage == null ? "unreadable JSON" : gsonMessage;
        Matcher m = GSON_LOCATION.matcher(message);
        if (!m.matches()) {
            return new LayoutException(null, List.of("layout: JSON syntax error: " + message.strip()));
        }
        String what = m.group(1);
        if (what.startsWith("Use JsonReader.setStrictness")) {
            // Gson's advice to its programmer; tell the layout's author what is wrong instead.
            what = "not strict JSON (comments, single quotes, unquoted text and the like are not allowed)";
        } else if (!what.isEmpty()) {
            what = Character.toLowerCase(what.charAt(0)) + what.substring(1);
        }
        return new LayoutException(null, List.of(fieldPath(m.group(4)) + ": JSON syntax error at line " + m.group(2)
                + " column " + m.group(3) + ": " + what));
    }

    /** Gson's "$.file.extents[2]" as our "file.extents[2]"; the document itself is "layout". */
    private static String fieldPath(String gsonPath) {
        String path = gsonPath.startsWith("$") ? gsonPath.substring(1) : gsonPath;
        path = path.startsWith(".") ? path.substring(1) : path;
        // Before the first name is read Gson says "$." : that is the document itself.
        return path.isEmpty() ? "layout" : path;
    }

    /** A JSON number kept as written; Gson's JsonPrimitive turns it into a BigDecimal on demand. */
    private static final class Literal extends Number {
        private static final long serialVersionUID = 1L;
        private final String text;

        Literal(String text) {
            this.text = text;
        }

        @Override
        public int intValue() {
            return (int) doubleValue();
        }

        @Override
        public long longValue() {
            return (long) doubleValue();
        }

        @Override
        public float floatValue() {
            return (float) doubleValue();
        }

        @Override
        public double doubleValue() {
            return Double.parseDouble(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    // ---- tree to Layout ----

    private Layout layout(JsonElement rootElement) {
        if (rootElement == null || !rootElement.isJsonObject()) {
            problems.add("layout: expected an object, got " + describe(rootElement));
            return null;
        }
        Obj root = new Obj("", rootElement.getAsJsonObject(), false).only(TOP_FIELDS, "");
        checkHeader(root);
        String title = root.string("title", "");
        String notes = root.string("notes", "");
        Obj geo = root.object("geometry", true).only("pageSize", "blockSize");
        Layout.Geometry geometry = new Layout.Geometry(geo.intValue("pageSize", null), geo.intValue("blockSize", null));
        Layout.FileMap file = fileMap(root.object("file", true));
        Layout.Device device = device(root.object("device", false), geometry.blockSize());
        List<Layout.PageSpec> pageCache = root.objects("pageCache", this::pageSpec);
        Layout.GetBlockSpec getBlock = getBlock(root.object("getBlock", false));
        List<Long> cleancache = root.longs("cleancache");
        Layout.Faults faults = faults(root.object("faults", false));
        Obj bl = root.object("blockLayer", false).only("plug", "merge", "sortOnFlush");
        Layout.BlockLayerSpec blockLayer = new Layout.BlockLayerSpec(bl.bool("plug", true), bl.bool("merge", true),
                bl.bool("sortOnFlush", false));
        Obj mem = root.object("memory", false).only("bufferHeadsOverLimit");
        Layout.MemorySpec memory = new Layout.MemorySpec(mem.bool("bufferHeadsOverLimit", false));
        RunSpec run = run(root.object("run", true));
        if (!problems.isEmpty()) {
            return null;
        }
        return new Layout(title, notes, geometry, file, device, pageCache, getBlock, cleancache, faults, blockLayer,
                memory, run, baseDir);
    }

    private void checkHeader(Obj root) {
        if (!root.has("format")) {
            problems.add("format: required (\"" + FORMAT + "\")");
        } else {
            String format = root.string("format", null);
            if (format != null && !format.equals(FORMAT)) {
                problems.add("format: \"" + format + "\" is not \"" + FORMAT + "\"");
            }
        }
        if (!root.has("version")) {
            problems.add("version: required (" + VERSION + ")");
        } else {
            JsonElement v = root.get("version");
            Long version = integer(v, "version", Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (version != null && version != VERSION) {
                problems.add("version: " + version + " is not supported (only " + VERSION + ")");
            }
        }
    }

    private Layout.FileMap fileMap(Obj o) {
        o.only("size", "extents", "boundaries", "metadata", "allocator");
        long size = o.longValue("size", null);
        List<Layout.Extent> extents = o.objects("extents", this::extent);
        List<Long> boundaries = o.longs("boundaries");
        List<Layout.MetadataBlock> metadata = o.objects("metadata", this::metadataBlock);
        Layout.Allocator allocator = null;
        Obj a = o.nullableObject("allocator");
        if (a != null) {
            a.only("next", "last");
            allocator = new Layout.Allocator(a.longValue("next", null), a.longValue("last", null));
        }
        return new Layout.FileMap(size, extents, boundaries, metadata, allocator);
    }

    private Layout.Extent extent(Obj o) {
        o.only("logical", "physical", "count");
        return new Layout.Extent(o.longValue("logical", null), o.longValue("physical", null),
                o.longValue("count", null));
    }

    private Layout.MetadataBlock metadataBlock(Obj o) {
        o.only("block", "first", "last", "cached", "dirty");
        return new Layout.MetadataBlock(o.longValue("block", null), o.longValue("first", null),
                o.longValue("last", null), o.bool("cached", false), o.bool("dirty", false));
    }

    private Layout.Device device(Obj o, int blockSize) {
        o.only("blocks", "maxSectors", "maxSegments", "image");
        String image = o.nullableString("image");
        long blocks;
        if (o.has("blocks")) {
            blocks = o.longValue("blocks", null);
        } else if (image == null) {
            problems.add("device.blocks: required when device.image is null");
            blocks = 0;
        } else {
            blocks = blocksOfImage(image, blockSize);
        }
        return new Layout.Device(blocks, o.intValue("maxSectors", 1024), o.intValue("maxSegments", 128), image);
    }

    /** device.blocks when only the image is given: as many whole blocks as the image holds. */
    private long blocksOfImage(String image, int blockSize) {
        Path path;
        try {
            path = baseDir == null ? Path.of(image) : baseDir.resolve(image);
        } catch (InvalidPathException e) {
            problems.add("device.image: \"" + image + "\" is not a valid path");
            return 0;
        }
        try {
            long size = LayoutValidator.imageSize(path);
            if (blockSize <= 0) {
                return 0; // geometry.blockSize gets its own message from the validator
            }
            if (size < blockSize) {
                problems.add("device.image: \"" + image + "\" is smaller than one block (" + size + " bytes)");
            }
            return size / blockSize;
        } catch (IOException e) {
            problems.add(LayoutValidator.cannotOpen(image, e));
            return 0;
        }
    }

    private Layout.PageSpec pageSpec(Obj o) {
        o.only("index", "flags", "buffers", "alreadyCached");
        long index = o.longValue("index", null);
        List<String> flags = o.strings("flags");
        List<Layout.BufferSpec> buffers = null;
        if (o.has("buffers") && !o.get("buffers").isJsonNull()) {
            buffers = o.objects("buffers", this::bufferSpec);
        }
        return new Layout.PageSpec(index, flags, buffers, o.bool("alreadyCached", false));
    }

    private Layout.BufferSpec bufferSpec(Obj o) {
        o.only("flags", "block");
        List<String> flags = o.strings("flags");
        Long block = o.has("block") && !o.get("block").isJsonNull() ? o.longValue("block", null) : null;
        return new Layout.BufferSpec(flags, block);
    }

    private Layout.GetBlockSpec getBlock(Obj o) {
        o.only("maxBlocks", "uptodate", "errors");
        return new Layout.GetBlockSpec(o.intValue("maxBlocks", 0), o.longs("uptodate"),
                o.objects("errors", e -> {
                    e.only("logical", "errno");
                    return new Layout.GetBlockError(e.longValue("logical", null), e.string("errno", null));
                }));
    }

    private Layout.Faults faults(Obj o) {
        o.only("badSectors", "bioAllocFailures");
        List<Layout.SectorRange> badSectors = o.objects("badSectors", r -> {
            r.only("start", "count");
            return new Layout.SectorRange(r.longValue("start", null), r.longValue("count", null));
        });
        return new Layout.Faults(badSectors, o.ints("bioAllocFailures"));
    }

    private RunSpec run(Obj o) {
        if (o.quiet) {
            return null;
        }
        String op = o.string("op", null);
        if (op == null) {
            return null;
        }
        List<String> fields = RUN_FIELDS.get(op);
        if (fields == null) {
            problems.add("run.op: \"" + op + "\" is not one of " + String.join(", ", LayoutValidator.OPS));
            return null;
        }
        o.only(fields, " of op " + op);
        RunSpec run;
        switch (op) {
            case RunSpec.READPAGES:
                run = readpages(o);
                break;
            case RunSpec.READPAGE:
                run = RunSpec.readpage(o.longValue("index", null));
                break;
            case RunSpec.WRITEPAGE:
                run = RunSpec.writepage(o.longValue("index", null), o.string("syncMode", "none"));
                break;
            default:
                run = writepages(o);
                break;
        }
        return run == null ? null : run.withMemalloc(o.bool("memalloc", false));
    }

    private RunSpec readpages(Obj o) {
        boolean first = o.has("first");
        boolean count = o.has("count");
        if (o.has("pages")) {
            if (first || count) {
                problems.add("run: first/count and pages exclude each other");
                return null;
            }
            return RunSpec.readpages(o.longs("pages"));
        }
        if (first && count) {
            return RunSpec.readpages(o.longValue("first", null), o.longValue("count", null));
        }
        if (first) {
            problems.add("run.count: required with run.first");
        } else if (count) {
            problems.add("run.first: required with run.count");
        } else {
            problems.add("run: readpages needs first and count, or pages");
        }
        return null;
    }

    private RunSpec writepages(Obj o) {
        long nrToWrite = -1;
        if (o.has("nrToWrite")) {
            Long given = integer(o.get("nrToWrite"), "run.nrToWrite", Long.MIN_VALUE, Long.MAX_VALUE);
            nrToWrite = given == null ? 1 : given;
            if (nrToWrite < 1) {
                // -1 is how the record says "no limit"; in the file that is said by leaving the field out.
                problems.add("run.nrToWrite: " + nrToWrite + " must be at least 1 (leave it out for no limit)");
            }
        }
        return new RunSpec(RunSpec.WRITEPAGES, -1, 0, null, -1, o.string("syncMode", "none"),
                o.longValue("rangeStart", 0L), o.longValue("rangeEnd", -1L), nrToWrite, o.bool("rangeCyclic", false),
                false);
    }

    // ---- values ----

    /** The integer in {@code e}, within min..max, or null after recording why not. */
    private Long integer(JsonElement e, String path, long min, long max) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            problems.add(path + ": expected an integer, got " + describe(e));
            return null;
        }
        String text = e.getAsString();
        BigDecimal value;
        try {
            value = e.getAsBigDecimal();
        } catch (NumberFormatException x) {
            problems.add(path + ": " + shorten(text) + " is not a usable number");
            return null;
        }
        if (value.compareTo(BigDecimal.valueOf(max)) > 0) {
            problems.add(path + ": " + shorten(text) + " is too large (at most " + max + ")");
            return null;
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0) {
            problems.add(path + ": " + shorten(text) + " is too small (at least " + min + ")");
            return null;
        }
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            problems.add(path + ": " + shorten(text) + " is not an integer");
            return null;
        }
        return value.longValue();
    }

    /** How a value that has the wrong type is named in a message. */
    private static String describe(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsString();
        }
        if (p.isNumber()) {
            return "the number " + shorten(p.getAsString());
        }
        return "the string \"" + shorten(p.getAsString()) + "\"";
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /**
     * One JSON object being read, with its path. Getters record a problem and return a harmless default when a
     * value is missing or wrong, so one pass finds everything. A "quiet" object stands in for a required object that
     * is missing: it has no fields and reports nothing more.
     */
    private final class Obj {
        final String path;
        final JsonObject json;
        final boolean quiet;

        Obj(String path, JsonObject json, boolean quiet) {
            this.path = path;
            this.json = json;
            this.quiet = quiet;
        }

        String at(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        boolean has(String name) {
            return json.has(name);
        }

        JsonElement get(String name) {
            return json.get(name);
        }

        /** Rejects every field not in {@code known}; returns this for chaining. */
        Obj only(String... known) {
            return only(Arrays.asList(known), "");
        }

        Obj only(List<String> known, String where) {
            for (String name : json.keySet()) {
                if (!known.contains(name)) {
                    problems.add(at(name) + ": unknown field" + where + " (known: " + String.join(", ", known) + ")");
                }
            }
            return this;
        }

        /** A required field (def == null) or one with a default, as a long. */
        long longValue(String name, Long def) {
            Long v = number(name, def, Long.MIN_VALUE, Long.MAX_VALUE);
            return v == null ? 0 : v;
        }

        int intValue(String name, Integer def) {
            Long v = number(name, def == null ? null : def.longValue(), Integer.MIN_VALUE, Integer.MAX_VALUE);
            return v == null ? 0 : v.intValue();
        }

        private Long number(String name, Long def, long min, long max) {
            if (!has(name)) {
                return required(name, def);
            }
            return integer(get(name), at(name), min, max);
        }

        private <T> T required(String name, T def) {
            if (def == null && !quiet) {
                problems.add(at(name) + ": required");
            }
            return def;
        }

        boolean bool(String name, boolean def) {
            if (!has(name)) {
                return def;
            }
            JsonElement e = get(name);
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
                return e.getAsBoolean();
            }
            problems.add(at(name) + ": expected true or false, got " + describe(e));
            return def;
        }

        /** A string field: required when def is null. */
        String string(String name, String def) {
            if (!has(name)) {
                return required(name, def);
            }
            return stringAt(get(name), at(name), def);
        }

        /** A string field that may be null or absent (null either way). */
        String nullableString(String name) {
            if (!has(name) || get(name).isJsonNull()) {
                return null;
            }
            return stringAt(get(name), at(name), null);
        }

        /** A nested object; a missing one is "required" when {@code required}, else read as empty (all defaults). */
        Obj object(String name, boolean required) {
            if (!has(name)) {
                if (required && !quiet) {
                    problems.add(at(name) + ": required");
                }
                return new Obj(at(name), new JsonObject(), required || quiet);
            }
            return objectAt(get(name), at(name));
        }

        /** A nested object that may be null or absent (null either way). */
        Obj nullableObject(String name) {
            if (!has(name) || get(name).isJsonNull()) {
                return null;
            }
            return objectAt(get(name), at(name));
        }

        /** The elements of an array field; an absent field is an empty array. */
        JsonArray array(String name) {
            if (!has(name)) {
                return new JsonArray();
            }
            JsonElement e = get(name);
            if (!e.isJsonArray()) {
                problems.add(at(name) + ": expected an array, got " + describe(e));
                return new JsonArray();
            }
            return e.getAsJsonArray();
        }

        List<Long> longs(String name) {
            JsonArray a = array(name);
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                Long v = integer(a.get(i), at(name) + "[" + i + "]", Long.MIN_VALUE, Long.MAX_VALUE);
                out.add(v == null ? 0L : v);
            }
            return out;
        }

        List<Integer> ints(String name) {
            JsonArray a = array(name);
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                Long v = integer(a.get(i), at(name) + "[" + i + "]", Integer.MIN_VALUE, Integer.MAX_VALUE);
                out.add(v == null ? 0 : v.intValue());
            }
            return out;
        }

        List<String> strings(String name) {
            JsonArray a = array(name);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                out.add(stringAt(a.get(i), at(name) + "[" + i + "]", ""));
            }
            return out;
        }

        <T> List<T> objects(String name, Function<Obj, T> reader) {
            JsonArray a = array(name);
            List<T> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                out.add(reader.apply(objectAt(a.get(i), at(name) + "[" + i + "]")));
            }
            return out;
        }

        private String stringAt(JsonElement e, String where, String def) {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
                return e.getAsString();
            }
            problems.add(where + ": expected a string, got " + describe(e));
            return def;
        }

        private Obj objectAt(JsonElement e, String where) {
            if (e.isJsonObject()) {
                return new Obj(where, e.getAsJsonObject(), false);
            }
            problems.add(where + ": expected an object, got " + describe(e));
            return new Obj(where, new JsonObject(), true);
        }
    }
}
