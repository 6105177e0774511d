package mpageviz.ui.anim;

import javafx.animation.Animation;
import javafx.animation.Interpolator;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.ParallelTransition;
import javafx.animation.Timeline;
import javafx.beans.property.DoubleProperty;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.effect.DropShadow;
import javafx.scene.paint.Color;
import javafx.util.Duration;

/**
 * Factories for the window's animations. Each returns an un-played animation that leaves its target in the
 * canonical end state (the picture {@code render} draws) when it finishes or is stopped, so a stop always lands
 * on the truth. {@link Duration#ZERO} means "apply the end state now": playing such an animation only runs its
 * end.
 */
public final class Animations {
    /** The one easing every animation shares, so they all feel alike. */
    public static final Interpolator INTERPOLATOR = Interpolator.SPLINE(0.25, 0.1, 0.25, 1);

    /** The glow colour (the light theme's highlight; effects cannot read CSS looked-up colours). */
    public static final Color GLOW = Color.web("#0072B2");

    /** Below about one frame an animation cannot be seen, only paid for. */
    private static final double SHORTEST_MS = 20;

    private Animations() {
    }

    /**
     * How long a step's animation lasts at a play speed (steps per second): most of one step's time, never over
     * 600 ms, and zero when a step is shorter than a frame, so that playing fast never lags behind.
     */
    public static Duration durationFor(double stepsPerSecond) {
        double ms = Math.max(0, Math.min(600, 700 / Math.max(0.25, stepsPerSecond)));
        return ms < SHORTEST_MS ? Duration.ZERO : Duration.millis(ms);
    }

    /** Whether an animation of this length would be seen at all (otherwise only its end state matters). */
    public static boolean visible(Duration d) {
        return d != null && d.toMillis() >= SHORTEST_MS;
    }

    /** A glow that rises and fades around a node; ends with no effect on it. */
    public static Animation flash(Node node, Duration duration) {
        DropShadow glow = new DropShadow(0, GLOW);
        glow.setSpread(0.35);
        Timeline t = new Timeline(
                new KeyFrame(Duration.ZERO, e -> node.setEffect(glow), new KeyValue(glow.radiusProperty(), 0)),
                new KeyFrame(duration.multiply(0.3), new KeyValue(glow.radiusProperty(), 14, INTERPOLATOR)),
                new KeyFrame(duration, new KeyValue(glow.radiusProperty(), 0, INTERPOLATOR)));
        return withEnd(t, duration, () -> node.setEffect(null));
    }

    /** A node fading in while it slides from the left into place; ends fully opaque where layout put it. */
    public static Animation slideIn(Node node, Duration duration) {
        double from = -Math.max(12, node.getBoundsInLocal().getWidth() * 0.6);
        Timeline t = new Timeline(
                new KeyFrame(Duration.ZERO, new KeyValue(node.opacityProperty(), 0),
                        new KeyValue(node.translateXProperty(), from)),
                new KeyFrame(duration, new KeyValue(node.opacityProperty(), 1, INTERPOLATOR),
                        new KeyValue(node.translateXProperty(), 0, INTERPOLATOR)));
        return withEnd(t, duration, () -> {
            node.setOpacity(1);
            node.setTranslateX(0);
        });
    }

    /**
     * A level that jumps to 1 and decays to 0, for things drawn on a canvas or by cells (which redraw when it
     * changes). On its end the level is 0 and {@code onEnd} runs, which should forget what was pulsing.
     */
    public static Animation pulse(DoubleProperty level, Duration duration, Runnable onEnd) {
        Timeline t = new Timeline(
                new KeyFrame(Duration.ZERO, new KeyValue(level, 1)),
                new KeyFrame(duration, new KeyValue(level, 0, INTERPOLATOR)));
        return withEnd(t, duration, () -> {
            level.set(0);
            onEnd.run();
        });
    }

    /**
     * Several animations as one, so that a panel still has a single animation to stop. Stopping or finishing it
     * leaves every part in its end state, even when the parts last zero time (which never start).
     */
    public static Animation together(Animation... parts) {
        ParallelTransition p = new ParallelTransition(parts);
        // A parallel transition neither stops its parts nor finishes them through their own handlers, and parts
        // of no time never start: so the whole runs every part's end itself.
        Runnable end = () -> {
            for (Animation a : parts) {
                EventHandler<ActionEvent> handler = a.getOnFinished();
                if (handler != null) {
                    handler.handle(new ActionEvent());
                }
            }
        };
        p.setOnFinished(e -> end.run());
        p.statusProperty().addListener((o, a, b) -> {
            if (b == Animation.Status.STOPPED) {
                end.run();
            }
        });
        return p;
    }

    /** Makes {@code end} run when the animation finishes or is stopped; with no duration, playing only ends. */
    private static Animation withEnd(Timeline t, Duration duration, Runnable end) {
        if (!visible(duration)) {
            // A timeline whose cycle lasts zero never starts: play() only runs onFinished, i.e. the end state.
            t.getKeyFrames().clear();
        }
        t.setOnFinished(e -> end.run());
        t.statusProperty().addListener((o, a, b) -> {
            if (b == Animation.Status.STOPPED) {
                end.run();
            }
        });
        return t;
    }
}
