package mpageviz.ui.builder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import mpageviz.layout.Layout.MetadataBlock;
import mpageviz.ui.builder.BlockPaintRenderer.Rows;

/** Draws each indirect block's range as a bracket above the file row, in lanes so nested ones stay apart. */
final class BracketPainter {
    /** Bracket lanes drawn for nested indirect blocks; deeper ones share the last lane. */
    private static final int MAX_LANES = 3;

    // Bracket lane of each metadata entry (same order as model.metadata()), and how many lanes are in use.
    private int[] lanes = new int[0];
    private int laneCount;

    private final PaintContext ctx;

    BracketPainter(PaintContext ctx) {
        this.ctx = ctx;
    }

    /** How many bracket lanes are in use (at most MAX_LANES). */
    int laneCount() {
        return laneCount;
    }

    void drawBrackets(GraphicsContext g, Rows r, double e) {
        List<MetadataBlock> ms = ctx.model.metadata();
        double left = ctx.view.left();
        double right = left + ctx.view.width();
        Font font = Font.font(e * 0.75);
        for (int i = 0; i < ms.size(); i++) {
            MetadataBlock m = ms.get(i);
            double x0 = ctx.view.xOfLogical(m.first());
            double x1 = ctx.view.xOfLogical(m.last() + 1);
            if (x1 < left || x0 > right) {
                continue;
            }
            boolean hot = i == ctx.marks.hoverMeta();
            double ly = r.lanesY() + lanes[i] * r.laneH();
            double lineY = ly + r.laneH() * 0.72;
            double a = Math.max(x0, left - 2);
            double b = Math.min(x1, right + 2);
            Color c = ctx.palette.color(hot ? "highlight" : "metadata");
            g.setStroke(c);
            g.setLineWidth(hot ? Math.max(3, e * 0.22) : Math.max(2, e * 0.14));
            g.strokeLine(a, lineY, Math.max(a + 1, b), lineY);
            // end ticks only where brackets are wide enough to tell apart
            if (x1 - x0 >= e * 0.6 && x0 >= left - 2) {
                g.strokeLine(x0 + 1, lineY, x0 + 1, ly + r.laneH());
            }
            if (x1 - x0 >= e * 0.6 && x1 <= right + 2) {
                g.strokeLine(x1 - 1, lineY, x1 - 1, ly + r.laneH());
            }
            if (b - a < e * 2) {
                continue; // no room for even a number: skip measuring (hundreds of brackets when zoomed out)
            }
            String[] variants = {"indirect " + m.block() + BlockMapFacts.cacheState(m), "ind " + m.block(),
                "" + m.block()};
            for (String v : variants) {
                if (ctx.textWidth(v, font) + e * 0.6 <= b - a) {
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

    // Greedy lanes, widest ranges first among those starting together, so an outer (double) indirect block's
    // bracket sits above the brackets of the indirect blocks inside its range.
    void layOutLanes() {
        List<MetadataBlock> ms = ctx.model.metadata();
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
        if (y < r.lanesY() || y >= r.pagesY()) {
            return -1;
        }
        int lane = (int) ((y - r.lanesY()) / r.laneH());
        double l = ctx.view.logicalAtX(x);
        List<MetadataBlock> ms = ctx.model.metadata();
        for (int i = 0; i < ms.size(); i++) {
            if (lanes[i] == lane && l >= ms.get(i).first() && l < ms.get(i).last() + 1) {
                return i;
            }
        }
        return -1;
    }
}
