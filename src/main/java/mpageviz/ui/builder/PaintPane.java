package mpageviz.ui.builder;

import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import mpageviz.ui.canvas.Palette;

/**
 * The builder's Paint tab: the tools and zoom buttons above the {@link BlockPaintCanvas}, and a status line under
 * it saying what is under the pointer and what a drag will do.
 */
public final class PaintPane extends VBox {
    private final BlockPaintCanvas canvas;
    private final ToggleGroup tools = new ToggleGroup();

    public PaintPane(BuilderModel model) {
        getStyleClass().add("paint-pane");
        Label status = new Label();
        status.setId("paintStatusLabel");
        status.getStyleClass().add("paint-status");
        status.setMaxWidth(Double.MAX_VALUE);
        status.setWrapText(true); // long descriptions wrap rather than lose their end on a projector
        status.setMinHeight(Region.USE_PREF_SIZE);
        // The palette's hidden swatches hang on this pane, so the canvas takes the builder scene's theme.
        canvas = new BlockPaintCanvas(model, new Palette(this), () -> status.getFont().getSize());
        canvas.setId("paintCanvas");
        status.textProperty().bind(canvas.statusProperty());

        HBox bar = new HBox();
        bar.getStyleClass().add("paint-toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);
        for (PaintTool t : PaintTool.values()) {
            ToggleButton b = new ToggleButton(t.label());
            b.setId(t.buttonId());
            b.setUserData(t);
            b.setToggleGroup(tools);
            b.setTooltip(new Tooltip(t.hint()));
            b.setSelected(t == canvas.toolProperty().get());
            b.setMinWidth(Region.USE_PREF_SIZE);
            bar.getChildren().add(b);
        }
        tools.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                tools.selectToggle(was); // one tool is always on
            } else {
                canvas.toolProperty().set((PaintTool) now.getUserData());
            }
        });
        canvas.toolProperty().addListener((o, was, now) -> {
            for (Toggle t : tools.getToggles()) {
                t.setSelected(t.getUserData() == now);
            }
        });
        Button zoomOut = button("\u2212", "zoomOutButton", "Zoom out (\u2212)", canvas::zoomOut);
        Button zoomIn = button("+", "zoomInButton", "Zoom in (+)", canvas::zoomIn);
        Button fit = button("Fit", "zoomFitButton", "Show the whole file (0)", canvas::fit);
        Label scale = new Label();
        scale.setId("paintScaleLabel");
        scale.getStyleClass().add("paint-scale");
        scale.textProperty().bind(canvas.scaleProperty());
        scale.setMinWidth(0);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        Label keys = new Label("Keys");
        keys.setId("paintKeysLabel");
        keys.getStyleClass().add("paint-keys");
        keys.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip keyList = new Tooltip(BlockPaintCanvas.KEYS.replace("; ", "\n").replace(", ", "\n"));
        keyList.setShowDelay(Duration.millis(200));
        keys.setTooltip(keyList);
        bar.getChildren().addAll(new Separator(Orientation.VERTICAL), zoomOut, zoomIn, fit, scale,
                spring, keys);

        VBox.setVgrow(canvas, Priority.ALWAYS);
        getChildren().addAll(bar, canvas, status);
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    public BlockPaintCanvas canvas() {
        return canvas;
    }

    /** Shows the layout just opened: its file and the part of the disk it uses. */
    public void fitToLayout() {
        canvas.fitToLayout();
    }
}
