package mpageviz.ui.canvas;

import java.util.function.DoubleSupplier;
import java.util.function.LongConsumer;

import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import mpageviz.kernel.BhState;
import mpageviz.kernel.PageFlag;
import mpageviz.view.BufferView;
import mpageviz.view.PageView;
import mpageviz.view.RunState;

/**
 * Every page of the run drawn on one canvas: large cards with flags and buffer heads when the run is small,
 * coloured cells when it is big (level of detail), scrolled virtually so that a 262,144-page run costs no more
 * to draw than the rows on screen. The page mpage is working on is outlined; the selected one more so.
 */
public final class PageCacheCanvas extends Region {
    private final ResizableCanvas canvas = new ResizableCanvas(this::draw);
    private final ScrollBar scroll = new ScrollBar();
    private final Palette palette;
    private final DoubleSupplier em;
    private RunState state;
    private long selected = -1;
    private LongConsumer onPick = i -> { };

    // layout of the last draw, for hit testing
    private double cellW;
    private double cellH;
    private int columns;
    private boolean cards;

    public PageCacheCanvas(Palette palette, DoubleSupplier em) {
        this.palette = palette;
        this.em = em;
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.valueProperty().addListener(o -> draw());
        getChildren().addAll(canvas, scroll);
        canvas.setOnMouseClicked(e -> {
            long index = pageAt(e.getX(), e.getY());
            if (index >= 0) {
                onPick.accept(index);
            }
        });
        canvas.setOnScroll(e -> scroll.setValue(Math.max(scroll.getMin(), Math.min(scroll.getMax(),
                scroll.getValue() - Math.signum(e.getDeltaY())))));
    }

    public void setOnPick(LongConsumer onPick) {
        this.onPick = onPick;
    }

    public void show(RunState s, long selectedPage) {
        this.state = s;
        this.selected = selectedPage;
        draw();
    }

    /** Whether the canvas currently draws cards (few pages) rather than cells. */
    public boolean drawsCards() {
        return cards;
    }

    @Override
    protected void layoutChildren() {
        double sw = scroll.isVisible() ? scroll.prefWidth(-1) : 0;
        canvas.resizeRelocate(0, 0, Math.max(10, getWidth() - sw), getHeight());
        scroll.resizeRelocate(getWidth() - sw, 0, sw, getHeight());
    }

    /** The page index under a point, or -1. */
    public long pageAt(double x, double y) {
        if (state == null || columns == 0) {
            return -1;
        }
        int col = (int) (x / cellW);
        int row = (int) (y / cellH) + (int) scroll.getValue();
        int slot = row * columns + col;
        if (col >= columns || slot < 0 || slot >= state.pageCount()) {
            return -1;
        }
        return state.indexOfSlot(slot);
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(palette.color("panel-bg"));
        g.fillRect(0, 0, w, h);
        if (state == null || state.pageCount() == 0) {
            return;
        }
        double e = em.getAsDouble();
        int n = state.pageCount();
        int bpp = state.layout().blocksPerPage();
        cards = n <= 64;
        if (cards) {
            // Few pages: the largest cards (aspect about 2:1) that fit the panel, between 7.5 and 16 em wide.
            double best = e * 7.5;
            for (int c = 1; c <= n; c++) {
                int r = (n + c - 1) / c;
                double cw = Math.min(w / c, (h / r) * 2.0);
                best = Math.max(best, Math.min(cw, e * 16));
            }
            cellW = best;
            cellH = Math.max(e * 5.6, cellW * 0.5);
        } else {
            double side = n <= 4096 ? e * 1.6 : Math.max(4, e * 0.6);
            cellW = side;
            cellH = side;
        }
        columns = Math.max(1, (int) (w / cellW));
        int rows = (n + columns - 1) / columns;
        int visibleRows = Math.max(1, (int) (h / cellH));
        boolean needScroll = rows > visibleRows;
        if (scroll.isVisible() != needScroll) {
            scroll.setVisible(needScroll);
            requestLayout();
        }
        scroll.setMax(Math.max(0, rows - visibleRows));
        scroll.setVisibleAmount(visibleRows);
        int firstRow = (int) scroll.getValue();
        for (int row = firstRow; row < Math.min(rows, firstRow + visibleRows + 1); row++) {
            for (int col = 0; col < columns; col++) {
                int slot = row * columns + col;
                if (slot >= n) {
                    break;
                }
                double x = col * cellW;
                double y = (row - firstRow) * cellH;
                PageView p = state.pageAt(slot);
                long index = state.indexOfSlot(slot);
                if (cards) {
                    drawCard(g, x, y, index, p, bpp, e);
                } else {
                    drawCell(g, x, y, index, p);
                }
            }
        }
    }

