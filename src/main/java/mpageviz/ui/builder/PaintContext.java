package mpageviz.ui.builder;

import java.util.List;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import mpageviz.layout.Layout.Extent;
import mpageviz.ui.builder.BlockPaintRenderer.Marks;
import mpageviz.ui.canvas.FileMapLook;
import mpageviz.ui.canvas.Palette;

/**
 * What the paint canvas's painters share: the model, the viewport and the palette, the marks of the draw in
 * progress, and the small drawing steps they all use (cell gaps, labels that fit, outlines, chips, text widths).
 */
final class PaintContext {
    final BuilderModel model;
    final BlockMapFacts facts;
    final BlockPaintViewport view;
    final Palette palette;
    private final Text measure = new Text();
    /** The height of the horizontal scroll bars above the file and below the disk. */
    double barH;
    // Set for the length of one draw.
    Marks marks;
    double height;

    PaintContext(BuilderModel model, BlockMapFacts facts, BlockPaintViewport view, Palette palette) {
        this.model = model;
        this.facts = facts;
        this.view = view;
        this.palette = palette;
    }

    long firstVisible(double origin) {
        return (long) Math.max(0, Math.floor(origin));
    }

    long endVisible(double origin, long limit) {
        return (long) Math.min(limit, Math.ceil(origin + view.visibleBlocks()));
    }

    // Each extent's visible part in its colour, on the file row (logical) or the disk row.
    void fillExtents(GraphicsContext g, long lo, long hi, double y, double h, boolean logical) {
        List<Extent> es = model.extents();
        double lastPx = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < es.size(); i++) {
            Extent ext = es.get(i);
            long start = logical ? ext.logical() : ext.physical();
            long from = Math.max(lo, start);
            long to = Math.min(hi, start + ext.count());
            if (from >= to) {
                continue;
            }
            double x0 = logical ? view.xOfLogical(from) : view.xOfDisk(from);
            double x1 = logical ? view.xOfLogical(to) : view.xOfDisk(to);
            if (x1 - x0 < 1 && Math.floor(x0) == lastPx) {
                continue; // a sub-pixel extent in a pixel column already drawn
            }
            lastPx = Math.floor(x0);
            g.setFill(FileMapLook.extentColour(palette, i));
            g.fillRect(x0, y, Math.max(1, x1 - x0), h);
        }
    }

    // Thin gaps between blocks when blocks are wide enough to tell apart, wider gaps between pages on the file.
    void drawCells(GraphicsContext g, long lo, long hi, double y, double h, boolean logical) {
        double cell = view.cell();
        Color gap = palette.color("panel-bg");
        int bpp = logical ? model.blocksPerPage() : 0;
        if (cell >= 6) {
            g.setStroke(gap.deriveColor(0, 1, 1, 0.8));
            g.setLineWidth(1);
            for (long b = lo; b <= hi; b++) {
                double x = logical ? view.xOfLogical(b) : view.xOfDisk(b);
                g.strokeLine(Math.round(x) + 0.5, y, Math.round(x) + 0.5, y + h);
            }
        }
        if (logical && bpp * cell >= 5) {
            g.setStroke(gap);
            g.setLineWidth(Math.min(4, bpp * cell * 0.12));
            for (long p = lo / bpp; p * bpp <= hi; p++) {
                double x = view.xOfLogical(p * bpp);
                g.strokeLine(x, y, x, y + h);
            }
        }
    }

    // Whether the visible part of a run of blocks is wide enough to hold a label (checked before measuring text).
    boolean roomFor(long from, long count, double origin, double e) {
        double a = Math.max(from, origin);
        double b = Math.min(from + count, origin + view.visibleBlocks());
        return (b - a) * view.cell() >= e * 2.5;
    }

    // Text centred in the visible part of a run of blocks, the longest variant that fits, in ink that reads on it.
    void labelInside(GraphicsContext g, Font font, long from, long to, long lo, long hi, boolean logical,
                             double y, double h, Color fill, String... variants) {
        long a = Math.max(from, lo);
        long b = Math.min(to, hi);
        if (a >= b) {
            return;
        }
        double x0 = logical ? view.xOfLogical(a) : view.xOfDisk(a);
        double x1 = logical ? view.xOfLogical(b) : view.xOfDisk(b);
        x0 = Math.max(x0, view.left());
        x1 = Math.min(x1, view.left() + view.width());
        for (String v : variants) {
            if (textWidth(v, font) + 8 <= x1 - x0) {
                text(g, v, font, FileMapLook.ink(fill), x0, x1, y + h / 2);
                return;
            }
        }
    }

    void outline(GraphicsContext g, double x, double y, double w, double h, String colour, double width) {
        g.setStroke(palette.color(colour));
        g.setLineWidth(width);
        g.strokeRect(x + width / 2, y + width / 2, Math.max(1, w - width), Math.max(1, h - width));
    }

    // Text on a small panel-coloured chip, centred between x0 and x1 if it fits there, so it reads over a pattern.
    void chip(GraphicsContext g, String s, Font font, double x0, double x1, double cy, double e) {
        double a = Math.max(x0, view.left());
        double b = Math.min(x1, view.left() + view.width());
        double w = textWidth(s, font) + e * 0.6;
        if (w + 8 > b - a) {
            return;
        }
        g.setFill(palette.color("panel-bg"));
        g.fillRoundRect((a + b - w) / 2, cy - e * 0.6, w, e * 1.2, e * 0.4, e * 0.4);
        text(g, s, font, palette.color("text-muted"), a, b, cy);
    }

    // Text centred between x0 and x1 if it fits there.
    void text(GraphicsContext g, String s, Font font, Color colour, double x0, double x1, double cy) {
        double a = Math.max(x0, view.left());
        double b = Math.min(x1, view.left() + view.width());
        if (textWidth(s, font) + 8 > b - a) {
            return;
        }
        g.setFont(font);
        g.setFill(colour);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(s, (a + b) / 2, cy);
    }

    double textWidth(String s, Font font) {
        measure.setFont(font);
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }
}
