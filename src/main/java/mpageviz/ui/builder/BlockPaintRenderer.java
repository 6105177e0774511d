package mpageviz.ui.builder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import mpageviz.layout.Layout.Extent;
import mpageviz.layout.Layout.MetadataBlock;
import mpageviz.ui.canvas.FileMapLook;
import mpageviz.ui.canvas.Palette;

/**
 * How the paint canvas looks: where its strips sit and how the file row, the disk row, the bands between them, the
 * bracket lanes, the labels and the legend are drawn, in the theme's colours and sizes from em. Only blocks on
 * screen are visited; narrow cells lose their grid and labels, crowded marks shrink to one-pixel ticks. The
 * {@link BlockPaintCanvas} owns the state and hands it over as {@link Marks}.
 */
final class BlockPaintRenderer {
    /** Bracket lanes drawn for nested indirect blocks; deeper ones share the last lane. */
    private static final int MAX_LANES = 3;
    private static final String[] LEGEND = {"extent: file blocks \u2192 disk blocks", "hole", "BH_Boundary",
        "indirect block", "blocks it maps", "past i_size"};

    private final BuilderModel model;
    private final BlockMapFacts facts;
    private final BlockPaintViewport view;
    private final Palette palette;
    private final Text measure = new Text();
    // Bracket lane of each metadata entry (same order as model.metadata()), and how many lanes are in use.
    private int[] lanes = new int[0];
    private int laneCount;
    private double barH;
    // Set for the length of one draw.
    private Marks marks;
    private double height;

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
        this.model = model;
        this.facts = facts;
        this.view = view;
        this.palette = palette;
    }

    /** The height of the horizontal scroll bars above the file and below the disk. */
    void setBarHeight(double barH) {
        this.barH = barH;
    }

    /** The least height that fits every strip, with bands 4 em high. */
    double minHeight(double e) {
        return e * 0.2 + Math.max(1, laneCount) * e * 1.35 + 3 * e * 1.3 + 2 * 2.2 * e + 4 * e
                + 2 * Math.max(barH, e) + legendHeight(e);
    }

    /** Draws the whole picture on a {@code w} by {@code h} canvas already cleared to the panel colour. */
    void draw(GraphicsContext g, double w, double h, double e, Marks m) {
        this.marks = m;
        this.height = h;
        Rows r = rows(h, e);
        g.save();
        g.beginPath();
        g.rect(view.left(), 0, view.width(), h);
        g.clip();
        drawLogicalRow(g, r, e);
        drawBands(g, r);
        drawDiskRow(g, r, e);
        drawPages(g, r, e);
        drawNumbers(g, r.numbersY, r.stripH, view.logicalOrigin(), view.logicalLimit(), e, true);
        drawNumbers(g, r.diskNumbersY, r.stripH, view.diskOrigin(), view.diskLimit(), e, false);
        drawBrackets(g, r, e);
        drawSelection(g, r, e);
        g.restore();
        drawGutter(g, r, e);
        drawLegend(g, r, e);
        if (m.focused()) {
            g.setStroke(palette.color("highlight"));
            g.setLineWidth(2);
            g.strokeRect(1, 1, w - 2, h - 2);
        }
    }

    private long firstVisible(double origin) {
        return (long) Math.max(0, Math.floor(origin));
    }

    private long endVisible(double origin, long limit) {
        return (long) Math.min(limit, Math.ceil(origin + view.visibleBlocks()));
    }

    private void drawLogicalRow(GraphicsContext g, Rows r, double e) {
        long lo = firstVisible(view.logicalOrigin());
        long hi = endVisible(view.logicalOrigin(), view.logicalLimit());
        double y = r.logicalY;
        double h = r.rowH;
        double xs = view.xOfLogical(lo);
        FileMapLook.hatch(g, palette, xs, y, view.xOfLogical(hi) - xs, h);
        List<Extent> es = model.extents();
        Font label = Font.font(e * 0.8);
        double lastPx = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < es.size(); i++) {
            Extent ext = es.get(i);
            long from = Math.max(lo, ext.logical());
            long to = Math.min(hi, ext.logical() + ext.count());
            if (from >= to) {
                continue;
            }
            double x0 = view.xOfLogical(from);
            double x1 = view.xOfLogical(to);
            if (x1 - x0 < 1 && Math.floor(x0) == lastPx) {
                continue; // a sub-pixel extent in a pixel column already drawn
            }
            lastPx = Math.floor(x0);
            Color c = FileMapLook.extentColour(palette, i);
            g.setFill(c);
            g.fillRect(x0, y, Math.max(1, x1 - x0), h);
        }
        drawCells(g, lo, hi, y, h, true);
        for (int i = 0; i < es.size(); i++) {
            Extent ext = es.get(i);
            if (!roomFor(ext.logical(), ext.count(), view.logicalOrigin(), e)) {
                continue;
            }
            String full = ext.logical() + "\u2013" + (ext.logical() + ext.count() - 1) + " \u2192 " + ext.physical()
                    + "\u2013" + (ext.physical() + ext.count() - 1);
            labelInside(g, label, ext.logical(), ext.logical() + ext.count(), lo, hi, true, y, h,
                    FileMapLook.extentColour(palette, i), full, "\u2192 " + ext.physical());
        }
        // blocks past i_size: dimmed, with the end of the file marked
        long eof = facts.fileBlocks();
        if (eof < hi) {
            double x = view.xOfLogical(Math.max(lo, eof));
            double xe = view.xOfLogical(hi);
            g.setFill(palette.color("panel-bg").deriveColor(0, 1, 1, 0.6));
            g.fillRect(x, y, xe - x, h);
            if (eof >= lo) {
                g.setStroke(palette.color("text-muted"));
                g.setLineWidth(Math.max(1.5, e * 0.12));
                g.setLineDashes(e * 0.3, e * 0.2);
                g.strokeLine(x, y - e * 0.3, x, y + h + e * 0.3);
                g.setLineDashes();
            }
            chip(g, "past i_size", Font.font(e * 0.75), x, xe, y + h / 2, e);
        }
        if (marks.hoverMeta() >= 0) {
            MetadataBlock m = model.metadata().get(marks.hoverMeta());
            double x0 = view.xOfLogical(Math.max(lo, m.first()));
            double x1 = view.xOfLogical(Math.min(hi, m.last() + 1));
            if (x1 > x0) {
                outline(g, x0, y - e * 0.15, x1 - x0, h + e * 0.3, "highlight", Math.max(3, e * 0.2));
            }
        }
        // BH_Boundary: a bar on the block's right edge, where get_block stops the mapping
        // (when they crowd, one-pixel ticks in the lower part of the row, so the extents stay visible)
        g.setFill(palette.color("text"));
        double barW = Math.max(3, e * 0.25);
        long shown = model.boundaries().stream().filter(b -> b + 1 >= lo && b < hi).count();
        boolean crowded = shown * barW * 4 > view.width();
        lastPx = Double.NEGATIVE_INFINITY;
        for (long b : model.boundaries()) {
            if (b + 1 < lo || b >= hi) {
                continue;
            }
            double x = view.xOfLogical(b + 1);
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

    // Thin gaps between blocks when blocks are wide enough to tell apart, wider gaps between pages on the file.
    private void drawCells(GraphicsContext g, long lo, long hi, double y, double h, boolean logical) {
        double cell = view.cell();
        Color gap = palette.color("panel-bg");
        int bpp = logical ? facts.blocksPerPage() : 0;
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
    private boolean roomFor(long from, long count, double origin, double e) {
        double a = Math.max(from, origin);
        double b = Math.min(from + count, origin + view.visibleBlocks());
        return (b - a) * view.cell() >= e * 2.5;
    }

    // Text centred in the visible part of a run of blocks, the longest variant that fits, in ink that reads on it.
    private void labelInside(GraphicsContext g, Font font, long from, long to, long lo, long hi, boolean logical,
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

    private void drawBands(GraphicsContext g, Rows r) {
        double vis = view.visibleBlocks();
        double lLo = view.logicalOrigin();
        double dLo = view.diskOrigin();
        double top = r.logicalY + r.rowH;
        double bottom = r.diskY;
        List<Extent> es = model.extents();
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
            double x0 = view.xOfLogical(a);
            double x1 = view.xOfLogical(b);
            double b0 = view.xOfDisk(ext.physical() + a - ext.logical());
            double b1 = view.xOfDisk(ext.physical() + b - ext.logical());
            if (x1 - x0 < 1 && Math.floor(x0) == lastTop && Math.floor(b0) == lastBottom) {
                continue;
            }
            lastTop = Math.floor(x0);
            lastBottom = Math.floor(b0);
            FileMapLook.band(g, FileMapLook.extentColour(palette, i), i == marks.hoverExtent() ? 0.55 : 0.28, x0,
                    Math.max(x1, x0 + 1), top, b0, Math.max(b1, b0 + 1), bottom, view.left() - 2,
                    view.left() + view.width() + 2);
        }
    }

    private void drawDiskRow(GraphicsContext g, Rows r, double e) {
        long lo = firstVisible(view.diskOrigin());
        long hi = endVisible(view.diskOrigin(), view.diskLimit());
        double y = r.diskY;
        double h = r.rowH;
        long device = model.deviceBlocksProperty().get();
        double xs = view.xOfDisk(lo);
        g.setFill(palette.color("grid"));
        g.fillRect(xs, y, view.xOfDisk(Math.min(hi, Math.max(lo, device))) - xs, h);
        List<Extent> es = model.extents();
        Font label = Font.font(e * 0.8);
        double lastPx = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < es.size(); i++) {
            Extent ext = es.get(i);
            long from = Math.max(lo, ext.physical());
            long to = Math.min(hi, ext.physical() + ext.count());
            if (from >= to) {
                continue;
            }
            double x0 = view.xOfDisk(from);
            double x1 = view.xOfDisk(to);
            if (x1 - x0 < 1 && Math.floor(x0) == lastPx) {
                continue;
            }
            lastPx = Math.floor(x0);
            g.setFill(FileMapLook.extentColour(palette, i));
            g.fillRect(x0, y, Math.max(1, x1 - x0), h);
        }
        // indirect blocks; when they crowd, true to scale in the lower part of the row so the data shows too
        Color meta = palette.color("metadata");
        List<MetadataBlock> ms = model.metadata();
        long shown = ms.stream().filter(m -> m.block() >= lo && m.block() < hi).count();
        boolean crowded = shown * 4 > view.width() && view.cell() < 2;
        g.setFill(meta);
        for (int i = 0; i < ms.size(); i++) {
            long d = ms.get(i).block();
            if (d < lo || d >= hi) {
                continue;
            }
            double x = view.xOfDisk(d);
            if (crowded) {
                g.fillRect(Math.floor(x), y + h * 0.6, 1, h * 0.4);
            } else {
                g.fillRect(x, y, Math.max(2, view.cell()), h);
            }
        }
        drawCells(g, lo, hi, y, h, false);
        for (int i = 0; i < es.size(); i++) {
            Extent ext = es.get(i);
            if (!roomFor(ext.physical(), ext.count(), view.diskOrigin(), e)) {
                continue;
            }
            String full = "file " + ext.logical() + "\u2013" + (ext.logical() + ext.count() - 1);
            labelInside(g, label, ext.physical(), ext.physical() + ext.count(), lo, hi, false, y, h,
                    FileMapLook.extentColour(palette, i), full, ext.logical() + "\u2013"
                            + (ext.logical() + ext.count() - 1));
        }
        for (int i = 0; i < ms.size(); i++) {
            long d = ms.get(i).block();
            labelInside(g, Font.font(null, FontWeight.BOLD, e * 0.8), d, d + 1, lo, hi, false, y, h, meta,
                    "ind");
        }
        if (device < hi) {
            double x = view.xOfDisk(Math.max(lo, device));
            double xe = view.xOfDisk(hi);
            FileMapLook.hatch(g, palette, x, y, xe - x, h);
            g.setFill(palette.color("panel-bg").deriveColor(0, 1, 1, 0.6));
            g.fillRect(x, y, xe - x, h);
            text(g, "past the device end", Font.font(e * 0.75), palette.color("text-muted"), x, xe, y + h / 2);
        }
        if (marks.hoverDisk() >= 0 && !marks.dragging()) {
            outline(g, view.xOfDisk(marks.hoverDisk()), y, Math.max(2, view.cell()), h, "text", 2);
        }
        if (marks.hoverMeta() >= 0) {
            long d = ms.get(marks.hoverMeta()).block();
            outline(g, view.xOfDisk(d), y, Math.max(2, view.cell()), h, "highlight", 3);
        }
    }

    private void drawPages(GraphicsContext g, Rows r, double e) {
        int bpp = facts.blocksPerPage();
        double pageW = bpp * view.cell();
        if (pageW < 3) {
            return;
        }
        Font font = Font.font(e * 0.8);
        long pages = (view.logicalLimit() + bpp - 1) / bpp;
        String widest = "page " + (pages - 1);
        boolean spelled = textWidth(widest, font) + e * 0.6 <= pageW;
        long step = spelled ? 1 : FileMapLook.niceStep((textWidth("p" + (pages - 1), font) + e * 0.6) / pageW);
        long lo = firstVisible(view.logicalOrigin()) / bpp;
        long hi = endVisible(view.logicalOrigin(), view.logicalLimit());
        g.setStroke(palette.color("text-muted"));
        g.setLineWidth(1);
        g.setFont(font);
        g.setFill(palette.color("text-muted"));
        g.setTextBaseline(VPos.CENTER);
        for (long p = lo; p * bpp < hi; p++) {
            double x = view.xOfLogical(p * bpp);
            if (pageW >= 6 || p % step == 0) {
                g.strokeLine(Math.round(x) + 0.5, r.pagesY + r.stripH * 0.55, Math.round(x) + 0.5, r.logicalY);
            }
            if (p % step == 0) {
                g.setTextAlign(step == 1 ? TextAlignment.CENTER : TextAlignment.LEFT);
                g.fillText(spelled ? "page " + p : "p" + p, step == 1 ? x + pageW / 2 : x + 3, r.pagesY + r.stripH / 2);
            }
        }
    }

    // Block numbers at a step that keeps them apart, centred on their block.
    private void drawNumbers(GraphicsContext g, double y, double h, double origin, long limit, double e,
                             boolean logical) {
        Font font = Font.font(e * 0.75);
        double labelW = textWidth(String.valueOf(Math.max(0, limit - 1)), font) + e * 0.7;
        long step = FileMapLook.niceStep(labelW / view.cell());
        long lo = firstVisible(origin) / step * step;
        long hi = endVisible(origin, limit);
        g.setFont(font);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(palette.color("text-muted"));
        g.setStroke(palette.color("text-muted"));
        g.setLineWidth(1);
        long mark = logical ? marks.hoverLogical() : marks.hoverDisk();
        for (long b = lo; b < hi; b += step) {
            double x = logical ? view.xOfLogical(b + 0.5) : view.xOfDisk(b + 0.5);
            double half = textWidth(String.valueOf(b), font) / 2;
            if (x - half < view.left() || x + half > view.left() + view.width()) {
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
            double x = logical ? view.xOfLogical(mark + 0.5) : view.xOfDisk(mark + 0.5);
            String s = String.valueOf(mark);
            double w = textWidth(s, font) + e * 0.5;
            g.setFill(palette.color("panel-bg"));
            g.fillRect(x - w / 2, y, w, h);
            g.setFill(palette.color("text"));
            g.fillText(s, x, y + h / 2);
        }
    }

    private void drawBrackets(GraphicsContext g, Rows r, double e) {
        List<MetadataBlock> ms = model.metadata();
        double left = view.left();
        double right = left + view.width();
        Font font = Font.font(e * 0.75);
        for (int i = 0; i < ms.size(); i++) {
            MetadataBlock m = ms.get(i);
            double x0 = view.xOfLogical(m.first());
            double x1 = view.xOfLogical(m.last() + 1);
            if (x1 < left || x0 > right) {
                continue;
            }
            boolean hot = i == marks.hoverMeta();
            double ly = r.lanesY + lanes[i] * r.laneH;
            double lineY = ly + r.laneH * 0.72;
            double a = Math.max(x0, left - 2);
            double b = Math.min(x1, right + 2);
            Color c = palette.color(hot ? "highlight" : "metadata");
            g.setStroke(c);
            g.setLineWidth(hot ? Math.max(3, e * 0.22) : Math.max(2, e * 0.14));
            g.strokeLine(a, lineY, Math.max(a + 1, b), lineY);
            // end ticks only where brackets are wide enough to tell apart
            if (x1 - x0 >= e * 0.6 && x0 >= left - 2) {
                g.strokeLine(x0 + 1, lineY, x0 + 1, ly + r.laneH);
            }
            if (x1 - x0 >= e * 0.6 && x1 <= right + 2) {
                g.strokeLine(x1 - 1, lineY, x1 - 1, ly + r.laneH);
            }
            if (b - a < e * 2) {
                continue; // no room for even a number: skip measuring (hundreds of brackets when zoomed out)
            }
            String[] variants = {"indirect " + m.block() + BlockMapFacts.cacheState(m), "ind " + m.block(),
                "" + m.block()};
            for (String v : variants) {
                if (textWidth(v, font) + e * 0.6 <= b - a) {
                    g.setFont(font);
                    g.setFill(c);
                    g.setTextAlign(TextAlignment.LEFT);
                    g.setTextBaseline(VPos.BOTTOM);
                    g.fillText(v, a + e * 0.3, lineY - 1);
                    break;
                }
            }
        }
    }

    // The selection, the drag's target on the disk and a band to it, and the keyboard cursor.
    private void drawSelection(GraphicsContext g, Rows r, double e) {
        long first = marks.first();
        long last = marks.last();
        double x0 = view.xOfLogical(first);
        double x1 = view.xOfLogical(last + 1);
        boolean dragging = marks.dragging();
        Color hi = palette.color("highlight");
        if (dragging || first != last) {
            g.setFill(hi.deriveColor(0, 1, 1, marks.tool() == PaintTool.ERASE ? 0.45 : 0.3));
            g.fillRect(x0, r.logicalY, x1 - x0, r.rowH);
            outline(g, x0, r.logicalY, x1 - x0, r.rowH, "text", 3);
        }
        boolean targets = marks.tool() == PaintTool.MAP || marks.tool() == PaintTool.METADATA;
        if (dragging && targets && marks.hoverDisk() >= 0) {
            long n = marks.tool() == PaintTool.MAP ? last - first + 1 : 1;
            double d0 = view.xOfDisk(marks.hoverDisk());
            double d1 = view.xOfDisk(marks.hoverDisk() + n);
            // an indirect block-to-be in the metadata colour, data blocks in the highlight
            Color target = marks.tool() == PaintTool.METADATA ? palette.color("metadata") : hi;
            FileMapLook.band(g, target, 0.25, x0, x1, r.logicalY + r.rowH, d0, d1, r.diskY, view.left() - 2,
                    view.left() + view.width() + 2);
            g.setFill(target.deriveColor(0, 1, 1, 0.6));
            g.fillRect(d0, r.diskY, Math.max(2, d1 - d0), r.rowH);
            g.setLineDashes(e * 0.4, e * 0.2);
            outline(g, d0, r.diskY, Math.max(2, d1 - d0), r.rowH, "text", 3);
            g.setLineDashes();
        }
        if (marks.hoverLogical() >= 0 && !dragging) {
            outline(g, view.xOfLogical(marks.hoverLogical()), r.logicalY, Math.max(2, view.cell()), r.rowH, "text", 2);
        }
        if (marks.focused() && !dragging) {
            g.setLineDashes(e * 0.25, e * 0.18);
            double cx = view.xOfLogical(marks.cursor());
            outline(g, cx, r.logicalY - e * 0.15, Math.max(3, view.cell()), r.rowH + e * 0.3, "text", 2);
            g.setLineDashes();
        }
    }

    private void drawGutter(GraphicsContext g, Rows r, double e) {
        g.setFill(palette.color("panel-bg"));
        g.fillRect(0, 0, view.left(), height);
        double x = view.left() - e * 0.5;
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        Font small = Font.font(e * 0.75);
        Font bold = Font.font(null, FontWeight.BOLD, e * 1.05);
        g.setFill(palette.color("text-muted"));
        g.setFont(small);
        if (!model.metadata().isEmpty()) {
            g.fillText("indirect", x, r.lanesY + r.laneH * 0.5);
        }
        g.fillText("page", x, r.pagesY + r.stripH / 2);
        g.fillText("block", x, r.numbersY + r.stripH / 2);
        g.fillText("block", x, r.diskNumbersY + r.stripH / 2);
        g.setFill(palette.color("text"));
        g.setFont(bold);
        g.fillText("file", x, r.logicalY + r.rowH / 2);
        g.fillText("disk", x, r.diskY + r.rowH / 2);
    }

    // What the marks mean, in one line under the disk row's scroll bar.
    private void drawLegend(GraphicsContext g, Rows r, double e) {
        double y = r.diskNumbersY + r.stripH + barH + e * 0.5;
        double s = e * 0.95;
        double x = view.left();
        Font font = Font.font(e * 0.8);
        g.setFont(font);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < LEGEND.length; i++) {
            double itemW = legendItemWidth(i, font, e);
            if (x > view.left() && x + itemW - e * 1.2 > view.left() + view.width()) {
                x = view.left();
                y += e * 1.4;
            }
            switch (i) {
                case 0:
                    g.setFill(FileMapLook.extentColour(palette, 0));
                    g.fillRect(x, y, s / 2, s);
                    g.setFill(FileMapLook.extentColour(palette, 1));
                    g.fillRect(x + s / 2, y, s / 2, s);
                    break;
                case 1:
                    FileMapLook.hatch(g, palette, x, y, s, s);
                    break;
                case 2:
                    double bar = Math.max(3, e * 0.25);
                    g.setFill(palette.color("text"));
                    g.fillRect(x + (s - bar) / 2, y - e * 0.1, bar, s + e * 0.2);
                    break;
                case 3:
                    g.setFill(palette.color("metadata"));
                    g.fillRect(x, y, s, s);
                    break;
                case 4:
                    g.setStroke(palette.color("metadata"));
                    g.setLineWidth(Math.max(2, e * 0.14));
                    g.strokeLine(x + 1, y + s * 0.35, x + swatchWidth(i, e), y + s * 0.35);
                    g.strokeLine(x + 1, y + s * 0.35, x + 1, y + s);
                    break;
                default:
                    FileMapLook.hatch(g, palette, x, y, s, s);
                    g.setFill(palette.color("panel-bg").deriveColor(0, 1, 1, 0.6));
                    g.fillRect(x, y, s, s);
                    break;
            }
            g.setFill(palette.color("text-muted"));
            g.fillText(LEGEND[i], x + swatchWidth(i, e) + e * 0.35, y + s / 2);
            x += itemW;
        }
    }

    // The bracket's swatch is wider than the others, so it reads as a range.
    private static double swatchWidth(int item, double e) {
        return e * (item == 4 ? 1.5 : 0.95);
    }

    private void outline(GraphicsContext g, double x, double y, double w, double h, String colour, double width) {
        g.setStroke(palette.color(colour));
        g.setLineWidth(width);
        g.strokeRect(x + width / 2, y + width / 2, Math.max(1, w - width), Math.max(1, h - width));
    }

    // Text on a small panel-coloured chip, centred between x0 and x1 if it fits there, so it reads over a pattern.
    private void chip(GraphicsContext g, String s, Font font, double x0, double x1, double cy, double e) {
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
    private void text(GraphicsContext g, String s, Font font, Color colour, double x0, double x1, double cy) {
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

    private double textWidth(String s, Font font) {
        measure.setFont(font);
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }

    // Room for the legend: one line, or two when the canvas is too narrow for it (a projector's big type).
    double legendHeight(double e) {
        return e * (legendWidth(e) > view.width() ? 3.6 : 2.2);
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
        return swatchWidth(item, e) + e * 0.35 + textWidth(LEGEND[item], font) + e * 1.2;
    }

    // Everything is stacked from the top; the bands get what height is left, within limits, so that on a tall
    // window the rows stay near each other and a legend sits under the disk row.
    Rows rows(double h, double e) {
        double laneH = e * 1.35;
        int lanesShown = Math.max(1, laneCount);
        double stripH = e * 1.3;
        double lanesY = barH + e * 0.2;
        double pagesY = lanesY + lanesShown * laneH;
        double numbersY = pagesY + stripH;
        double logicalY = numbersY + stripH;
        double free = h - (logicalY + stripH + barH + legendHeight(e));
        double rowH = Math.max(2.2 * e, Math.min(3.2 * e, free * 0.16));
        double band = Math.max(4 * e, Math.min(14 * e, free - 2 * rowH));
        double diskY = logicalY + rowH + band;
        return new Rows(lanesY, laneH, lanesShown, pagesY, numbersY, stripH, logicalY, rowH, diskY, diskY + rowH);
    }

    // Greedy lanes, widest ranges first among those starting together, so an outer (double) indirect block's
    // bracket sits above the brackets of the indirect blocks inside its range.
    void layOutLanes() {
        List<MetadataBlock> ms = model.metadata();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingLong(i -> ms.get(i).first())
                .thenComparing(i -> -ms.get(i).last()));
        List<Long> laneEnds = new ArrayList<>();
        lanes = new int[ms.size()];
        for (int i : order) {
            MetadataBlock m = ms.get(i);
            int lane = 0;
            while (lane < laneEnds.size() && laneEnds.get(lane) >= m.first()) {
                lane++;
            }
            if (lane == laneEnds.size()) {
                laneEnds.add(m.last());
            } else {
                laneEnds.set(lane, m.last());
            }
            lanes[i] = Math.min(lane, MAX_LANES - 1);
        }
        laneCount = Math.min(MAX_LANES, laneEnds.size());
    }

    // The bracket under (x, y) in the lanes above the page labels, or -1.
    int bracketAt(Rows r, double x, double y) {
        if (y < r.lanesY || y >= r.pagesY) {
            return -1;
        }
        int lane = (int) ((y - r.lanesY) / r.laneH);
        double l = view.logicalAtX(x);
        List<MetadataBlock> ms = model.metadata();
        for (int i = 0; i < ms.size(); i++) {
            if (lanes[i] == lane && l >= ms.get(i).first() && l < ms.get(i).last() + 1) {
                return i;
            }
        }
        return -1;
    }
}
