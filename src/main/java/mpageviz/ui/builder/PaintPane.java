package mpageviz.ui.builder;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The builder's Paint tab: the tools above the {@link BlockPaintCanvas}. */
public final class PaintPane extends VBox {
    private final BlockPaintCanvas canvas;

    public PaintPane(BuilderModel model) {
        super(6);
        setPadding(new Insets(10));
        canvas = new BlockPaintCanvas(model);
        canvas.setId("paintCanvas");
        ToggleButton erase = new ToggleButton("Erase (make holes)");
        erase.setId("eraseButton");
        canvas.eraseProperty().bind(erase.selectedProperty());
        TextField origin = new TextField(String.valueOf(canvas.diskOriginProperty().get()));
        origin.setId("diskOriginField");
        origin.setPrefColumnCount(8);
        canvas.diskOriginProperty().addListener((o, was, now) -> origin.setText(String.valueOf(now)));
        origin.setOnAction(e -> {
            try {
                canvas.diskOriginProperty().set(Math.max(0, BuilderNotation.number(origin.getText())));
            } catch (IllegalArgumentException ex) {
                origin.setText(String.valueOf(canvas.diskOriginProperty().get()));
            }
        });
        ScrollPane scroll = new ScrollPane(canvas);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(new HBox(6, erase, new Label("disk row starts at block"), origin), scroll);
    }

    public BlockPaintCanvas canvas() {
        return canvas;
    }

    /** Shows the part of the disk the layout's extents use (after a new layout is opened). */
    public void fitToLayout() {
        canvas.fitDiskOrigin();
    }
}
