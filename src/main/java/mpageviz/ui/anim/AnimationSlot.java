package mpageviz.ui.anim;

import javafx.animation.Animation;

/**
 * A panel's one place for a running animation: starting a new one stops the old one first (which lands it on its
 * end state), so steps never queue up behind animations.
 */
public final class AnimationSlot {
    private Animation current;

    /** Stops whatever runs, then plays {@code next} (null plays nothing). */
    public void play(Animation next) {
        stop();
        current = next;
        if (next != null) {
            next.play();
        }
    }

    /** Stops the running animation, leaving its target in the end state. */
    public void stop() {
        Animation a = current;
        current = null;
        if (a != null) {
            a.stop();
        }
    }

    public boolean isRunning() {
        return current != null && current.getStatus() == Animation.Status.RUNNING;
    }

    /** Ends the running animation now; the picture is then exactly what render drew. */
    public void finish() {
        stop();
    }
}
