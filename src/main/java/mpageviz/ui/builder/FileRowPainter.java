package mpageviz.ui.builder;

import java.util.List;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;

import mpageviz.layout.Layout.Extent;
import mpageviz.layout.Layout.MetadataBlock;
import mpageviz.ui.builder.BlockPaintRenderer.Rows;
import mpageviz.ui.canvas.FileMapLook;

/**
 * Draws the file row: extents, holes hatched, blocks past i_size dimmed, BH_Boundary bars on the blocks' right
 * edges and the range of the indirect block under the pointer.
 */
final class FileRowPainter {
    private final PaintContext ctx;

    FileRowPainter(PaintContext ctx) {
        this.ctx = ctx;
    }

    void drawLogicalRow(GraphicsContext g, Rows r, double e) {
        long lo = ctx.firstVisible(ctx.view.logicalOrigin());
        long hi = ctx.endVisible(ctx.view.logicalOrigin(), ctx.view.logicalLimit());
        double y = r.logicalY();
        double h = r.rowH();
        double xs = ctx.view.xOfLogical(lo);
        FileMapLook.hatch(g, ctx.palette, xs, y, ctx.view.xOfLogical(hi) - xs, h);
        List<Extent> es = ctx.model.extents();
        Font label = Font.font(e * 0.8);
        ctx.fillExtents(g, lo, hi, y, h, true);
        ctx.drawCells(g, lo, hi, y, h, true);
        for (int i = 0; i < es.size(); i++) {
            Extent ext = es.get(i);
            if (!ctx.roomFor(ext.logical(), ext.count(), ctx.view.logicalOrigin(), e)) {
                continue;
            }
            String full = ext.logical() + "\u2013" + (ext.logical() + ext.count() - 1) + " \u2192 " + ext.physical()
                    + "\u2013" + (ext.physical() + ext.count() - 1);
            ctx.labelInside(g, label, ext.logical(), ext.logical() + ext.count(), lo, hi, true, y, h,
                    FileMapLook.extentColour(ctx.palette, i), full, "\u2192 " + ext.physical());
        }
        // blocks past i_size: dimmed, with the end of the file marked
        long eof = ctx.model.fileBlocks();
        if (eof < hi) {
            double x = ctx.view.xOfLogical(Math.max(lo, eof));
            double xe = ctx.view.xOfLogical(hi);
            g.setFill(ctx.palette.color("panel-bg").deriveColor(0, 1, 1, 0.6));
            g.fillRect(x, y, xe - x, h);
            if (eof >= lo) {
                g.setStroke(ctx.palette.color("text-muted"));
                g.setLineWidth(Math.max(1.5, e * 0.12));
                g.setLineDashes(e * 0.3, e * 0.2);
                g.strokeLine(x, y - e * 0.3, x, y + h + e * 0.3);
                g.setLineDashes();
            }
            ctx.chip(g, "past i_size", Font.font(e * 0.75), x, xe, y + h / 2, e);
        }
        if (ctx.marks.hoverMeta() >= 0) {
            MetadataBlock m = ctx.model.metadata().get(ctx.marks.hoverMeta());
            double x0 = ctx.view.xOfLogical(Math.max(lo, m.first()));
            double x1 = ctx.view.xOfLogical(Math.min(hi, m.last() + 1));
            if (x1 > x0) {
                ctx.outline(g, x0, y - e * 0.15, x1 - x0, h + e * 0.3, "highlight", Math.max(3, e * 0.2));
            }
        }
        // BH_Boundary: a bar on the block's right edge, where get_block stops the mapping
        // (when they crowd, one-pixel ticks in the lower part of the row, so the extents stay visible)
        g.setFill(ctx.palette.color("text"));
        double barW = Math.max(3, e * 0.25);
        long shown = ctx.model.boundaries().stream().filter(b -> b + 1 >= lo && b < hi).count();
        boolean crowded = shown * barW * 4 > ctx.view.width();
        double lastPx = Double.NEGATIVE_INFINITY;
        for (long b : ctx.model.boundaries()) {
            if (b + 1 < lo || b >= hi) {
                continue;
            }
            double x = ctx.view.xOfLogical(b + 1);
            if (Math.floor(x) != lastPx) {
                lastPx = Math.floor(x);
                if (crowded) {
                    g.fillRect(Math.floor(x), y + h * 0.6, 1, h * 0.4);
                } else {
                    g.fillRect(x - barW / 2, y - e * 0.35, barW, h + e * 0.7);
                }
            }
        }
    }
}
