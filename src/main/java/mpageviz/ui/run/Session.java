package mpageviz.ui.run;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import mpageviz.engine.Runner;
import mpageviz.layout.Layout;
import mpageviz.trace.Event;
import mpageviz.trace.Probe;
import mpageviz.trace.Summary;
import mpageviz.trace.Trace;
import mpageviz.view.RunHistory;
import mpageviz.view.RunState;

/**
 * One run on screen: the only place the window touches the engine. A live session runs the engine on a named
 * daemon thread that stops after each event until the window allows more ({@link #allowUpTo}); a replayed one
 * only reads an imported trace. Either way the picture comes from the trace, through {@link RunHistory}.
 */
public final class Session implements AutoCloseable {
    /** Thrown inside the engine thread to unwind a run the window no longer wants. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("run cancelled", null, false, false);
        }
    }

    /** The gate: appends to the trace, then waits while the engine is ahead of what the window allowed. */
    private final class GatedProbe implements Probe {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public void emit(Event event) {
            trace.emit(event);
            synchronized (Session.this) {
                while (trace.publishedSize() >= allowed && !closed) {
                    try {
                        Session.this.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new Cancelled();
                    }
                }
                if (closed) {
                    throw new Cancelled();
                }
            }
        }
    }

    private final Layout layout;
    private final Trace trace;
    private final RunHistory history;
    private final boolean live;
    private final ExecutorService worker;
    private int allowed;
    private boolean closed;
    private volatile boolean finished;
    private volatile Throwable failure;
    private volatile Summary summary;
    private volatile Path imageCopy;

    private Session(Layout layout, Trace trace, boolean live) {
        this.layout = layout;
        this.trace = trace;
        this.history = new RunHistory(trace);
        this.live = live;
        this.worker = live ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mpage-engine");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** Starts the engine on a layout; it runs {@code lookahead} events ahead of the window and waits. */
    public static Session live(Layout layout, Path image, int lookahead) {
        Session s = new Session(layout, new Trace(layout), true);
        s.allowed = lookahead;
        s.worker.submit(() -> s.runEngine(image));
        return s;
    }

    /** A finished trace (imported, or recorded before): nothing runs. */
    public static Session replay(Trace trace) {
        Session s = new Session(trace.layout(), trace, false);
        s.summary = trace.summary();
        s.finished = true;
        return s;
    }

    private void runEngine(Path image) {
        try {
            Runner.Result r = Runner.run(layout, new Runner.Options(new GatedProbe(), image, false));
            summary = r.summary();
            trace.setSummary(summary);
            if (r.imageCopy()) {
                imageCopy = r.image();
            }
        } catch (Cancelled e) {
            // the window moved on to another run
        } catch (Throwable t) {
            failure = t;
        } finally {
            finished = true;
        }
    }

    /** Lets the engine run until the trace holds {@code n} events (or it ends). */
    public synchronized void allowUpTo(int n) {
        if (n > allowed) {
            allowed = n;
            notifyAll();
        }
    }

    /** Closes the gate at {@code n} events: the engine stops after the next one (used when a job is cancelled). */
    public synchronized void holdAt(int n) {
        allowed = Math.max(n, trace.publishedSize());
    }

    /**
     * Runs the engine to its end and folds every event into snapshots, in chunks, reporting progress as
     * (events folded, pages mpage has started) and stopping early when {@code cancelled} says so. Returns the
     * number of events the run has (or reached, when cancelled). Called off the FX thread.
     */
    public int prepareToEnd(java.util.function.BiConsumer<Integer, Double> progress,
                            java.util.function.BooleanSupplier cancelled) throws InterruptedException {
        runToEnd();
        int pages = Math.max(1, layout.run().op().equals("readpages") ? layout.run().readaheadPages().size()
                : Math.max(1, layout.pageCache().size()));
        while (true) {
            if (cancelled.getAsBoolean()) {
                holdAt(trace.publishedSize());
                return history.folded();
            }
            boolean done = finished;
            int n = trace.publishedSize();
            int target = Math.min(n, history.folded() + 65_536);
            history.extendTo(target);
            double fraction = done ? (double) history.folded() / Math.max(1, n)
                    : Math.min(0.99, (double) history.tailState().counters().pagesBegun() / pages);
            progress.accept(history.folded(), fraction);
            if (done && history.folded() >= trace.publishedSize()) {
                return history.folded();
            }
            if (target == n && !done) {
                Thread.sleep(2);
            }
        }
    }

    /** Lets the engine run to the end. */
    public void runToEnd() {
        allowUpTo(Integer.MAX_VALUE);
    }

    public Layout layout() {
        return layout;
    }

    public Trace trace() {
        return trace;
    }

    public boolean live() {
        return live;
    }

    /** Events recorded so far. */
    public int available() {
        return trace.publishedSize();
    }

    /** The engine has returned (or failed, or there is none): {@link #available()} will not grow. */
    public boolean finished() {
        return finished;
    }

    /** What stopped the engine, if it failed. */
    public Throwable failure() {
        return failure;
    }

    /** The run's summary once it is finished, else null. */
    public Summary summary() {
        return summary;
    }

    /** Where a write run's copy of the user's image is, or null. */
    public Path imageCopy() {
        return imageCopy;
    }

    /** The picture after events 0..step-1 (call on one thread only: the FX thread). */
    public RunState stateAt(int step) {
        return history.stateAt(step);
    }

    public RunHistory history() {
        return history;
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
        if (worker != null) {
            worker.shutdown();
        }
    }
}
