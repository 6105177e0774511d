package mpageviz.ui.canvas;

import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * The horizontal block axis of a strip canvas (file map, disk strip), zoomable around the pointer: it shows
 * blocks {@code viewStart .. viewStart + viewSpan} of a full range across the canvas width. Ctrl+scroll zooms,
 * dragging pans, a double click shows the whole range again.
 */
public final class BlockAxis {
    /** Never zoom in further than this many blocks across the canvas: a block is then a wide box. */
    static final double MIN_SPAN = 4;
    /** Each wheel notch (40 pixels of delta) zooms by this factor. */
    private static final double NOTCH_ZOOM = 1.25;

    private double fullStart;
    private double fullEnd = 1;
    private double viewStart;
    private double viewSpan = 1;
    private double dragX = Double.NaN;
    private boolean dragged;

    /**
     * Sets the full range {@code [start, end)}; the view resets when the range is new, otherwise it stays where it
     * was (clamped), so a growing run does not throw away the user's zoom.
     */
    public void setRange(double start, double end, boolean resetView) {
        double e = Math.max(start + 1, end);
        boolean wasWhole = isWhole();
        fullStart = start;
        fullEnd = e;
        if (resetView || wasWhole) {
            reset();
        } else {
            clamp();
        }
    }

    /** Shows the whole range again. */
    public void reset() {
        viewStart = fullStart;
        viewSpan = fullEnd - fullStart;
    }

    public boolean isWhole() {
        return viewStart <= fullStart && viewSpan >= fullEnd - fullStart;
    }

    public double viewStart() {
        return viewStart;
    }

    public double viewEnd() {
        return viewStart + viewSpan;
    }

    public double viewSpan() {
        return viewSpan;
    }

    public double fullStart() {
        return fullStart;
    }

    public double fullEnd() {
        return fullEnd;
    }

    /** How many times the view is magnified against the whole range. */
    public double zoom() {
        return (fullEnd - fullStart) / viewSpan;
    }

    /** The x of a block position on a canvas {@code w} pixels wide. */
    public double x(double block, double w) {
        return (block - viewStart) / viewSpan * w;
    }

    /** The block position (fractional) at x on a canvas {@code w} pixels wide. */
    public double blockAt(double x, double w) {
        return viewStart + x / w * viewSpan;
    }

    /** Pixels one block takes. */
    public double blockWidth(double w) {
        return w / viewSpan;
    }

    /**
     * Zooms by {@code factor} (above 1 zooms in) keeping the block under x where it is, unless that would show
     * beyond the range's ends.
     */
    public void zoomAt(double factor, double x, double w) {
        double anchor = blockAt(x, w);
        double span = Math.max(Math.min(MIN_SPAN, fullEnd - fullStart),
                Math.min(fullEnd - fullStart, viewSpan / factor));
        viewSpan = span;
        viewStart = anchor - x / w * span;
        clamp();
    }

    /** Moves the view by {@code dx} pixels (positive drags the picture right, showing earlier blocks). */
    public void panBy(double dx, double w) {
        viewStart -= dx / w * viewSpan;
        clamp();
    }

    private void clamp() {
        viewSpan = Math.min(viewSpan, fullEnd - fullStart);
        viewStart = Math.max(fullStart, Math.min(fullEnd - viewSpan, viewStart));
    }

    /**
     * Wires ctrl+scroll zoom, drag pan and double-click reset on {@code target}; {@code redraw} runs after each
     * change. Clicks that did not drag still reach the target's own click handler ({@link #wasDragged()}).
     */
    public void attach(Node target, Runnable redraw) {
        target.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (!e.isControlDown() || e.getDeltaY() == 0) {
                return;
            }
            double w = target.getLayoutBounds().getWidth();
            zoomAt(Math.pow(NOTCH_ZOOM, e.getDeltaY() / 40.0), e.getX(), w);
            redraw.run();
            e.consume();
        });
        target.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            dragX = e.getX();
            dragged = false;
        });
        target.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (Double.isNaN(dragX)) {
                return;
            }
            double dx = e.getX() - dragX;
            if (dragged || Math.abs(dx) > 3) {
                dragged = true;
                panBy(dx, target.getLayoutBounds().getWidth());
                dragX = e.getX();
                redraw.run();
            }
        });
        target.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> dragX = Double.NaN);
        target.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                reset();
                redraw.run();
            }
        });
    }

    /** Whether the last press turned into a drag (then its click is not a pick). */
    public boolean wasDragged() {
        return dragged;
    }
}
