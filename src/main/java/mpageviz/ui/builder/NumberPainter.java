package mpageviz.ui.builder;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import mpageviz.ui.builder.BlockPaintRenderer.Rows;
import mpageviz.ui.canvas.FileMapLook;

/** Draws the page labels above the file row and the block numbers of both rows, thinned out when crowded. */
final class NumberPainter {
    private final PaintContext ctx;

    NumberPainter(PaintContext ctx) {
        this.ctx = ctx;
    }

    void drawPages(GraphicsContext g, Rows r, double e) {
        int bpp = ctx.model.blocksPerPage();
        double pageW = bpp * ctx.view.cell();
        if (pageW < 3) {
            return;
        }
        Font font = Font.font(e * 0.8);
        long pages = (ctx.view.logicalLimit() + bpp - 1) / bpp;
        String widest = "page " + (pages - 1);
        boolean spelled = ctx.textWidth(widest, font) + e * 0.6 <= pageW;
        long step = spelled ? 1 : FileMapLook.niceStep((ctx.textWidth("p" + (pages - 1), font) + e * 0.6) / pageW);
        long lo = ctx.firstVisible(ctx.view.logicalOrigin()) / bpp;
        long hi = ctx.endVisible(ctx.view.logicalOrigin(), ctx.view.logicalLimit());
        g.setStroke(ctx.palette.color("text-muted"));
        g.setLineWidth(1);
        g.setFont(font);
        g.setFill(ctx.palette.color("text-muted"));
        g.setTextBaseline(VPos.CENTER);
        for (long p = lo; p * bpp < hi; p++) {
            double x = ctx.view.xOfLogical(p * bpp);
            if (pageW >= 6 || p % step == 0) {
                g.strokeLine(Math.round(x) + 0.5, r.pagesY() + r.stripH() * 0.55, Math.round(x) + 0.5, r.logicalY());
            }
            if (p % step == 0) {
                g.setTextAlign(step == 1 ? TextAlignment.CENTER : TextAlignment.LEFT);
                g.fillText(spelled ? "page " + p : "p" + p, step == 1 ? x + pageW / 2 : x + 3,
                        r.pagesY() + r.stripH() / 2);
            }
        }
    }

    // Block numbers at a step that keeps them apart, centred on their block.
    void drawNumbers(GraphicsContext g, double y, double h, double origin, long limit, double e,
                             boolean logical) {
        Font font = Font.font(e * 0.75);
        double labelW = ctx.textWidth(String.valueOf(Math.max(0, limit - 1)), font) + e * 0.7;
        long step = FileMapLook.niceStep(labelW / ctx.view.cell());
        long lo = ctx.firstVisible(origin) / step * step;
        long hi = ctx.endVisible(origin, limit);
        g.setFont(font);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(ctx.palette.color("text-muted"));
        g.setStroke(ctx.palette.color("text-muted"));
        g.setLineWidth(1);
        long mark = logical ? ctx.marks.hoverLogical() : ctx.marks.hoverDisk();
        for (long b = lo; b < hi; b += step) {
            double x = logical ? ctx.view.xOfLogical(b + 0.5) : ctx.view.xOfDisk(b + 0.5);
            double half = ctx.textWidth(String.valueOf(b), font) / 2;
            if (x - half < ctx.view.left() || x + half > ctx.view.left() + ctx.view.width()) {
                continue; // a number cut in half by the edge reads as a different number
            }
            g.fillText(String.valueOf(b), x, y + h / 2);
            if (step > 1) {
                double ty = logical ? y + h : y;
                g.strokeLine(x, ty, x, logical ? ty - e * 0.2 : ty + e * 0.2);
            }
        }
        if (mark >= 0 && mark % step != 0) {
            // the block under the pointer is always numbered, on a chip so it reads over its neighbours
            double x = logical ? ctx.view.xOfLogical(mark + 0.5) : ctx.view.xOfDisk(mark + 0.5);
            String s = String.valueOf(mark);
            double w = ctx.textWidth(s, font) + e * 0.5;
            g.setFill(ctx.palette.color("panel-bg"));
            g.fillRect(x - w / 2, y, w, h);
            g.setFill(ctx.palette.color("text"));
            g.fillText(s, x, y + h / 2);
        }
    }
}
