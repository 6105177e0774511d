package mpageviz.ui.anim;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.scene.effect.DropShadow;
import javafx.scene.paint.Color;
import javafx.util.Duration;

/**
 * Factories for the window's animations. Each returns an un-played animation that leaves its node in the
 * canonical end state (no effect) when it finishes or is stopped, so a stop always lands on the truth.
 */
public final class Animations {
    private Animations() {
    }

    /** How long a step's animation lasts at a play speed: shorter when playing fast, never over 600 ms. */
    public static Duration durationFor(double stepsPerSecond) {
        return Duration.millis(Math.max(0, Math.min(600, 700 / Math.max(0.25, stepsPerSecond))));
    }

    /** A glow that rises and fades on the panel where a step's effect shows. */
    public static Animation flash(Node node, Duration duration) {
        DropShadow glow = new DropShadow(0, Color.web("#0072B2"));
        glow.setSpread(0.35);
        Timeline t = new Timeline(
                new KeyFrame(Duration.ZERO, e -> node.setEffect(glow), new KeyValue(glow.radiusProperty(), 0)),
                new KeyFrame(duration.multiply(0.3), new KeyValue(glow.radiusProperty(), 14)),
                new KeyFrame(duration, new KeyValue(glow.radiusProperty(), 0)));
        t.setOnFinished(e -> node.setEffect(null));
        t.statusProperty().addListener((o, a, b) -> {
            if (b == Animation.Status.STOPPED) {
                node.setEffect(null);
            }
        });
        if (duration.lessThanOrEqualTo(Duration.ZERO)) {
            t.getKeyFrames().setAll(new KeyFrame(Duration.ONE, e -> node.setEffect(null)));
        }
        return t;
    }
}
