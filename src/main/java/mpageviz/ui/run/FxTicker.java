package mpageviz.ui.run;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/** The window's playback clock: a Timeline, never a sleeping thread. */
public final class FxTicker implements Ticker {
    private Timeline timeline;

    @Override
    public void start(double hz, Runnable onTick) {
        stop();
        timeline = new Timeline(new KeyFrame(Duration.seconds(1 / hz), e -> onTick.run()));
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.play();
    }

    @Override
    public void stop() {
        if (timeline != null) {
            timeline.stop();
            timeline = null;
        }
    }
}
