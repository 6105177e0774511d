package mpageviz.trace;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import mpageviz.kernel.BhState;
import mpageviz.kernel.PageFlag;

/** One line of text per event for logs and searches: kind, function and line, then its fields by name. */
public final class EventText {
    private static final Map<Class<?>, RecordComponent[]> COMPONENTS = new HashMap<>();

    private EventText() {
    }

    public static String describe(int seq, Event e) {
        StringBuilder sb = new StringBuilder();
        sb.append(seq).append("  ").append(e.kind()).append("  ").append(e.fn());
        if (e.line() > 0) {
            sb.append(':').append(e.line());
        }
        RecordComponent[] cs = COMPONENTS.computeIfAbsent(e.getClass(), Class::getRecordComponents);
        boolean pageFlags = e instanceof Events.PageFlags;
        for (RecordComponent c : cs) {
            String name = c.getName();
            if (name.equals("line") || name.equals("fn")) {
                continue;
            }
            Object v;
            try {
                v = c.getAccessor().invoke(e);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
            sb.append("  ").append(name).append('=');
            if (v instanceof long[]) {
                sb.append(Arrays.toString((long[]) v));
            } else if (v instanceof int[]) {
                sb.append(Arrays.toString((int[]) v));
            } else if (v instanceof Integer && (name.equals("set") || name.equals("clear") || name.equals("state"))) {
                int bits = (Integer) v;
                sb.append(pageFlags ? PageFlag.names(bits) : BhState.names(bits));
            } else {
                sb.append(v);
            }
        }
        return sb.toString();
    }
}
