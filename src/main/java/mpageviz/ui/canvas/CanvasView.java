package mpageviz.ui.canvas;

import java.util.function.DoubleSupplier;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;

/**
 * A panel body drawn on one canvas that fills it: the theme's palette, the font size to scale by, and a
 * {@link #draw()} that starts from a cleared background. Subclasses draw only what is on screen.
 */
public abstract class CanvasView extends Region {
    protected final ResizableCanvas canvas = new ResizableCanvas(this::draw);
    protected final Palette palette;
    protected final DoubleSupplier em;

    protected CanvasView(Palette palette, DoubleSupplier em) {
        this.palette = palette;
        this.em = em;
        getChildren().add(canvas);
    }

    @Override
    protected void layoutChildren() {
        canvas.resizeRelocate(0, 0, getWidth(), getHeight());
    }

    /** Clears the canvas to the panel colour and hands out its graphics context. */
    protected GraphicsContext begin() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(palette.color("panel-bg"));
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        return g;
    }

    /** Redraws everything from the current state. */
    protected abstract void draw();
}
