package mpageviz.ui.canvas;

import javafx.scene.canvas.Canvas;

/** A canvas that takes the size its parent offers and redraws itself when that changes. */
public class ResizableCanvas extends Canvas {
    private final Runnable redraw;

    public ResizableCanvas(Runnable redraw) {
        this.redraw = redraw;
        widthProperty().addListener(o -> redraw.run());
        heightProperty().addListener(o -> redraw.run());
    }

    @Override
    public boolean isResizable() {
        return true;
    }

    @Override
    public double prefWidth(double height) {
        return getWidth();
    }

    @Override
    public double prefHeight(double width) {
        return getHeight();
    }

    @Override
    public double minWidth(double height) {
        return 10;
    }

    @Override
    public double minHeight(double width) {
        return 10;
    }

    @Override
    public double maxWidth(double height) {
        return Double.MAX_VALUE;
    }

    @Override
    public double maxHeight(double width) {
        return Double.MAX_VALUE;
    }

    @Override
    public void resize(double width, double height) {
        setWidth(width);
        setHeight(height);
    }

    public void redraw() {
        redraw.run();
    }
}
