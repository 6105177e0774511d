package mpageviz.ui.canvas;

import java.util.function.DoubleSupplier;
import java.util.function.LongConsumer;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import mpageviz.layout.Layout;
import mpageviz.view.RunState;

/**
 * The file's block map: logical blocks on top (grouped by page, coloured by extent, holes hatched, BH_Boundary
 * blocks marked, indirect-block ranges above), the disk below, and bands tying each extent to where it lives.
 * Wide files are drawn to scale, so a million blocks cost what a hundred do.
 */
public final class FileMapCanvas extends Region {
    private final ResizableCanvas canvas = new ResizableCanvas(this::draw);
    private final Palette palette;
    private final DoubleSupplier em;
    private RunState state;
    private long selectedPage = -1;
    private LongConsumer onPick = p -> { };
    private double blockWidth;

    public FileMapCanvas(Palette palette, DoubleSupplier em) {
        this.palette = palette;
        this.em = em;
        getChildren().add(canvas);
        canvas.setOnMouseClicked(e -> {
            if (state != null && blockWidth > 0) {
                long block = (long) (e.getX() / blockWidth);
                onPick.accept(block / state.layout().blocksPerPage());
            }
        });
    }

    public void setOnPick(LongConsumer onPick) {
        this.onPick = onPick;
    }

    @Override
    protected void layoutChildren() {
        canvas.resizeRelocate(0, 0, getWidth(), getHeight());
    }

    public void show(RunState s, long selected) {
        this.state = s;
        this.selectedPage = selected;
        draw();
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

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(palette.color("panel-bg"));
        g.fillRect(0, 0, w, h);
        if (state == null) {
            return;
        }
        double e = em.getAsDouble();
        Layout l = state.layout();
        int bpp = l.blocksPerPage();
        long n = logicalBlocks(state);
        blockWidth = w / n;
        double metaY = 0;
        double metaH = e * 0.9;
        double rowY = metaH + e * 0.2;
        double rowH = Math.max(e * 1.2, (h - rowY) * 0.35);
        double diskY = h - Math.max(e, rowH * 0.7) - e * 0.2;
        double diskH = Math.max(e, rowH * 0.7);

        // holes: hatched background of the logical row
        g.setFill(palette.color("grid"));
        g.fillRect(0, rowY, w, rowH);
        g.setStroke(palette.color("hole"));
        g.setLineWidth(1);
        for (double x = -rowH; x < w; x += 6) {
            g.strokeLine(x, rowY + rowH, x + rowH, rowY);
        }
        long[] disk = DiskCanvas.range(l);
        double diskSpan = disk[1] - disk[0] + 1;
        g.setFill(palette.color("grid"));
        g.fillRect(0, diskY, w, diskH);
        int i = 0;
        for (Layout.Extent ext : l.file().extents()) {
            Color c = palette.color("extent-" + (i++ % 4 + 1));
            double x0 = ext.logical() * blockWidth;
            double x1 = (ext.logical() + ext.count()) * blockWidth;
            double d0 = (ext.physical() - disk[0]) / diskSpan * w;
            double d1 = (ext.physical() + ext.count() - disk[0]) / diskSpan * w;
            g.setFill(c.deriveColor(0, 1, 1, 0.25));
            g.fillPolygon(new double[] {x0, x1, d1, d0}, new double[] {rowY + rowH, rowY + rowH, diskY, diskY}, 4);
            g.setFill(c);
            g.fillRect(x0, rowY, Math.max(1, x1 - x0), rowH);
            g.fillRect(d0, diskY, Math.max(1, d1 - d0), diskH);
        }
        g.setFill(palette.color("metadata"));
        for (Layout.MetadataBlock m : l.file().metadata()) {
            double x0 = m.first() * blockWidth;
            double x1 = Math.min(n, m.last() + 1) * blockWidth;
            g.fillRect(x0, metaY + metaH * 0.55, Math.max(2, x1 - x0), metaH * 0.3);
            double d = (m.block() - disk[0]) / diskSpan * w;
            g.fillRect(d, diskY, Math.max(3, w / diskSpan), diskH);
            g.setFont(Font.font(e * 0.7));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.TOP);
            g.fillText("needs indirect block " + m.block() + (m.cached() ? " (cached)" : ""), x0 + 2, metaY);
        }
        // page separators and numbers when there is room
        double pageW = bpp * blockWidth;
        g.setStroke(palette.color("panel-bg"));
        g.setLineWidth(pageW > 6 ? 2 : 0);
        g.setFill(Color.BLACK);
        g.setFont(Font.font(e * 0.7));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        if (pageW > 6) {
            for (long p = 0; p * bpp < n; p++) {
                double x = p * pageW;
                g.strokeLine(x, rowY, x, rowY + rowH);
                if (pageW > e * 2.5) {
                    g.fillText("p" + p, x + pageW / 2, rowY + rowH / 2);
                }
            }
        }
        // BH_Boundary blocks: a dark bar on their right edge
        g.setFill(palette.color("text"));
        for (long b : l.file().boundaries()) {
            double x = (b + 1) * blockWidth;
            g.fillRect(x - Math.max(2, e * 0.2), rowY - e * 0.2, Math.max(2, e * 0.2), rowH + e * 0.4);
        }
        // the page mpage is on, and the selected page
        outlinePage(g, state.currentPage(), pageW, rowY, rowH, "text", true);
        outlinePage(g, selectedPage, pageW, rowY, rowH, "highlight", false);
        g.setFill(palette.color("text-muted"));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText("disk blocks " + disk[0] + ".." + disk[1], 2, diskY - 1);
    }

    private void outlinePage(GraphicsContext g, long page, double pageW, double y, double h, String colour,
                             boolean dashed) {
        if (page < 0) {
            return;
        }
        g.setStroke(palette.color(colour));
        g.setLineWidth(dashed ? 2 : 3);
        if (dashed) {
            g.setLineDashes(4, 3);
        }
        g.strokeRect(page * pageW + 1, y - 2, Math.max(2, pageW - 2), h + 4);
        g.setLineDashes();
    }
}
