package mpageviz.ui.window;

import java.util.List;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;

import mpageviz.ui.run.Jobs;
import mpageviz.ui.run.PlaybackModel;
import mpageviz.ui.run.Session;

/**
 * The transport bar and the scrubber, bound to the playback model: buttons greyed out where the cursor cannot
 * move, Play/Pause, the speed slider (logarithmic, 0.25 to 60 steps a second), the step counter, and the scrubber,
 * which seeks when dragged and follows the cursor otherwise. Also "run to the end", which may need a job.
 */
final class TransportBar {
    private final PlaybackModel model;
    private final Jobs jobs;
    private final StatusLine status;
    private final Slider scrubber;
    private final Label stepLabel;
    /** Set while the scrubber and the cursor update each other, so neither echoes the other. */
    private boolean scrubbing;

    /**
     * {@code backButtons} are disabled at step 0, {@code forwardButtons} at the last step known; the buttons' own
     * actions stay with the window's FXML handlers.
     */
    TransportBar(PlaybackModel model, Jobs jobs, StatusLine status, List<Button> backButtons,
            List<Button> forwardButtons, Button playButton, Slider speedSlider, Label speedLabel, Slider scrubber,
            Label stepLabel) {
        this.model = model;
        this.jobs = jobs;
        this.status = status;
        this.scrubber = scrubber;
        this.stepLabel = stepLabel;
        for (Button b : backButtons) {
            b.disableProperty().bind(model.canStepBackProperty().not());
        }
        for (Button b : forwardButtons) {
            b.disableProperty().bind(model.canStepForwardProperty().not());
        }
        model.playingProperty().addListener((o, a, b) -> playButton.setText(b ? "⏸ Pause" : "▶ Play"));
        speedSlider.setValue(toSlider(model.speedProperty().get()));
        speedSlider.valueProperty().addListener((o, a, b) -> model.speedProperty().set(fromSlider(b.doubleValue())));
        model.speedProperty().addListener((o, a, b) -> speedLabel.setText(String.format("%.2g/s", b.doubleValue())));
        speedLabel.setText(String.format("%.2g/s", model.speedProperty().get()));
        scrubber.maxProperty().bind(model.availableProperty());
        scrubber.setBlockIncrement(1);
        scrubber.valueProperty().addListener((o, a, b) -> {
            if (!scrubbing) {
                scrubbing = true;
                model.pause();
                model.seek((int) Math.round(b.doubleValue()));
                scrubbing = false;
            }
        });
        model.availableProperty().addListener(o -> showStepLabel(model.getStep()));
    }

    static double fromSlider(double v) {
        return PlaybackModel.MIN_SPEED * Math.pow(PlaybackModel.MAX_SPEED / PlaybackModel.MIN_SPEED, v);
    }

    static double toSlider(double speed) {
        return Math.log(speed / PlaybackModel.MIN_SPEED) / Math.log(PlaybackModel.MAX_SPEED / PlaybackModel.MIN_SPEED);
    }

    /** Shows the cursor at {@code step}: the counter and, unless the user is dragging it, the scrubber. */
    void showStep(int step) {
        showStepLabel(step);
        if (!scrubbing) {
            scrubbing = true;
            scrubber.setValue(step);
            scrubbing = false;
        }
    }

    /** "step N / M", with a + while a live run may still add events. */
    private void showStepLabel(int step) {
        stepLabel.setText("step " + step + " / " + model.availableProperty().get()
                + (model.finishedProperty().get() ? "" : "+"));
    }

    /**
     * To the end of the run. A long live run is prepared off the FX thread (the engine runs out and its events
     * are folded into snapshots) with a progress bar and a Cancel button; then the cursor jumps there at once.
     * {@code runName} titles the job.
     */
    void runToEnd(String runName) {
        Session s = model.session();
        if (s.finished() && s.history().folded() >= s.available()) {
            model.toEnd();
            return;
        }
        model.pause();
        jobs.<Integer>submit("Running to the end of " + runName, job -> s.prepareToEnd(
                (folded, fraction) -> {
                    job.progress(fraction);
                    job.message(String.format("Running to the end: %,d events", folded));
                }, job::isCancelled),
                n -> {
                    model.poll();
                    if (model.session() == s) {
                        model.seek(n);
                    }
                },
                error -> status.showError("The run stopped", error));
    }
}
