package mpageviz.view;

import java.util.ArrayList;
import java.util.List;

import mpageviz.trace.Trace;

/**
 * Seeking over a trace: the state after every {@code interval}-th event is kept in memory, and
 * {@link #stateAt(int)} folds forward from the nearest one at or before the step asked for. Snapshots share
 * everything that did not change between them, so keeping many is cheap. A background job may extend the
 * snapshots while the FX thread seeks: the methods are synchronized, and extending works in short chunks.
 */
public final class RunHistory {
    public static final int DEFAULT_INTERVAL = 2048;

    private final Trace trace;
    private final int interval;
    private final List<RunState> snapshots = new ArrayList<>();
    private Fold tail;

    public RunHistory(Trace trace) {
        this(trace, DEFAULT_INTERVAL);
    }

    public RunHistory(Trace trace, int interval) {
        this.trace = trace;
        this.interval = interval;
        this.tail = Fold.start(trace.layout());
        snapshots.add(tail.snapshot());
    }

    public Trace trace() {
        return trace;
    }

    /** The number of steps available now: 0..size() are valid for stateAt. */
    public int size() {
        return trace.publishedSize();
    }

    /** Takes snapshots up to {@code step}, folding events not folded before; returns how far it got. */
    public synchronized int extendTo(int step) {
        int limit = Math.min(step, trace.publishedSize());
        while (tail.step() < limit) {
            tail.apply(trace.get(tail.step()));
            if (tail.step() % interval == 0) {
                snapshots.add(tail.snapshot());
            }
        }
        return tail.step();
    }

    /** The state after events 0..step-1. */
    public synchronized RunState stateAt(int step) {
        if (step < 0 || step > trace.publishedSize()) {
            throw new IndexOutOfBoundsException("step " + step + " of " + trace.publishedSize());
        }
        extendTo(step - step % interval);
        RunState base = snapshots.get(Math.min(step / interval, snapshots.size() - 1));
        if (base.step() == step) {
            return base;
        }
        Fold f = Fold.from(base);
        while (f.step() < step) {
            f.apply(trace.get(f.step()));
        }
        return f.snapshot();
    }

    /** How far snapshots have been taken (events folded so far). */
    public synchronized int folded() {
        return tail.step();
    }

    /** The state at the end of what has been folded so far. */
    public synchronized RunState tailState() {
        return tail.snapshot();
    }

    /** How many snapshots are held (for the benchmark's memory figures). */
    public synchronized int snapshotCount() {
        return snapshots.size();
    }
}
