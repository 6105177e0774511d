package mpageviz.ui.panel;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import mpageviz.layout.Layout;
import mpageviz.trace.Event;
import mpageviz.trace.Events;
import mpageviz.ui.FxmlPart;
import mpageviz.ui.anim.AnimationSlot;
import mpageviz.ui.anim.StepAnimated;
import mpageviz.ui.canvas.FileMapCanvas;
import mpageviz.ui.canvas.Palette;
import mpageviz.ui.run.Selection;
import mpageviz.view.RunState;

/** The file's block map and where each extent lives on disk; the blocks get_block maps pulse as it maps them. */
public final class FileMapPanelController extends FxmlPart<VBox> implements RunPanel, StepAnimated {
    @FXML private Label fileMapInfoLabel;
    @FXML private StackPane fileMapHolder;

    private final Selection selection;
    private final FileMapCanvas canvas;
    private final AnimationSlot animation = new AnimationSlot();

    public FileMapPanelController(Selection selection, Palette palette) {
        super("FileMapPanel.fxml");
        this.selection = selection;
        this.canvas = new FileMapCanvas(palette, () -> fileMapInfoLabel.getFont().getSize());
        canvas.setId("fileMapCanvas");
        canvas.setOnPick(selection::selectPage);
        fileMapHolder.getChildren().add(canvas);
    }

    @Override
    public void render(RunState s) {
        animation.stop();
        Layout l = s.layout();
        canvas.show(s, selection.pageProperty().get());
        fileMapInfoLabel.setText("i_size " + l.file().size() + ", " + l.geometry().blockSize() + " B blocks, "
                + l.blocksPerPage() + " per page, " + l.file().extents().size() + " extents, "
                + l.file().boundaries().size() + " boundaries, " + l.file().metadata().size() + " indirect blocks");
    }

    @Override
    public void animate(RunState before, Event event, RunState after, Duration d) {
        animation.stop();
        if (event instanceof Events.GetBlock get) {
            // a mapped run lights up whole; a hole or an error, the one block asked about
            animation.play(canvas.pulse(get.logical(), get.ret() == 0 && get.block() >= 0 ? get.count() : 1, d));
        } else if (event instanceof Events.MapBhReuse reuse) {
            animation.play(canvas.pulse(reuse.logical(), reuse.count(), d));
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

    /** The block map canvas (for tests). */
    public FileMapCanvas canvas() {
        return canvas;
    }
}
