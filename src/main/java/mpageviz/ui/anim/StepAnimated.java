package mpageviz.ui.anim;

import javafx.util.Duration;

import mpageviz.trace.Event;
import mpageviz.view.RunState;

/**
 * A panel that can show one +1 step's cause and effect as a short animation on top of its idempotent render.
 * The window calls {@code render(after)} first, then {@link #animate}; render stops any running animation.
 */
public interface StepAnimated {
    /**
     * Maybe starts an animation for the step from {@code before} to {@code after} made by {@code event}, lasting
     * {@code duration}; stops the panel's running animation first. Never changes what the picture ends as.
     */
    void animate(RunState before, Event event, RunState after, Duration duration);

    /** Whether the panel's animation is still running (for tests). */
    boolean isAnimating();

    /** Ends the panel's animation now, on its end state. */
    void finishAnimation();
}
