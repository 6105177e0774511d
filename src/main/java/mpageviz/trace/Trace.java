package mpageviz.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import mpageviz.layout.Layout;

/**
 * The append-only record of one run: the layout as run, its events in order and, once the run is over, its
 * summary. One thread appends (the engine); others may read events below {@link #publishedSize()} at any time.
 */
public final class Trace implements Probe {
    private static final int SHIFT = 12;
    private static final int CHUNK = 1 << SHIFT;

    private final Layout layout;
    /** Events in chunks of 4096: appending never copies, and readers never see a chunk move. */
    private volatile Event[][] chunks = new Event[16][];
    private int size;
    private volatile int published;
    private volatile Summary summary;

    public Trace(Layout layout) {
        this(layout, 1024);
    }

    public Trace(Layout layout, int expectedEvents) {
        this.layout = layout;
    }

    public Layout layout() {
        return layout;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    /** Appends an event and publishes it. Only one thread (the engine's) appends. */
    @Override
    public void emit(Event event) {
        int c = size >>> SHIFT;
        Event[][] cs = chunks;
        if (c == cs.length) {
            cs = Arrays.copyOf(cs, cs.length * 2);
            chunks = cs;
        }
        if (cs[c] == null) {
            cs[c] = new Event[CHUNK];
        }
        cs[c][size & (CHUNK - 1)] = event;
        size++;
        published = size;
    }

    /** Events 0..publishedSize()-1 are safe to read from any thread. */
    public int publishedSize() {
        return published;
    }

    public Event get(int seq) {
        int n = published; // read first: it orders the reads below after the writes it published
        if (seq < 0 || seq >= n) {
            throw new IndexOutOfBoundsException("event " + seq + " of " + n);
        }
        return chunks[seq >>> SHIFT][seq & (CHUNK - 1)];
    }

    /** A copy of the published events. */
    public List<Event> events() {
        int n = published;
        List<Event> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(get(i));
        }
        return out;
    }

    public Summary summary() {
        return summary;
    }

    public void setSummary(Summary summary) {
        this.summary = summary;
    }
}
