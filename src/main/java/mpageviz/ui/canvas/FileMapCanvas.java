package mpageviz.ui.canvas;

import java.util.function.DoubleSupplier;
import java.util.function.LongConsumer;

import javafx.animation.Animation;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import mpageviz.layout.Layout;
import mpageviz.ui.anim.Animations;
import mpageviz.view.RunState;

/**
 * The file's block map: logical blocks on top (grouped by page, coloured by extent, holes hatched, BH_Boundary
 * blocks marked, indirect-block ranges above), the disk below, and bands tying each extent to where it lives.
 * Wide files are drawn to scale, so a million blocks cost what a hundred do. Ctrl+scroll zooms the logical axis
 * around the pointer, dragging pans and a double click shows the whole file; the disk row stays whole, so the
 * bands show where the blocks on screen live.
 */
public final class FileMapCanvas extends CanvasView {
    private final BlockAxis axis = new BlockAxis();
    private final DoubleProperty pulse = new SimpleDoubleProperty(this, "pulse", 0);
    private RunState state;
    private long selectedPage = -1;
    private LongConsumer onPick = p -> { };
    private long pulseFrom = -1;
    private long pulseCount;

    public FileMapCanvas(Palette palette, DoubleSupplier em) {
        super(palette, em);
        axis.attach(canvas, this::draw);
        pulse.addListener(o -> draw());
        canvas.setOnMouseClicked(e -> {
            if (state != null && e.getClickCount() == 1 && !axis.wasDragged()) {
                long page = pageAt(e.getX());
                if (page >= 0) {
                    onPick.accept(page);
                }
            }
        });
    }

    public void setOnPick(LongConsumer onPick) {
        this.onPick = onPick;
    }

    public void show(RunState s, long selected) {
        boolean newLayout = state == null || state.layout() != s.layout();
        this.state = s;
        this.selectedPage = selected;
        axis.setRange(0, logicalBlocks(s), newLayout);
        draw();
    }

    /** The zoomable logical block axis. */
    public BlockAxis axis() {
        return axis;
    }

    /** The logical block (fractional) under x. */
    public double blockAt(double x) {
        return axis.blockAt(x, canvas.getWidth());
    }

    /** The page index under x, or -1 outside the file. */
    public long pageAt(double x) {
        if (state == null) {
            return -1;
        }
        double block = blockAt(x);
        if (block < 0 || block >= axis.fullEnd()) {
            return -1;
        }
        return (long) block / state.layout().blocksPerPage();
    }

    /** Zooms by {@code factor} around x, keeping the block under x under it. */
    public void zoomAt(double factor, double x) {
        axis.zoomAt(factor, x, canvas.getWidth());
        draw();
    }

    /** Shows the whole file again. */
    public void resetZoom() {
        axis.reset();
        draw();
    }

    /** A pulse over logical blocks {@code first .. first+count-1} (get_block mapping them); un-played. */
    public Animation pulse(long first, long count, Duration d) {
        pulseFrom = first;
        pulseCount = Math.max(1, count);
        return Animations.pulse(pulse, d, () -> {
            pulseFrom = -1;
            draw();
        });
    }

    /** The first logical block the map is pulsing now, or -1. */
    public long pulsingBlock() {
        return pulseFrom;
    }

    /** Logical blocks the map spans: the file, and every page the run names. */
    public static long logicalBlocks(RunState s) {
        Layout l = s.layout();
        long blocks = (l.file().size() + l.geometry().blockSize() - 1) / l.geometry().blockSize();
        int bpp = l.blocksPerPage();
        if (s.pageCount() > 0) {
            blocks = Math.max(blocks, (s.indexOfSlot(s.pageCount() - 1) + 1) * bpp);
        }
        for (Layout.Extent e : l.file().extents()) {
            blocks = Math.max(blocks, e.logical() + e.count());
        }
        return Math.max(blocks, bpp);
    }

