package mpageviz.ui.panel;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import mpageviz.layout.Layout;
import mpageviz.ui.FxmlPart;
import mpageviz.ui.Selection;
import mpageviz.ui.canvas.FileMapCanvas;
import mpageviz.ui.canvas.Palette;
import mpageviz.view.RunState;

/** The file's block map and where each extent lives on disk. */
public final class FileMapPanelController extends FxmlPart<VBox> implements RunPanel {
    @FXML private Label fileMapInfoLabel;
    @FXML private StackPane fileMapHolder;

    private final Selection selection;
    private final FileMapCanvas canvas;

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
        Layout l = s.layout();
        canvas.show(s, selection.pageProperty().get());
        fileMapInfoLabel.setText("i_size " + l.file().size() + ", " + l.geometry().blockSize() + " B blocks, "
                + l.blocksPerPage() + " per page, " + l.file().extents().size() + " extents, "
                + l.file().boundaries().size() + " boundaries, " + l.file().metadata().size() + " indirect blocks");
    }
}
