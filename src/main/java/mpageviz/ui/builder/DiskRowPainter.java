package mpageviz.ui.builder;

import java.util.List;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

import mpageviz.layout.Layout.Extent;
import mpageviz.layout.Layout.MetadataBlock;
import mpageviz.ui.builder.BlockPaintRenderer.Rows;
import mpageviz.ui.canvas.FileMapLook;

/** Draws the disk row: extents, indirect blocks, free blocks, the device's end, and what the pointer is on. */
final class DiskRowPainter {
    private final PaintContext ctx;

    DiskRowPainter(PaintContext ctx) {
        this.ctx = ctx;
    }

    void drawDiskRow(GraphicsContext g, Rows r, double e) {
        long lo = ctx.firstVisible(ctx.view.diskOrigin());
        long hi = ctx.endVisible(ctx.view.diskOrigin(), ctx.view.diskLimit());
        double y = r.diskY();
        double h = r.rowH();
        long device = ctx.model.deviceBlocksProperty().get();
        double xs = ctx.view.xOfDisk(lo);
        g.setFill(ctx.palette.color("grid"));
        g.fillRect(xs, y, ctx.view.xOfDisk(Math.min(hi, Math.max(lo, device))) - xs, h);
        List<Extent> es = ctx.model.extents();
        Font label = Font.font(e * 0.8);
        ctx.fillExtents(g, lo, hi, y, h, false);
        // indirect blocks; when they crowd, true to scale in the lower part of the row so the data shows too
        Color meta = ctx.palette.color("metadata");
        List<MetadataBlock> ms = ctx.model.metadata();
        long shown = ms.stream().filter(m -> m.block() >= lo && m.block() < hi).count();
        boolean crowded = shown * 4 > ctx.view.width() && ctx.view.cell() < 2;
        g.setFill(meta);
        for (int i = 0; i < ms.size(); i++) {
            long d = ms.get(i).block();
            if (d < lo || d >= hi) {
                continue;
            }
            double x = ctx.view.xOfDisk(d);
            if (crowded) {
                g.fillRect(Math.floor(x), y + h * 0.6, 1, h * 0.4);
            } else {
                g.fillRect(x, y, Math.max(2, ctx.view.cell()), h);
            }
        }
        ctx.drawCells(g, lo, hi, y, h, false);
        for (int i = 0; i < es.size(); i++) {
            Extent ext = es.get(i);
            if (!ctx.roomFor(ext.physical(), ext.count(), ctx.view.diskOrigin(), e)) {
                continue;
            }
            String full = "file " + ext.logical() + "\u2013" + (ext.logical() + ext.count() - 1);
            ctx.labelInside(g, label, ext.physical(), ext.physical() + ext.count(), lo, hi, false, y, h,
                    FileMapLook.extentColour(ctx.palette, i), full, ext.logical() + "\u2013"
                            + (ext.logical() + ext.count() - 1));
        }
        for (int i = 0; i < ms.size(); i++) {
            long d = ms.get(i).block();
            ctx.labelInside(g, Font.font(null, FontWeight.BOLD, e * 0.8), d, d + 1, lo, hi, false, y, h, meta,
                    "ind");
        }
        if (device < hi) {
            double x = ctx.view.xOfDisk(Math.max(lo, device));
            double xe = ctx.view.xOfDisk(hi);
            FileMapLook.hatch(g, ctx.palette, x, y, xe - x, h);
            g.setFill(ctx.palette.color("panel-bg").deriveColor(0, 1, 1, 0.6));
            g.fillRect(x, y, xe - x, h);
            ctx.text(g, "past the device end", Font.font(e * 0.75), ctx.palette.color("text-muted"), x, xe, y + h / 2);
        }
        if (ctx.marks.hoverDisk() >= 0 && !ctx.marks.dragging()) {
            ctx.outline(g, ctx.view.xOfDisk(ctx.marks.hoverDisk()), y, Math.max(2, ctx.view.cell()), h, "text", 2);
        }
        if (ctx.marks.hoverMeta() >= 0) {
            long d = ms.get(ctx.marks.hoverMeta()).block();
            ctx.outline(g, ctx.view.xOfDisk(d), y, Math.max(2, ctx.view.cell()), h, "highlight", 3);
        }
    }
}
