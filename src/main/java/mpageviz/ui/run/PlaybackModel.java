package mpageviz.ui.run;

import java.util.function.Predicate;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import mpageviz.trace.Event;
import mpageviz.trace.Events;
import mpageviz.view.RunState;

/**
 * The cursor over a run: which step is shown, how far the run goes so far, playing and its speed, breakpoints.
 * Uses only javafx.beans and javafx.collections, so it is tested without a toolkit; time comes from a
 * {@link Ticker}. Commands never wait: a step the engine has not reached yet is remembered and taken by
 * {@link #poll()} once the events arrive.
 */
public final class PlaybackModel {
    /** How far a live engine may run ahead of the cursor. */
    public static final int LOOKAHEAD = 512;
    public static final double MIN_SPEED = 0.25;
    public static final double MAX_SPEED = 60;

    private final Ticker ticker;
    private Session session;

    private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper(this, "step", 0);
    private final ReadOnlyIntegerWrapper available = new ReadOnlyIntegerWrapper(this, "available", 0);
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished", false);
    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 4);
    private final BooleanProperty breakOnPlay = new SimpleBooleanProperty(this, "breakOnPlay", true);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObservableList<Breakpoint> breakpoints = FXCollections.observableArrayList();
    private final BooleanBinding canStepBack = Bindings.greaterThan(step, 0);
    private final BooleanBinding canStepForward = Bindings.createBooleanBinding(
            () -> step.get() < available.get() || !finished.get(), step, available, finished);

    /** A forward move waiting for events the engine has not produced yet. */
    private Predicate<Event> pendingSearch;
    private int pendingStep = -1;
    private boolean pendingStopsAtBreakpoints;

    public PlaybackModel(Ticker ticker) {
        this.ticker = ticker;
        speed.addListener((o, a, b) -> {
            double clamped = Math.max(MIN_SPEED, Math.min(MAX_SPEED, b.doubleValue()));
            if (clamped != b.doubleValue()) {
                speed.set(clamped);
            } else if (playing.get()) {
                ticker.stop();
                ticker.start(clamped, this::tick);
            }
        });
    }

    // ------------------------------------------------------------------ properties

    public ReadOnlyIntegerProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public int getStep() {
        return step.get();
    }

    public ReadOnlyIntegerProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public RunState getState() {
        return state.get();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    public DoubleProperty speedProperty() {
        return speed;
    }

    public BooleanBinding canStepBackProperty() {
        return canStepBack;
    }

    public BooleanBinding canStepForwardProperty() {
        return canStepForward;
    }

    /** A line for the status bar: where the cursor stopped and why. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObservableList<Breakpoint> breakpoints() {
        return breakpoints;
    }

    public Session session() {
        return session;
    }

    /** The event that led to the current step, or null at step 0. */
    public Event currentEvent() {
        int s = step.get();
        return s == 0 ? null : session.trace().get(s - 1);
    }

    // ------------------------------------------------------------------ commands

    /** Shows another run from its step 0. */
    public void setSession(Session newSession) {
        pause();
        clearPending();
        this.session = newSession;
        available.set(newSession.available());
        finished.set(newSession.finished());
        step.set(0);
        state.set(newSession.stateAt(0));
        status.set("");
    }

    public void stepForward() {
        moveForward(e -> true, false);
    }

    public void stepBack() {
        moveBack(e -> true);
    }

    /** Forward to the next event of a kind (a get_block call, a page, a bio submission, ...). */
    public void forwardTo(Predicate<Event> what) {
        moveForward(what, false);
    }

    /** Back to the previous event of a kind; step 0 if there is none. */
    public void backTo(Predicate<Event> what) {
        moveBack(what);
    }

    /** Runs forward until a breakpoint's event or the end. */
    public void continueToBreakpoint() {
        moveForward(this::hitsBreakpoint, true);
    }

    public void toStart() {
        clearPending();
        seek(0);
    }

    /** To the end of the run (letting a live engine finish first). */
    public void toEnd() {
        clearPending();
        if (!session.finished()) {
            session.runToEnd();
            pendingStep = Integer.MAX_VALUE;
            status.set("running to the end...");
        }
        seek(available.get());
    }

    /** Shows step {@code k} (clamped to what exists). */
    public void seek(int k) {
        int target = Math.max(0, Math.min(k, available.get()));
        if (target != step.get() || state.get() == null || state.get().step() != target) {
            step.set(target);
            state.set(session.stateAt(target));
        }
    }

    public void play() {
        if (playing.get() || session == null) {
            return;
        }
        playing.set(true);
        status.set("playing");
        ticker.start(speed.get(), this::tick);
    }

    public void pause() {
        if (playing.get()) {
            playing.set(false);
            ticker.stop();
            if (status.get().equals("playing")) {
                status.set("paused at step " + step.get());
            }
        }
    }

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    /** One tick of playback: one step forward, stopping at a breakpoint or the end. */
    public void tick() {
        if (!playing.get()) {
            return;
        }
        if (step.get() >= available.get()) {
            if (finished.get()) {
                pause();
                status.set("end of run");
            } else {
                session.allowUpTo(step.get() + LOOKAHEAD);
            }
            return;
        }
        seek(step.get() + 1);
        requestLookahead();
        Event e = currentEvent();
        if (breakOnPlay.get() && hitsBreakpoint(e)) {
            pause();
            status.set("stopped at " + describeHit(e));
        }
    }

    /** Pulls news from the engine: called by the window's poller and by tests. */
    public void poll() {
        if (session == null) {
            return;
        }
        boolean done = session.finished();
        int n = session.available();
        available.set(n);
        finished.set(done && n == session.available());
        if (pendingSearch != null) {
            continueSearch();
        } else if (pendingStep >= 0) {
            if (pendingStep <= n || finished.get()) {
                int target = Math.min(pendingStep, n);
                pendingStep = -1;
                seek(target);
                if (finished.get() && status.get().startsWith("running")) {
                    status.set(session.failure() == null ? "end of run" : "the engine failed: "
                            + session.failure().getMessage());
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private void moveForward(Predicate<Event> what, boolean stopsAtBreakpoints) {
        pause();
        clearPending();
        pendingSearch = what;
        pendingStopsAtBreakpoints = stopsAtBreakpoints;
        searchFrom = step.get();
        continueSearch();
    }

    private int searchFrom;

    /** Scans the recorded events after the cursor; asks the engine for more when they run out. */
    private void continueSearch() {
        int n = available.get();
        for (int i = searchFrom; i < n; i++) {
            Event e = session.trace().get(i);
            if (pendingSearch.test(e)) {
                boolean atBreakpoint = pendingStopsAtBreakpoints;
                clearPending();
                seek(i + 1);
                requestLookahead();
                if (atBreakpoint) {
                    status.set("stopped at " + describeHit(e));
                }
                return;
            }
        }
        searchFrom = n;
        if (finished.get()) {
            boolean toTheEnd = pendingStopsAtBreakpoints || n > step.get();
            clearPending();
            if (toTheEnd) {
                seek(n);
                status.set("end of run");
            }
            return;
        }
        session.allowUpTo(n + LOOKAHEAD);
        status.set("running...");
    }

    private void moveBack(Predicate<Event> what) {
        pause();
        clearPending();
        for (int i = step.get() - 2; i >= 0; i--) {
            if (what.test(session.trace().get(i))) {
                seek(i + 1);
                return;
            }
        }
        seek(0);
    }

    private void clearPending() {
        pendingSearch = null;
        pendingStep = -1;
        pendingStopsAtBreakpoints = false;
    }

    private void requestLookahead() {
        if (!session.finished()) {
            session.allowUpTo(step.get() + LOOKAHEAD);
        }
    }

    private boolean hitsBreakpoint(Event e) {
        for (Breakpoint b : breakpoints) {
            if (b.matches().test(e)) {
                return true;
            }
        }
        return false;
    }

    private String describeHit(Event e) {
        for (Breakpoint b : breakpoints) {
            if (b.matches().test(e)) {
                return "breakpoint \u201c" + b.label() + "\u201d (step " + step.get() + ")";
            }
        }
        return "step " + step.get();
    }

    /** Predicates for the semantic steps of the transport bar. */
    public static final Predicate<Event> GET_BLOCK = e -> e instanceof Events.GetBlock;
    public static final Predicate<Event> PAGE = e -> e instanceof Events.PageBegin;
    public static final Predicate<Event> BIO = e -> e instanceof Events.BioSubmit
            && "bio".equals(((Events.BioSubmit) e).source());
}
