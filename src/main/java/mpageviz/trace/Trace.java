package mpageviz.trace;

import java.util.ArrayList;
import java.util.List;

import mpageviz.layout.Layout;

/**
 * The append-only record of one run: the layout as run, its events in order and, once the run is over, its
 * summary. One thread appends (the engine); others may read events below {@link #publishedSize()} at any time.
 */
public final class Trace implements Probe {
    private final Layout layout;
    private final List<Event> events;
    private volatile int published;
    private volatile Summary summary;

    public Trace(Layout layout) {
        this(layout, 1024);
    }

    public Trace(Layout layout, int expectedEvents) {
        this.layout = layout;
        this.events = new ArrayList<>(expectedEvents);
    }

    public Layout layout() {
        return layout;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    /** Appends an event. Only the engine thread calls this. */
    @Override
    public synchronized void emit(Event event) {
        events.add(event);
        published = events.size();
    }

    /** Events 0..publishedSize()-1 are safe to read from any thread. */
    public int publishedSize() {
        return published;
    }

    public synchronized Event get(int seq) {
        if (seq < 0 || seq >= published) {
            throw new IndexOutOfBoundsException("event " + seq + " of " + published);
        }
        return events.get(seq);
    }

    /** A copy of the published events. */
    public synchronized List<Event> events() {
        return List.copyOf(events.subList(0, published));
    }

    public Summary summary() {
        return summary;
    }

    public void setSummary(Summary summary) {
        this.summary = summary;
    }
}
