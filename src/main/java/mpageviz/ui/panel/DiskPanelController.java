package mpageviz.ui.panel;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import mpageviz.ui.FxmlPart;
import mpageviz.ui.Selection;
import mpageviz.ui.canvas.DiskCanvas;
import mpageviz.ui.canvas.Palette;
import mpageviz.ui.canvas.SeekPlotCanvas;
import mpageviz.view.RunState;

/** The disk: where requests land on the image, in the order served, and the seek plot. */
public final class DiskPanelController extends FxmlPart<VBox> implements RunPanel {
    @FXML private Label diskRangeLabel;
    @FXML private StackPane stripHolder;
    @FXML private StackPane seekHolder;

    private final Selection selection;
    private final DiskCanvas strip;
    private final SeekPlotCanvas seek;

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
        strip.show(s, selection.requestProperty().get());
        seek.show(s);
        diskRangeLabel.setText("blocks " + strip.firstBlock() + ".." + strip.lastBlock() + ", "
                + s.servedCount() + " requests served, seek " + s.counters().seekSectors() + " sectors");
    }
}
