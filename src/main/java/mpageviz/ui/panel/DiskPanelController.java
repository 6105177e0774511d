package mpageviz.ui.panel;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import mpageviz.trace.Event;
import mpageviz.trace.Events;
import mpageviz.ui.FxmlPart;
import mpageviz.ui.anim.AnimationSlot;
import mpageviz.ui.anim.StepAnimated;
import mpageviz.ui.canvas.DiskCanvas;
import mpageviz.ui.canvas.Palette;
import mpageviz.ui.canvas.SeekPlotCanvas;
import mpageviz.ui.run.Selection;
import mpageviz.view.RunState;

/** The disk: where requests land on the image, in the order served, and the seek plot; a served request pulses. */
public final class DiskPanelController extends FxmlPart<VBox> implements RunPanel, StepAnimated {
    @FXML private Label diskRangeLabel;
    @FXML private StackPane stripHolder;
    @FXML private StackPane seekHolder;

    private final Selection selection;
    private final DiskCanvas strip;
    private final SeekPlotCanvas seek;
    private final AnimationSlot animation = new AnimationSlot();

    public DiskPanelController(Selection selection, Palette palette) {
        super("DiskPanel.fxml");
        this.selection = selection;
        this.strip = new DiskCanvas(palette, () -> diskRangeLabel.getFont().getSize());
        this.seek = new SeekPlotCanvas(palette, () -> diskRangeLabel.getFont().getSize());
        strip.setId("diskCanvas");
        seek.setId("seekCanvas");
        stripHolder.getChildren().add(strip);
        seekHolder.getChildren().add(seek);
    }

    @Override
    public void render(RunState s) {
        animation.stop();
        strip.show(s, selection.requestProperty().get());
        seek.show(s);
        diskRangeLabel.setText("blocks " + strip.firstBlock() + ".." + strip.lastBlock() + ", "
                + s.servedCount() + " requests served, seek " + s.counters().seekSectors() + " sectors");
    }

    @Override
    public void animate(RunState before, Event event, RunState after, Duration d) {
        animation.stop();
        if (event instanceof Events.RequestServe serve) {
            animation.play(strip.pulse(serve.request(), d));
        }
    }

    @Override
    public boolean isAnimating() {
        return animation.isRunning();
    }

    @Override
    public void finishAnimation() {
        animation.finish();
    }

    /** The disk strip (for tests). */
    public DiskCanvas strip() {
        return strip;
    }
}
