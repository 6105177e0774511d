package mpageviz.ui.builder;

import java.util.List;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

import mpageviz.layout.Layout.Extent;
import mpageviz.ui.builder.BlockPaintRenderer.Rows;
import mpageviz.ui.canvas.FileMapLook;

/**
 * Draws what joins the two rows: a band from every extent to its disk blocks, and the selection with the band to
 * the drag's disk target, the hovered block and the keyboard cursor.
 */
final class BandPainter {
    private final PaintContext ctx;

    BandPainter(PaintContext ctx) {
        this.ctx = ctx;
    }

    void drawBands(GraphicsContext g, Rows r) {
        double vis = ctx.view.visibleBlocks();
        double lLo = ctx.view.logicalOrigin();
        double dLo = ctx.view.diskOrigin();
        double top = r.logicalY() + r.rowH();
        double bottom = r.diskY();
        List<Extent> es = ctx.model.extents();
        double lastTop = Double.NEGATIVE_INFINITY;
        double lastBottom = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < es.size(); i++) {
            Extent ext = es.get(i);
            long end = ext.logical() + ext.count();
            // the logical blocks whose band touches the screen at the top (file) or at the bottom (disk)
            double onDiskFrom = dLo - ext.physical() + ext.logical();
            boolean top1 = ext.logical() < lLo + vis && end > lLo;
            boolean bottom1 = ext.logical() < onDiskFrom + vis && end > onDiskFrom;
            if (!top1 && !bottom1) {
                continue;
            }
            double a = Math.max(ext.logical(), Math.min(lLo, onDiskFrom));
            double b = Math.min(end, Math.max(lLo, onDiskFrom) + vis);
            double x0 = ctx.view.xOfLogical(a);
            double x1 = ctx.view.xOfLogical(b);
            double b0 = ctx.view.xOfDisk(ext.physical() + a - ext.logical());
            double b1 = ctx.view.xOfDisk(ext.physical() + b - ext.logical());
            if (x1 - x0 < 1 && Math.floor(x0) == lastTop && Math.floor(b0) == lastBottom) {
                continue;
            }
            lastTop = Math.floor(x0);
            lastBottom = Math.floor(b0);
            double alpha = i == ctx.marks.hoverExtent() ? 0.55 : 0.28;
            FileMapLook.band(g, FileMapLook.extentColour(ctx.palette, i), alpha, x0,
                    Math.max(x1, x0 + 1), top, b0, Math.max(b1, b0 + 1), bottom, ctx.view.left() - 2,
                    ctx.view.left() + ctx.view.width() + 2);
        }
    }

    // The selection, the drag's target on the disk and a band to it, and the keyboard cursor.
    void drawSelection(GraphicsContext g, Rows r, double e) {
        long first = ctx.marks.first();
        long last = ctx.marks.last();
        double x0 = ctx.view.xOfLogical(first);
        double x1 = ctx.view.xOfLogical(last + 1);
        boolean dragging = ctx.marks.dragging();
        Color hi = ctx.palette.color("highlight");
        if (dragging || first != last) {
            g.setFill(hi.deriveColor(0, 1, 1, ctx.marks.tool() == PaintTool.ERASE ? 0.45 : 0.3));
            g.fillRect(x0, r.logicalY(), x1 - x0, r.rowH());
            ctx.outline(g, x0, r.logicalY(), x1 - x0, r.rowH(), "text", 3);
        }
        boolean targets = ctx.marks.tool() == PaintTool.MAP || ctx.marks.tool() == PaintTool.METADATA;
        if (dragging && targets && ctx.marks.hoverDisk() >= 0) {
            long n = ctx.marks.tool() == PaintTool.MAP ? last - first + 1 : 1;
            double d0 = ctx.view.xOfDisk(ctx.marks.hoverDisk());
            double d1 = ctx.view.xOfDisk(ctx.marks.hoverDisk() + n);
            // an indirect block-to-be in the metadata colour, data blocks in the highlight
            Color target = ctx.marks.tool() == PaintTool.METADATA ? ctx.palette.color("metadata") : hi;
            FileMapLook.band(g, target, 0.25, x0, x1, r.logicalY() + r.rowH(), d0, d1, r.diskY(), ctx.view.left() - 2,
                    ctx.view.left() + ctx.view.width() + 2);
            g.setFill(target.deriveColor(0, 1, 1, 0.6));
            g.fillRect(d0, r.diskY(), Math.max(2, d1 - d0), r.rowH());
            g.setLineDashes(e * 0.4, e * 0.2);
            ctx.outline(g, d0, r.diskY(), Math.max(2, d1 - d0), r.rowH(), "text", 3);
            g.setLineDashes();
        }
        if (ctx.marks.hoverLogical() >= 0 && !dragging) {
            ctx.outline(g, ctx.view.xOfLogical(ctx.marks.hoverLogical()), r.logicalY(), Math.max(2, ctx.view.cell()),
                    r.rowH(), "text", 2);
        }
        if (ctx.marks.focused() && !dragging) {
            g.setLineDashes(e * 0.25, e * 0.18);
            double cx = ctx.view.xOfLogical(ctx.marks.cursor());
            ctx.outline(g, cx, r.logicalY() - e * 0.15, Math.max(3, ctx.view.cell()), r.rowH() + e * 0.3, "text", 2);
            g.setLineDashes();
        }
    }
}
