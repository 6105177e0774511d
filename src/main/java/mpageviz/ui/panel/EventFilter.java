package mpageviz.ui.panel;

import java.util.Arrays;
import java.util.Locale;

import mpageviz.trace.Event;
import mpageviz.trace.EventText;
import mpageviz.trace.Trace;

/** What the event log keeps: one kind (or every kind) and a piece of text its one-line description contains. */
record EventFilter(String kind, String text) {
    static final EventFilter ALL = new EventFilter(null, "");

    /** A filter from the log's controls; {@code allKinds} is the kind box's "every kind" entry. */
    static EventFilter of(String kind, String text, String allKinds) {
        String k = kind == null || kind.equals(allKinds) ? null : kind;
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return new EventFilter(k, t);
    }

    boolean keepsAll() {
        return kind == null && text.isEmpty();
    }

    boolean keeps(int seq, Event e) {
        return (kind == null || kind.equals(e.kind()))
                && (text.isEmpty() || EventText.describe(seq, e).toLowerCase(Locale.ROOT).contains(text));
    }

    /** The ascending indexes of the events in {@code [from, to)} this filter keeps. */
    int[] scan(Trace trace, int from, int to) {
        int[] kept = new int[Math.max(0, Math.min(to - from, 1024))];
        int k = 0;
        for (int i = from; i < to; i++) {
            if (keeps(i, trace.get(i))) {
                if (k == kept.length) {
                    kept = Arrays.copyOf(kept, Math.max(16, kept.length * 2));
                }
                kept[k++] = i;
            }
        }
        return Arrays.copyOf(kept, k);
    }
}
