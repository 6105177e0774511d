package mpageviz.trace;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import mpageviz.kernel.BhState;
import mpageviz.kernel.PageFlag;

/**
 * Events to JSON and back, one object per event: {@code seq}, {@code kind}, {@code fn}, {@code line}, then the
 * record's own fields by name. Flag bit sets are written as lists of names (page flags for {@code page-flags},
 * buffer state bits elsewhere) so the file reads well; everything else is a number, string, boolean or array.
 * The mapping is derived from the records themselves, so a new kind needs no codec change.
 */
public final class EventCodec {
    private static final Map<String, Shape> BY_KIND = new HashMap<>();
    private static final Map<Class<?>, Shape> BY_CLASS = new HashMap<>();

    /** How one record type maps to JSON. */
    private static final class Shape {
        final String kind;
        final RecordComponent[] components;
        final MethodHandle[] getters;
        final MethodHandle constructor;
        final Map<String, Integer> position = new HashMap<>();
        final boolean pageFlags;

        Shape(Class<?> type) throws ReflectiveOperationException {
            this.kind = (String) type.getField("KIND").get(null);
            this.components = type.getRecordComponents();
            this.getters = new MethodHandle[components.length];
            Class<?>[] types = new Class<?>[components.length];
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodType getterType = MethodType.methodType(Object.class, Object.class);
            for (int i = 0; i < components.length; i++) {
                getters[i] = lookup.unreflect(components[i].getAccessor()).asType(getterType);
                types[i] = components[i].getType();
                position.put(components[i].getName(), i);
            }
            this.constructor = lookup.unreflectConstructor(type.getConstructor(types))
                    .asSpreader(Object[].class, components.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
            this.pageFlags = type == Events.PageFlags.class;
        }
    }