    /** The colour of the state that matters most for a page. */
    public Color stateColor(PageView p) {
        if (p == null) {
            return palette.color("page-empty");
        }
        int f = p.flags();
        if ((f & PageFlag.ERROR.bit()) != 0) {
            return palette.color("page-error");
        }
        if ((f & PageFlag.WRITEBACK.bit()) != 0) {
            return palette.color("page-writeback");
        }
        if ((f & PageFlag.LOCKED.bit()) != 0) {
            return palette.color("page-locked");
        }
        if ((f & PageFlag.DIRTY.bit()) != 0) {
            return palette.color("page-dirty");
        }
        if ((f & PageFlag.UPTODATE.bit()) != 0) {
            return palette.color("page-uptodate");
        }
        return palette.color("page-empty");
    }

    private void drawCell(GraphicsContext g, double x, double y, long index, PageView p) {
        g.setFill(stateColor(p));
        g.fillRect(x + 0.5, y + 0.5, cellW - 1, cellH - 1);
        outline(g, x, y, index, 1);
    }

    private void outline(GraphicsContext g, double x, double y, long index, double scale) {
        if (index == selected) {
            g.setStroke(palette.color("highlight"));
            g.setLineWidth(3 * scale);
            g.strokeRect(x + 1.5, y + 1.5, cellW - 3, cellH - 3);
        } else if (index == state.currentPage()) {
            g.setStroke(palette.color("text"));
            g.setLineWidth(2 * scale);
            g.setLineDashes(4, 3);
            g.strokeRect(x + 1.5, y + 1.5, cellW - 3, cellH - 3);
            g.setLineDashes();
        }
    }

    private void drawCard(GraphicsContext g, double x, double y, long index, PageView p, int bpp, double e) {
        double pad = e * 0.25;
        double cx = x + pad;
        double cy = y + pad;
        double cw = cellW - 2 * pad;
        double ch = cellH - 2 * pad;
        g.setFill(p == null ? palette.color("page-empty") : palette.color("panel-bg"));
        g.fillRoundRect(cx, cy, cw, ch, e * 0.5, e * 0.5);
        g.setFill(stateColor(p));
        g.fillRoundRect(cx, cy, cw, e * 1.5, e * 0.5, e * 0.5);
        g.setStroke(palette.color("panel-border"));
        g.setLineWidth(1);
        g.strokeRoundRect(cx, cy, cw, ch, e * 0.5, e * 0.5);
        g.setFill(p == null ? palette.color("text-muted") : Color.BLACK);
        g.setFont(Font.font(null, FontWeight.BOLD, e));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("page " + index, cx + e * 0.35, cy + e * 0.75);
        if (p == null) {
            g.setFont(Font.font(e * 0.8));
            g.setFill(palette.color("text-muted"));
            g.fillText("not created yet", cx + e * 0.35, cy + e * 2.4);
            return;
        }
        g.setFont(Font.font(null, FontWeight.BOLD, e * 0.75));
        double fx = cx + e * 0.35;
        for (PageFlag f : PageFlag.values()) {
            boolean on = (p.flags() & f.bit()) != 0;
            String label = shortName(f);
            g.setFill(on ? palette.color("page-" + f.label()) : palette.color("grid"));
            g.fillRoundRect(fx, cy + e * 1.75, e * 1.35, e * 1.0, e * 0.3, e * 0.3);
            g.setFill(on ? Color.BLACK : palette.color("text-muted"));
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(label, fx + e * 0.675, cy + e * 2.27);
            fx += e * 1.45;
        }
        if (p.buffers() != null) {
            double bw = (cw - e * 0.7) / bpp;
            double by = cy + e * 3.0;
            double bh = ch - e * 3.25;
            g.setFont(Font.font(null, FontWeight.NORMAL, Math.min(e * 0.7, bw / 4)));
            for (int i = 0; i < p.buffers().size(); i++) {
                BufferView b = p.buffers().get(i);
                double bx = cx + e * 0.35 + i * bw;
                g.setFill((b.state() & BhState.UPTODATE.bit()) != 0 ? palette.color("page-uptodate").deriveColor(0, 0.6, 1.3, 1)
                        : palette.color("page-empty"));
                g.fillRect(bx + 1, by, bw - 2, bh);
                boolean mapped = (b.state() & BhState.MAPPED.bit()) != 0;
                g.setStroke(mapped ? palette.color("bh-mapped") : palette.color("panel-border"));
                g.setLineWidth((b.state() & BhState.BOUNDARY.bit()) != 0 ? 3 : mapped ? 2 : 1);
                g.strokeRect(bx + 1, by, bw - 2, bh);
                g.setFill(Color.BLACK);
                g.setTextAlign(TextAlignment.CENTER);
                g.fillText(b.block() >= 0 ? String.valueOf(b.block()) : "-", bx + bw / 2, by + bh / 2);
            }
        } else {
            g.setFont(Font.font(e * 0.75));
            g.setFill(palette.color("text-muted"));
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(p.inCache() ? "no buffers" : "not in the page cache", cx + e * 0.35, cy + e * 3.7);
        }
        outline(g, x, y, index, 1);
    }

    /** One or two letters for a flag on a card. */
    static String shortName(PageFlag f) {
        switch (f) {
            case LOCKED:
                return "L";
            case ERROR:
                return "E";
            case UPTODATE:
                return "U";
            case DIRTY:
                return "D";
            case WRITEBACK:
                return "W";
            default:
                return "M";
        }
    }
}
