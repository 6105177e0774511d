package mpageviz.ui.dialog;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import mpageviz.kernel.PageFlag;
import mpageviz.ui.panel.Legend;

/** The keys and the colour legend. */
public final class HelpDialog extends Alert {
    private static final String[][] KEYS = {
        {"Space", "play / pause"},
        {"\u2192  /  \u2190", "one event forward / back"},
        {"Shift + \u2192 / \u2190", "to the next / previous page mpage starts on"},
        {"Ctrl + \u2192 / \u2190", "to the next / previous bio submission"},
        {"Alt + \u2192 / \u2190", "to the next / previous get_block call"},
        {"Home / End", "to the start / run to the end"},
        {"F5", "run to the next breakpoint (Run \u25B8 Breakpoints)"},
        {"Ctrl+O, Ctrl+I, Ctrl+E", "open a layout, import a trace, export the trace"},
        {"Ctrl+R", "rerun the layout"},
        {"Ctrl+B", "edit the layout in the layout builder"},
        {"F1", "this help"},
    };

    public HelpDialog(Window owner) {
        super(AlertType.INFORMATION, "", ButtonType.CLOSE);
        setTitle("Keys and legend");
        setHeaderText("mpage-visualizer: keys and colours");
        initOwner(owner);
        GridPane keys = new GridPane();
        keys.setHgap(16);
        keys.setVgap(4);
        for (int i = 0; i < KEYS.length; i++) {
            Label k = new Label(KEYS[i][0]);
            k.setStyle("-fx-font-weight: bold");
            keys.addRow(i, k, new Label(KEYS[i][1]));
        }
        GridPane legend = new GridPane();
        legend.setHgap(10);
        legend.setVgap(4);
        int row = 0;
        for (PageFlag f : PageFlag.values()) {
            Region sw = new Region();
            sw.getStyleClass().addAll("legend-swatch", "mv-swatch-page-" + f.label());
            Label text = new Label(Legend.pageFlag(f));
            text.setWrapText(true);
            text.setMaxWidth(560);
            legend.addRow(row++, sw, text);
        }
        VBox content = new VBox(12, new Label("Keys"), keys, new Label("Page colours (the state that matters "
                + "most wins: error, writeback, locked, dirty, uptodate)"), legend);
        getDialogPane().setContent(content);
        getDialogPane().setId("helpDialog");
        if (owner != null && owner.getScene() != null) {
            getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
    }
}