    @Override
    protected void draw() {
        GraphicsContext g = begin();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (state == null) {
            return;
        }
        double e = em.getAsDouble();
        Layout l = state.layout();
        int bpp = l.blocksPerPage();
        double metaY = 0;
        double metaH = e * 0.9;
        double rowY = metaH + e * 0.2;
        double rowH = Math.max(e * 1.2, (h - rowY) * 0.35);
        double diskY = h - Math.max(e, rowH * 0.7) - e * 0.2;
        double diskH = Math.max(e, rowH * 0.7);
        double first = axis.viewStart();
        double end = axis.viewEnd();

        // holes: hatched background of the logical row (extents paint over it)
        FileMapLook.hatch(g, palette, 0, rowY, w, rowH);
        long[] disk = DiskCanvas.range(l);
        double diskSpan = disk[1] - disk[0] + 1;
        g.setFill(palette.color("grid"));
        g.fillRect(0, diskY, w, diskH);
        int i = 0;
        double lastPx = Double.NEGATIVE_INFINITY;
        for (Layout.Extent ext : l.file().extents()) {
            Color c = FileMapLook.extentColour(palette, i++);
            g.setFill(c);
            double d0 = (ext.physical() - disk[0]) / diskSpan * w;
            double d1 = (ext.physical() + ext.count() - disk[0]) / diskSpan * w;
            g.fillRect(d0, diskY, Math.max(1, d1 - d0), diskH);
            // only the part of the extent on screen gets a logical box and a band
            double from = Math.max(first, ext.logical());
            double to = Math.min(end, ext.logical() + ext.count());
            if (from >= to) {
                continue;
            }
            double x0 = axis.x(from, w);
            double x1 = axis.x(to, w);
            if (x1 - x0 < 1 && Math.floor(x0) == lastPx) {
                continue; // a sub-pixel extent in a pixel column already drawn
            }
            lastPx = Math.floor(x0);
            double b0 = (ext.physical() + (from - ext.logical()) - disk[0]) / diskSpan * w;
            double b1 = (ext.physical() + (to - ext.logical()) - disk[0]) / diskSpan * w;
            FileMapLook.band(g, c, 0.25, x0, x1, rowY + rowH, b0, b1, diskY, 0, w);
            g.setFill(c);
            g.fillRect(x0, rowY, Math.max(1, x1 - x0), rowH);
        }
        g.setFont(Font.font(e * 0.7));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        for (Layout.MetadataBlock m : l.file().metadata()) {
            g.setFill(palette.color("metadata"));
            double d = (m.block() - disk[0]) / diskSpan * w;
            g.fillRect(d, diskY, Math.max(3, w / diskSpan), diskH);
            if (m.last() + 1 < first || m.first() > end) {
                continue;
            }
            double x0 = axis.x(Math.max(first, m.first()), w);
            double x1 = axis.x(Math.min(end, Math.min(axis.fullEnd(), m.last() + 1)), w);
            g.fillRect(x0, metaY + metaH * 0.55, Math.max(2, x1 - x0), metaH * 0.3);
            g.fillText("needs indirect block " + m.block() + (m.cached() ? " (cached)" : ""), x0 + 2, metaY);
        }
        drawPages(g, bpp, w, rowY, rowH, e);
        // BH_Boundary blocks: a dark bar on their right edge, one per pixel column at most
        g.setFill(palette.color("text"));
        double barW = Math.max(2, e * 0.2);
        lastPx = Double.NEGATIVE_INFINITY;
        for (long b : l.file().boundaries()) {
            if (b + 1 < first || b + 1 > end + 1) {
                continue;
            }
            double x = axis.x(b + 1, w);
            if (Math.floor(x) != lastPx) {
                lastPx = Math.floor(x);
                g.fillRect(x - barW, rowY - e * 0.2, barW, rowH + e * 0.4);
            }
        }
        // the page mpage is on, and the selected page
        outlinePage(g, state.currentPage(), bpp, w, rowY, rowH, "text", true);
        outlinePage(g, selectedPage, bpp, w, rowY, rowH, "highlight", false);
        drawPulse(g, w, rowY, rowH);
        g.setFill(palette.color("text-muted"));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText("disk blocks " + disk[0] + ".." + disk[1], 2, diskY - 1);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(axis.isWhole() ? "ctrl+scroll zooms" : String.format("blocks %d..%d, zoom %.0fx, double-click: all",
                (long) Math.floor(first), (long) Math.ceil(end) - 1, axis.zoom()), w - 2, diskY - 1);
    }

    /** Page separators and numbers for the pages on screen, when they are wide enough to tell apart. */
    private void drawPages(GraphicsContext g, int bpp, double w, double rowY, double rowH, double e) {
        double pageW = bpp * axis.blockWidth(w);
        if (pageW <= 6) {
            return;
        }
        g.setStroke(palette.color("panel-bg"));
        g.setLineWidth(2);
        g.setFill(Color.BLACK);
        g.setFont(Font.font(e * 0.7));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        long firstPage = (long) Math.floor(axis.viewStart() / bpp);
        long lastPage = (long) Math.ceil(axis.viewEnd() / bpp);
        for (long p = firstPage; p <= lastPage && p * bpp < axis.fullEnd(); p++) {
            double x = axis.x(p * bpp, w);
            g.strokeLine(x, rowY, x, rowY + rowH);
            if (pageW > e * 2.5) {
                g.fillText("p" + p, x + pageW / 2, rowY + rowH / 2);
            }
        }
    }

    /** The blocks get_block just mapped, brighter and outlined, fading as the pulse decays. */
    private void drawPulse(GraphicsContext g, double w, double y, double h) {
        double level = pulse.get();
        if (pulseFrom < 0 || level <= 0) {
            return;
        }
        double x0 = axis.x(pulseFrom, w);
        double x1 = Math.max(x0 + 4, axis.x(pulseFrom + pulseCount, w));
        g.setGlobalAlpha(level);
        g.setFill(Color.WHITE.deriveColor(0, 1, 1, 0.5));
        g.fillRect(x0, y, x1 - x0, h);
        g.setStroke(palette.color("highlight"));
        g.setLineWidth(2 + 2 * level);
        g.strokeRect(x0, y - 3 * level, x1 - x0, h + 6 * level);
        g.setGlobalAlpha(1);
    }

    private void outlinePage(GraphicsContext g, long page, int bpp, double w, double y, double h, String colour,
                             boolean dashed) {
        if (page < 0) {
            return;
        }
        double x0 = axis.x(page * bpp, w);
        double x1 = axis.x((page + 1) * bpp, w);
        if (x1 < 0 || x0 > w) {
            return;
        }
        g.setStroke(palette.color(colour));
        g.setLineWidth(dashed ? 2 : 3);
        if (dashed) {
            g.setLineDashes(4, 3);
        }
        g.strokeRect(x0 + 1, y - 2, Math.max(2, x1 - x0 - 2), h + 4);
        g.setLineDashes();
    }
}
