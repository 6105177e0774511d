package mpageviz.ui.builder;

import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;

import mpageviz.layout.Layout.Extent;
import mpageviz.layout.Layout.MetadataBlock;

/**
 * Paints the file's block map (the extents get_block walks): the file's logical blocks on top, a window of disk
 * blocks below. Drag across logical blocks and release over a disk block to map them there; in erase mode the
 * dragged blocks become holes; a click on one logical block toggles its BH_Boundary mark.
 */
public final class BlockPaintCanvas extends Canvas {
    /** Width of one block cell, in pixels. */
    public static final double CELL = 18;
    /** Top of the logical row and of the disk row. */
    public static final double LOGICAL_Y = 24;
    public static final double DISK_Y = 96;
    private static final double ROW_HEIGHT = 26;
    // Enough columns that the disk row shows the blocks around a small file's extents and its indirect blocks.
    private static final int MIN_COLUMNS = 40;
    private static final int MAX_COLUMNS = 512;

    private final BuilderModel model;
    private final BooleanProperty erase = new SimpleBooleanProperty(this, "erase");
    private final LongProperty diskOrigin = new SimpleLongProperty(this, "diskOrigin");
    // The drag in progress: the logical block pressed and the one under the pointer (-1 when none).
    private long anchor = -1;
    private long current = -1;
    private long hoverDisk = -1;

    public BlockPaintCanvas(BuilderModel model) {
        this.model = model;
        fitDiskOrigin();
        InvalidationListener redraw = o -> redraw();
        model.extents().addListener(redraw);
        model.boundaries().addListener(redraw);
        model.metadata().addListener(redraw);
        model.fileSizeProperty().addListener(redraw);
        model.blockSizeProperty().addListener(redraw);
        diskOrigin.addListener(redraw);
        setOnMousePressed(this::pressed);
        setOnMouseDragged(this::dragged);
        setOnMouseReleased(this::released);
        redraw();
    }

    /** Starts the disk row a few blocks before the lowest disk block the extents use (0 for an unmapped file). */
    public void fitDiskOrigin() {
        long origin = Long.MAX_VALUE;
        for (Extent e : model.extents()) {
            origin = Math.min(origin, e.physical());
        }
        diskOrigin.set(origin == Long.MAX_VALUE ? 0 : Math.max(0, origin - 4));
    }

    /** True: dragging makes holes instead of extents. */
    public BooleanProperty eraseProperty() {
        return erase;
    }

    /** The disk block drawn in the first column of the disk row. */
    public LongProperty diskOriginProperty() {
        return diskOrigin;
    }

    /** How many logical blocks the file spans (at least as far as its extents reach), capped for drawing. */
    public int columns() {
        long blockSize = Math.max(1, model.blockSizeProperty().get());
        long blocks = (model.fileSizeProperty().get() + blockSize - 1) / blockSize;
        for (Extent e : model.extents()) {
            blocks = Math.max(blocks, e.logical() + e.count());
        }
        return (int) Math.max(MIN_COLUMNS, Math.min(MAX_COLUMNS, blocks));
    }

    /** The logical block under (x, y), or -1 when the point is not on the logical row. */
    public long logicalAt(double x, double y) {
        if (y < LOGICAL_Y || y >= LOGICAL_Y + ROW_HEIGHT) {
            return -1;
        }
        long col = (long) Math.floor(x / CELL);
        return col < 0 || col >= columns() ? -1 : col;
    }

    /** The disk block under (x, y), or -1 when the point is not on the disk row. */
    public long diskAt(double x, double y) {
        if (y < DISK_Y || y >= DISK_Y + ROW_HEIGHT) {
            return -1;
        }
        long col = (long) Math.floor(x / CELL);
        return col < 0 || col >= columns() ? -1 : diskOrigin.get() + col;
    }

    private void pressed(MouseEvent e) {
        anchor = logicalAt(e.getX(), e.getY());
        current = anchor;
        hoverDisk = -1;
        redraw();
    }

