package mpageviz.ui.canvas;

import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A list of millions of rows drawn on a canvas: only the rows on screen are drawn, so showing, scrolling and
 * moving the current row cost the same for ten events as for ten million (a ListView measures its rows and
 * slows down with the count). Rows are event positions; their text comes from a function.
 */
public final class EventLogCanvas extends Region {
    private final ResizableCanvas canvas = new ResizableCanvas(this::draw);
    private final ScrollBar scroll = new ScrollBar();
    private final Palette palette;
    private final DoubleSupplier em;
    private int rows;
    private IntFunction<String> text = i -> "";
    private int current = -1;
    private int future = Integer.MAX_VALUE;
    private IntConsumer onPick = i -> { };

    public EventLogCanvas(Palette palette, DoubleSupplier em) {
        this.palette = palette;
        this.em = em;
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.valueProperty().addListener(o -> draw());
        getChildren().addAll(canvas, scroll);
        canvas.setOnMouseClicked(e -> {
            int row = rowAt(e.getY());
            if (row >= 0) {
                onPick.accept(row);
            }
        });
        canvas.setOnScroll(e -> scroll.setValue(clamp(scroll.getValue() - Math.signum(e.getDeltaY()) * 3)));
    }

    /** What to do when a row is clicked (its position). */
    public void setOnPick(IntConsumer onPick) {
        this.onPick = onPick;
    }

    /** The rows to show, their text, the current row (-1: none) and the first row after the cursor. */
    public void show(int rowCount, IntFunction<String> rowText, int currentRow, int firstFutureRow) {
        this.rows = rowCount;
        this.text = rowText;
        this.current = currentRow;
        this.future = firstFutureRow;
        updateScroll();
        if (currentRow >= 0) {
            ensureVisible(currentRow);
        }
        draw();
    }

    public int rowCount() {
        return rows;
    }

    /** The text of a row as drawn (for tests). */
    public String rowText(int row) {
        return text.apply(row);
    }

    /** The first row on screen. */
    public int firstVisibleRow() {
        return (int) scroll.getValue();
    }

    public int visibleRows() {
        return Math.max(1, (int) (canvas.getHeight() / rowHeight()));
    }

    private double rowHeight() {
        return Math.ceil(em.getAsDouble() * 1.6);
    }

    private double clamp(double v) {
        return Math.max(scroll.getMin(), Math.min(scroll.getMax(), v));
    }

    private void updateScroll() {
        int visible = visibleRows();
        scroll.setMax(Math.max(0, rows - visible));
        scroll.setVisibleAmount(Math.max(1, visible));
        scroll.setBlockIncrement(visible);
        scroll.setVisible(rows > visible);
        if (scroll.getValue() > scroll.getMax()) {
            scroll.setValue(scroll.getMax());
        }
    }

    /** Scrolls only when the row is off screen, then puts it near the top. */
    public void ensureVisible(int row) {
        int first = firstVisibleRow();
        if (row < first || row >= first + visibleRows()) {
            scroll.setValue(clamp(row - 2));
        }
    }

    private int rowAt(double y) {
        int row = firstVisibleRow() + (int) (y / rowHeight());
        return row < rows ? row : -1;
    }

    @Override
    protected void layoutChildren() {
        double sw = scroll.prefWidth(-1);
        canvas.resizeRelocate(0, 0, Math.max(10, getWidth() - sw), getHeight());
        scroll.resizeRelocate(getWidth() - sw, 0, sw, getHeight());
        updateScroll();
    }

    @Override
    protected double computePrefHeight(double width) {
        return 200;
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(palette.color("panel-bg"));
        g.fillRect(0, 0, w, h);
        double rh = rowHeight();
        int first = firstVisibleRow();
        g.setFont(Font.font("Monospaced", em.getAsDouble() * 0.9));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i * rh < h && first + i < rows; i++) {
            int row = first + i;
            double y = i * rh;
            if (row == current) {
                g.setFill(palette.color("highlight").deriveColor(0, 0.6, 1.4, 0.45));
                g.fillRect(0, y, w, rh);
            }
            g.setFill(row >= future ? palette.color("text-muted") : palette.color("text"));
            g.fillText(text.apply(row), 4, y + rh / 2);
        }
    }
}
