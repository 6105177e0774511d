package mpageviz.ui.builder;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import mpageviz.ui.builder.BlockPaintRenderer.Rows;
import mpageviz.ui.canvas.FileMapLook;

/** Draws the row names in the gutter left of the rows and the legend under the disk row's scroll bar. */
final class LegendPainter {
    private static final String[] LEGEND = {"extent: file blocks \u2192 disk blocks", "hole", "BH_Boundary",
        "indirect block", "blocks it maps", "past i_size"};

    private final PaintContext ctx;

    LegendPainter(PaintContext ctx) {
        this.ctx = ctx;
    }

    void drawGutter(GraphicsContext g, Rows r, double e) {
        g.setFill(ctx.palette.color("panel-bg"));
        g.fillRect(0, 0, ctx.view.left(), ctx.height);
        double x = ctx.view.left() - e * 0.5;
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        Font small = Font.font(e * 0.75);
        Font bold = Font.font(null, FontWeight.BOLD, e * 1.05);
        g.setFill(ctx.palette.color("text-muted"));
        g.setFont(small);
        if (!ctx.model.metadata().isEmpty()) {
            g.fillText("indirect", x, r.lanesY() + r.laneH() * 0.5);
        }
        g.fillText("page", x, r.pagesY() + r.stripH() / 2);
        g.fillText("block", x, r.numbersY() + r.stripH() / 2);
        g.fillText("block", x, r.diskNumbersY() + r.stripH() / 2);
        g.setFill(ctx.palette.color("text"));
        g.setFont(bold);
        g.fillText("file", x, r.logicalY() + r.rowH() / 2);
        g.fillText("disk", x, r.diskY() + r.rowH() / 2);
    }

    // What the ctx.marks mean, in one line under the disk row's scroll bar.
    void drawLegend(GraphicsContext g, Rows r, double e) {
        double y = r.diskNumbersY() + r.stripH() + ctx.barH + e * 0.5;
        double s = e * 0.95;
        double x = ctx.view.left();
        Font font = Font.font(e * 0.8);
        g.setFont(font);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < LEGEND.length; i++) {
            double itemW = legendItemWidth(i, font, e);
            if (x > ctx.view.left() && x + itemW - e * 1.2 > ctx.view.left() + ctx.view.width()) {
                x = ctx.view.left();
                y += e * 1.4;
            }
            switch (i) {
                case 0:
                    g.setFill(FileMapLook.extentColour(ctx.palette, 0));
                    g.fillRect(x, y, s / 2, s);
                    g.setFill(FileMapLook.extentColour(ctx.palette, 1));
                    g.fillRect(x + s / 2, y, s / 2, s);
                    break;
                case 1:
                    FileMapLook.hatch(g, ctx.palette, x, y, s, s);
                    break;
                case 2:
                    double bar = Math.max(3, e * 0.25);
                    g.setFill(ctx.palette.color("text"));
                    g.fillRect(x + (s - bar) / 2, y - e * 0.1, bar, s + e * 0.2);
                    break;
                case 3:
                    g.setFill(ctx.palette.color("metadata"));
                    g.fillRect(x, y, s, s);
                    break;
                case 4:
                    g.setStroke(ctx.palette.color("metadata"));
                    g.setLineWidth(Math.max(2, e * 0.14));
                    g.strokeLine(x + 1, y + s * 0.35, x + swatchWidth(i, e), y + s * 0.35);
                    g.strokeLine(x + 1, y + s * 0.35, x + 1, y + s);
                    break;
                default:
                    FileMapLook.hatch(g, ctx.palette, x, y, s, s);
                    g.setFill(ctx.palette.color("panel-bg").deriveColor(0, 1, 1, 0.6));
                    g.fillRect(x, y, s, s);
                    break;
            }
            g.setFill(ctx.palette.color("text-muted"));
            g.fillText(LEGEND[i], x + swatchWidth(i, e) + e * 0.35, y + s / 2);
            x += itemW;
        }
    }

    // The bracket's swatch is wider than the others, so it reads as a range.
    private static double swatchWidth(int item, double e) {
        return e * (item == 4 ? 1.5 : 0.95);
    }

    // Room for the legend: one line, or two when the canvas is too narrow for it (a projector's big type).
    double legendHeight(double e) {
        return e * (legendWidth(e) > ctx.view.width() ? 3.6 : 2.2);
    }

    private double legendWidth(double e) {
        Font font = Font.font(e * 0.8);
        double w = 0;
        for (int i = 0; i < LEGEND.length; i++) {
            w += legendItemWidth(i, font, e);
        }
        return w;
    }

    // Swatch, gap, text and the space before the next item.
    private double legendItemWidth(int item, Font font, double e) {
        return swatchWidth(item, e) + e * 0.35 + ctx.textWidth(LEGEND[item], font) + e * 1.2;
    }
}