    private void dragged(MouseEvent e) {
        if (anchor < 0) {
            return;
        }
        long l = logicalAt(e.getX(), e.getY());
        if (l >= 0) {
            current = l;
        }
        hoverDisk = diskAt(e.getX(), e.getY());
        redraw();
    }

    private void released(MouseEvent e) {
        if (anchor < 0) {
            return;
        }
        long first = Math.min(anchor, current);
        long count = Math.abs(current - anchor) + 1;
        long disk = diskAt(e.getX(), e.getY());
        long here = logicalAt(e.getX(), e.getY());
        boolean click = here == anchor && current == anchor;
        anchor = -1;
        current = -1;
        hoverDisk = -1;
        if (erase.get()) {
            model.unmapRange(first, count);
        } else if (disk >= 0) {
            model.mapRange(first, count, disk);
        } else if (click) {
            model.toggleBoundary(first);
        }
        redraw();
    }

    /** Draws both rows from the model, with the drag's selection on top. */
    public void redraw() {
        int cols = columns();
        setWidth(cols * CELL + 1);
        setHeight(DISK_Y + ROW_HEIGHT + 24);
        GraphicsContext g = getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, getWidth(), getHeight());
        g.setFill(Color.BLACK);
        g.fillText("file: logical blocks 0.." + (cols - 1) + " (drag onto the disk to map, click: boundary)", 2, 16);
        g.fillText("disk: blocks " + diskOrigin.get() + ".." + (diskOrigin.get() + cols - 1), 2, DISK_Y - 8);
        for (int c = 0; c < cols; c++) {
            cell(g, c, LOGICAL_Y, Color.gray(0.9));
            cell(g, c, DISK_Y, Color.gray(0.97));
        }
        for (int i = 0; i < model.extents().size(); i++) {
            Extent e = model.extents().get(i);
            Color color = Color.hsb((i * 67) % 360, 0.45, 0.95);
            for (long b = 0; b < e.count(); b++) {
                long l = e.logical() + b;
                long d = e.physical() + b - diskOrigin.get();
                if (l < cols) {
                    cell(g, l, LOGICAL_Y, color);
                }
                if (d >= 0 && d < cols) {
                    cell(g, d, DISK_Y, color);
                }
            }
        }
        for (MetadataBlock m : model.metadata()) {
            long d = m.block() - diskOrigin.get();
            if (d >= 0 && d < cols) {
                cell(g, d, DISK_Y, Color.gray(0.35));
            }
        }
        g.setStroke(Color.rgb(200, 60, 0));
        g.setLineWidth(3);
        for (long b : model.boundaries()) {
            if (b < cols) {
                g.strokeLine((b + 1) * CELL - 1.5, LOGICAL_Y - 3, (b + 1) * CELL - 1.5, LOGICAL_Y + ROW_HEIGHT + 3);
            }
        }
        g.setLineWidth(1);
        if (anchor >= 0) {
            long first = Math.min(anchor, current);
            long count = Math.abs(current - anchor) + 1;
            g.setFill(erase.get() ? Color.rgb(255, 255, 255, 0.7) : Color.rgb(255, 220, 0, 0.6));
            g.fillRect(first * CELL, LOGICAL_Y, count * CELL, ROW_HEIGHT);
            if (hoverDisk >= 0 && !erase.get()) {
                g.fillRect((hoverDisk - diskOrigin.get()) * CELL, DISK_Y, count * CELL, ROW_HEIGHT);
            }
        }
    }

    private void cell(GraphicsContext g, long col, double y, Color fill) {
        g.setFill(fill);
        g.fillRect(col * CELL, y, CELL, ROW_HEIGHT);
        g.setStroke(Color.gray(0.6));
        g.strokeRect(col * CELL + 0.5, y + 0.5, CELL - 1, ROW_HEIGHT - 1);
    }
}