    static {
        try {
            for (Class<?> c : Event.class.getPermittedSubclasses()) {
                Shape s = new Shape(c);
                BY_KIND.put(s.kind, s);
                BY_CLASS.put(c, s);
            }
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private EventCodec() {
    }

    /** All kinds, for documentation and tests. */
    public static List<String> kinds() {
        return new ArrayList<>(BY_KIND.keySet());
    }

    public static void write(JsonWriter out, int seq, Event e) throws IOException {
        Shape s = BY_CLASS.get(e.getClass());
        out.beginObject();
        out.name("seq").value(seq);
        out.name("kind").value(s.kind);
        out.name("fn").value(e.fn());
        out.name("line").value(e.line());
        try {
            for (int i = 0; i < s.components.length; i++) {
                String name = s.components[i].getName();
                if (name.equals("line") || name.equals("fn")) {
                    continue;
                }
                out.name(name);
                writeValue(out, s, name, s.components[i].getType(), (Object) s.getters[i].invokeExact((Object) e));
            }
        } catch (IOException | RuntimeException ex) {
            throw ex;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        out.endObject();
    }

    private static boolean isFlagField(String name) {
        return name.equals("set") || name.equals("clear") || name.equals("state");
    }

    private static void writeValue(JsonWriter out, Shape s, String name, Class<?> type, Object v) throws IOException {
        if (type == int.class && isFlagField(name)) {
            out.beginArray();
            int bits = (Integer) v;
            for (String n : s.pageFlags ? PageFlag.names(bits) : BhState.names(bits)) {
                out.value(n);
            }
            out.endArray();
        } else if (type == int.class || type == long.class) {
            out.value(((Number) v).longValue());
        } else if (type == boolean.class) {
            out.value((Boolean) v);
        } else if (type == String.class) {
            out.value((String) v);
        } else if (type == long[].class) {
            out.beginArray();
            for (long x : (long[]) v) {
                out.value(x);
            }
            out.endArray();
        } else if (type == int[].class) {
            out.beginArray();
            for (int x : (int[]) v) {
                out.value(x);
            }
            out.endArray();
        } else {
            throw new IllegalStateException("no JSON form for " + type);
        }
    }

    /** Reads one event object; {@code expectedSeq} must match its {@code seq}. */
    public static Event read(JsonReader in, int expectedSeq) throws IOException, TraceException {
        String at = in.getPath();
        in.beginObject();
        // seq and kind come first in files this tool writes; other orders are read through a slower path.
        Shape s = null;
        Object[] raw = null;
        boolean[] present = null;
        Map<String, Object> early = null;
        Long seq = null;
        while (in.hasNext()) {
            String name = in.nextName();
            if (name.equals("seq")) {
                Object v = readValue(in);
                seq = v instanceof Long ? (Long) v : null;
                if (seq == null || seq != expectedSeq) {
                    throw new TraceException(at + ".seq: expected " + expectedSeq + ", found " + v);
                }
            } else if (name.equals("kind")) {
                Object kind = readValue(in);
                s = kind instanceof String ? BY_KIND.get(kind) : null;
                if (s == null) {
                    throw new TraceException(at + ".kind: unknown event kind " + kind);
                }
                raw = new Object[s.components.length];
                present = new boolean[raw.length];
                if (early != null) {
                    for (Map.Entry<String, Object> f : early.entrySet()) {
                        put(s, raw, present, at, f.getKey(), f.getValue());
                    }
                }
            } else if (s == null) {
                if (early == null) {
                    early = new HashMap<>();
                }
                early.put(name, readValue(in));
            } else {
                put(s, raw, present, at, name, readValue(in));
            }
        }
        in.endObject();
        if (s == null) {
            throw new TraceException(at + ".kind: missing");
        }
        if (seq == null) {
            throw new TraceException(at + ".seq: missing (expected " + expectedSeq + ")");
        }
        Object[] args = new Object[raw.length];
        for (int i = 0; i < args.length; i++) {
            String name = s.components[i].getName();
            if (!present[i]) {
                throw new TraceException(at + "." + name + ": missing in a " + s.kind + " event");
            }
            args[i] = convert(at + "." + name, s, name, s.components[i].getType(), raw[i]);
        }
        try {
            return (Event) (Object) s.constructor.invokeExact(args);
        } catch (Throwable t) {
            throw new TraceException(at + ": cannot build a " + s.kind + " event: " + t.getMessage());
        }
    }

    private static void put(Shape s, Object[] raw, boolean[] present, String at, String name, Object value)
            throws TraceException {
        Integer i = s.position.get(name);
        if (i == null) {
            throw new TraceException(at + "." + name + ": unknown field in a " + s.kind + " event");
        }
        raw[i] = value;
        present[i] = true;
    }

    private static Object readValue(JsonReader in) throws IOException {
        JsonToken t = in.peek();
        switch (t) {
            case NUMBER:
                String text = in.nextString();
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    return text; // not an integer: convert() rejects it with the field's name
                }
            case STRING:
                return in.nextString();
            case BOOLEAN:
                return in.nextBoolean();
            case NULL:
                in.nextNull();
                return null;
            case BEGIN_ARRAY:
                List<Object> list = new ArrayList<>();
                in.beginArray();
                while (in.hasNext()) {
                    list.add(readValue(in));
                }
                in.endArray();
                return list;
            default:
                in.skipValue();
                return t;
        }
    }

    private static Object convert(String at, Shape s, String name, Class<?> type, Object v) throws TraceException {
        if (type == int.class && isFlagField(name)) {
            if (!(v instanceof List)) {
                throw new TraceException(at + ": expected a list of flag names");
            }
            int bits = 0;
            for (Object o : (List<?>) v) {
                int bit = -1;
                if (o instanceof String) {
                    if (s.pageFlags) {
                        PageFlag f = PageFlag.of((String) o);
                        bit = f == null ? -1 : f.bit();
                    } else {
                        BhState b = BhState.of((String) o);
                        bit = b == null ? -1 : b.bit();
                    }
                }
                if (bit < 0) {
                    throw new TraceException(at + ": unknown flag " + o);
                }
                bits |= bit;
            }
            return bits;
        }
        if (type == int.class || type == long.class) {
            if (!(v instanceof Long)) {
                throw new TraceException(at + ": expected an integer, found " + v);
            }
            long x = (Long) v;
            if (type == int.class) {
                if (x != (int) x) {
                    throw new TraceException(at + ": " + x + " is out of range");
                }
                return (int) x;
            }
            return x;
        }
        if (type == boolean.class) {
            if (!(v instanceof Boolean)) {
                throw new TraceException(at + ": expected true or false, found " + v);
            }
            return v;
        }
        if (type == String.class) {
            if (v != null && !(v instanceof String)) {
                throw new TraceException(at + ": expected a string, found " + v);
            }
            // Event strings come from a small vocabulary (function names, reasons): share one copy of each.
            return v == null ? null : ((String) v).intern();
        }
        if (type == long[].class || type == int[].class) {
            if (!(v instanceof List)) {
                throw new TraceException(at + ": expected an array of integers");
            }
            List<?> list = (List<?>) v;
            long[] longs = new long[list.size()];
            for (int i = 0; i < longs.length; i++) {
                Object o = list.get(i);
                if (!(o instanceof Long)) {
                    throw new TraceException(at + "[" + i + "]: expected an integer, found " + o);
                }
                longs[i] = (Long) o;
            }
            if (type == long[].class) {
                return longs;
            }
            int[] ints = new int[longs.length];
            for (int i = 0; i < ints.length; i++) {
                ints[i] = (int) longs[i];
            }
            return ints;
        }
        throw new TraceException(at + ": no JSON form for " + type);
    }
}
