package mpageviz.ui.builder;

import javafx.scene.canvas.GraphicsContext;

import mpageviz.ui.canvas.Palette;

/**
 * How the paint canvas looks: where its strips sit and how the file row, the disk row, the bands between them, the
 * bracket lanes, the labels and the legend are drawn, in the theme's colours and sizes from em. Only blocks on
 * screen are visited; narrow cells lose their grid and labels, crowded marks shrink to one-pixel ticks. The
 * {@link BlockPaintCanvas} owns the state and hands it over as {@link Marks}. Each part is drawn by its own painter
 * ({@link FileRowPainter}, {@link DiskRowPainter}, {@link BandPainter}, {@link NumberPainter}, {@link BracketPainter},
 * {@link LegendPainter}), all sharing one {@link PaintContext}.
 */
final class BlockPaintRenderer {
    private final PaintContext ctx;
    private final FileRowPainter fileRow;
    private final DiskRowPainter diskRow;
    private final BandPainter bands;
    private final NumberPainter numbers;
    private final BracketPainter brackets;
    private final LegendPainter legend;

    /** Everything drawn besides the model: the tool, the cursor and selection, the drag, what the pointer is on. */
    record Marks(PaintTool tool, long cursor, long first, long last, boolean dragging, long hoverLogical,
                 long hoverDisk, int hoverMeta, int hoverExtent, boolean focused) {
    }

    /** Vertical places of everything, from the top: bar, bracket lanes, page and block labels, rows, bar. */
    record Rows(double lanesY, double laneH, int lanes, double pagesY, double numbersY, double stripH,
                double logicalY, double rowH, double diskY, double diskNumbersY) {
        /** Halfway down the bands: pointers above it belong to the file row, below it to the disk row. */
        double bandMiddle() {
            return (logicalY + rowH + diskY) / 2;
        }
    }

    BlockPaintRenderer(BuilderModel model, BlockMapFacts facts, BlockPaintViewport view, Palette palette) {
        ctx = new PaintContext(model, facts, view, palette);
        fileRow = new FileRowPainter(ctx);
        diskRow = new DiskRowPainter(ctx);
        bands = new BandPainter(ctx);
        numbers = new NumberPainter(ctx);
        brackets = new BracketPainter(ctx);
        legend = new LegendPainter(ctx);
    }

    /** The height of the horizontal scroll bars above the file and below the disk. */
    void setBarHeight(double barH) {
        ctx.barH = barH;
    }

    /** The least height that fits every strip, with bands 4 em high. */
    double minHeight(double e) {
        return e * 0.2 + Math.max(1, brackets.laneCount()) * e * 1.35 + 3 * e * 1.3 + 2 * 2.2 * e + 4 * e
                + 2 * Math.max(ctx.barH, e) + legend.legendHeight(e);
    }

    /** Draws the whole picture on a {@code w} by {@code h} canvas already cleared to the panel colour. */
    void draw(GraphicsContext g, double w, double h, double e, Marks m) {
        ctx.marks = m;
        ctx.height = h;
        BlockPaintViewport view = ctx.view;
        Rows r = rows(h, e);
        g.save();
        g.beginPath();
        g.rect(view.left(), 0, view.width(), h);
        g.clip();
        fileRow.drawLogicalRow(g, r, e);
        bands.drawBands(g, r);
        diskRow.drawDiskRow(g, r, e);
        numbers.drawPages(g, r, e);
        numbers.drawNumbers(g, r.numbersY, r.stripH, view.logicalOrigin(), view.logicalLimit(), e, true);
        numbers.drawNumbers(g, r.diskNumbersY, r.stripH, view.diskOrigin(), view.diskLimit(), e, false);
        brackets.drawBrackets(g, r, e);
        bands.drawSelection(g, r, e);
        g.restore();
        legend.drawGutter(g, r, e);
        legend.drawLegend(g, r, e);
        if (m.focused()) {
            g.setStroke(ctx.palette.color("highlight"));
            g.setLineWidth(2);
            g.strokeRect(1, 1, w - 2, h - 2);
        }
    }

    // Everything is stacked from the top; the bands get what height is left, within limits, so that on a tall
    // window the rows stay near each other and a legend sits under the disk row.
    Rows rows(double h, double e) {
        double laneH = e * 1.35;
        int lanesShown = Math.max(1, brackets.laneCount());
        double stripH = e * 1.3;
        double lanesY = ctx.barH + e * 0.2;
        double pagesY = lanesY + lanesShown * laneH;
        double numbersY = pagesY + stripH;
        double logicalY = numbersY + stripH;
        double free = h - (logicalY + stripH + ctx.barH + legend.legendHeight(e));
        double rowH = Math.max(2.2 * e, Math.min(3.2 * e, free * 0.16));
        double band = Math.max(4 * e, Math.min(14 * e, free - 2 * rowH));
        double diskY = logicalY + rowH + band;
        return new Rows(lanesY, laneH, lanesShown, pagesY, numbersY, stripH, logicalY, rowH, diskY, diskY + rowH);
    }

    /** Lays out the brackets' lanes again after the metadata changed. */
    void layOutLanes() {
        brackets.layOutLanes();
    }

    /** The bracket under (x, y) in the lanes above the page labels, or -1. */
    int bracketAt(Rows r, double x, double y) {
        return brackets.bracketAt(r, x, y);
    }
}
