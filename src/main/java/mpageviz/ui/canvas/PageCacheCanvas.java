package mpageviz.ui.canvas;

import java.util.function.DoubleSupplier;
import java.util.function.LongConsumer;

import javafx.animation.Animation;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.MouseButton;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import mpageviz.kernel.BhState;
import mpageviz.kernel.PageFlag;
import mpageviz.ui.anim.Animations;
import mpageviz.view.BufferView;
import mpageviz.view.PageView;
import mpageviz.view.RunState;

/**
 * Every page of the run drawn on one canvas, in a grid of slots in index order, scrolled virtually so that a
 * 262,144-page run costs no more to draw than the cells on screen. Ctrl+scroll zooms around the pointer (the page
 * under it stays under it), plain scroll scrolls (shift+scroll sideways), dragging pans, a double click zooms
 * back out. Level of detail follows the size a page gets: large cards with flags and buffer heads, coloured cells,
 * or bare pixels. The page mpage is working on is outlined; the selected one more so.
 */
public final class PageCacheCanvas extends Region {
    /** Cells at least this many em wide are drawn as cards. */
    private static final double CARD_EM = 7.5;
    /** Runs with at most this many pages start as cards. */
    private static final int CARD_PAGES = 64;
    private static final double NOTCH_ZOOM = 1.25;

    private final ResizableCanvas canvas = new ResizableCanvas(this::draw);
    private final ScrollBar vbar = new ScrollBar();
    private final ScrollBar hbar = new ScrollBar();
    private final Palette palette;
    private final DoubleSupplier em;
    private final DoubleProperty pulse = new SimpleDoubleProperty(this, "pulse", 0);
    private RunState state;
    private long selected = -1;
    private LongConsumer onPick = i -> { };
    private long pulsePage = -1;
    private double zoom = 1;
    private double dragX = Double.NaN;
    private double dragY;
    private boolean dragged;
    private boolean drawing;

    // geometry of the last layout, for drawing and hit testing: slot s sits at column s % columns, row s / columns
    private double baseW;
    private double baseH;
    private double cellW;
    private double cellH;
    private int columns;
    private int rows;
    private boolean cards;

    public PageCacheCanvas(Palette palette, DoubleSupplier em) {
        this.palette = palette;
        this.em = em;
        vbar.setOrientation(Orientation.VERTICAL);
        hbar.setOrientation(Orientation.HORIZONTAL);
        vbar.setVisible(false);
        hbar.setVisible(false);
        vbar.valueProperty().addListener(o -> draw());
        hbar.valueProperty().addListener(o -> draw());
        pulse.addListener(o -> draw());
        getChildren().addAll(canvas, vbar, hbar);
        canvas.setOnMouseClicked(e -> {
            if (e.getButton() != MouseButton.PRIMARY || dragged) {
                return;
            }
            if (e.getClickCount() == 2) {
                resetZoom();
                return;
            }
            long index = pageAt(e.getX(), e.getY());
            if (index >= 0) {
                onPick.accept(index);
            }
        });
        canvas.setOnScroll(this::onScroll);
        canvas.setOnMousePressed(e -> {
            dragX = e.getX();
            dragY = e.getY();
            dragged = false;
        });
        canvas.setOnMouseDragged(e -> {
            double dx = e.getX() - dragX;
            double dy = e.getY() - dragY;
            if (!Double.isNaN(dragX) && (dragged || Math.hypot(dx, dy) > 3)) {
                dragged = true;
                scrollBy(-dx, -dy);
                dragX = e.getX();
                dragY = e.getY();
            }
        });
        canvas.setOnMouseReleased(e -> dragX = Double.NaN);
    }

    public void setOnPick(LongConsumer onPick) {
        this.onPick = onPick;
    }

    public void show(RunState s, long selectedPage) {
        if (state != null && s.layout() != state.layout()) {
            zoom = 1;
            vbar.setValue(0);
            hbar.setValue(0);
        }
        this.state = s;
        this.selected = selectedPage;
        draw();
    }

    /** Whether the last draw drew cards (few pages, or zoomed in far enough) rather than cells. */
    public boolean drawsCards() {
        return cards;
    }

    /** How many times larger than its starting size a page is drawn. */
    public double zoom() {
        return zoom;
    }

    /** The width a page takes now, in pixels. */
    public double cellWidth() {
        return cellW;
    }

    /** The pixel offsets of the view into the grid (horizontal, vertical). */
    public double scrollX() {
        return hbar.getValue();
    }

    public double scrollY() {
        return vbar.getValue();
    }

    @Override
    protected void layoutChildren() {
        double sw = vbar.isVisible() ? vbar.prefWidth(-1) : 0;
        double sh = hbar.isVisible() ? hbar.prefHeight(-1) : 0;
        canvas.resizeRelocate(0, 0, Math.max(10, getWidth() - sw), Math.max(10, getHeight() - sh));
        vbar.resizeRelocate(getWidth() - sw, 0, sw, Math.max(0, getHeight() - sh));
        hbar.resizeRelocate(0, getHeight() - sh, Math.max(0, getWidth() - sw), sh);
    }

    /** The page index under a point of the canvas, or -1. */
    public long pageAt(double x, double y) {
        if (state == null || columns == 0 || x < 0 || y < 0) {
            return -1;
        }
        long col = (long) Math.floor((x + hbar.getValue()) / cellW);
        long row = (long) Math.floor((y + vbar.getValue()) / cellH);
        long slot = row * columns + col;
        if (col >= columns || slot >= state.pageCount()) {
            return -1;
        }
        return state.indexOfSlot((int) slot);
    }

    /**
     * Zooms by {@code factor} (above 1 zooms in) around a point of the canvas: the page under it stays under it,
     * unless that would scroll past the grid's edges.
     */
    public void zoomAt(double factor, double x, double y) {
        if (state == null) {
            return;
        }
        layOut();
        double gx = (x + hbar.getValue()) / cellW;
        double gy = (y + vbar.getValue()) / cellH;
        zoom = Math.max(1, Math.min(maxZoom(), zoom * factor));
        layOut();
        setScroll(gx * cellW - x, gy * cellH - y);
        draw();
    }

    /** Back to the starting size, scrolled to the top. */
    public void resetZoom() {
        zoom = 1;
        if (state == null) {
            return;
        }
        layOut();
        setScroll(0, 0);
        draw();
    }

    /** Scrolls the view by pixels. */
    public void scrollBy(double dx, double dy) {
        setScroll(hbar.getValue() + dx, vbar.getValue() + dy);
    }

    private void onScroll(ScrollEvent e) {
        if (e.isControlDown()) {
            zoomAt(Math.pow(NOTCH_ZOOM, e.getDeltaY() / 40.0), e.getX(), e.getY());
        } else {
            double dx = e.getDeltaX();
            double dy = e.getDeltaY();
            if (e.isShiftDown() && dx == 0) {
                dx = dy;
                dy = 0;
            }
            // at least a row per notch, so tiny cells still scroll at a useful pace
            scrollBy(-Math.signum(dx) * Math.max(Math.abs(dx), cellW),
                    -Math.signum(dy) * Math.max(Math.abs(dy), cellH));
        }
        e.consume();
    }

    private double maxZoom() {
        // zoom in until a page is a large card, whatever it started as
        return Math.max(1, em.getAsDouble() * 16 / Math.max(1, baseW));
    }

    private void setScroll(double x, double y) {
        hbar.setValue(Math.max(0, Math.min(hbar.getMax(), x)));
        vbar.setValue(Math.max(0, Math.min(vbar.getMax(), y)));
    }

    /**
     * Sizes the grid. The base cell size and the column count come from the region's size (with room kept for
     * the vertical scroll bar), never from the zoom, so that zooming scales the grid without reflowing it.
     */
    private void layOut() {
        double e = em.getAsDouble();
        int n = state.pageCount();
        double w = Math.max(10, getWidth() - vbar.prefWidth(-1));
        double h = Math.max(10, getHeight());
        if (n <= CARD_PAGES) {
            // Few pages: the largest cards (aspect about 2:1) that fit the panel, between 7.5 and 16 em wide.
            double best = e * CARD_EM;
            for (int c = 1; c <= n; c++) {
                int r = (n + c - 1) / c;
                double cw = Math.min(w / c, (h / r) * 2.0);
                best = Math.max(best, Math.min(cw, e * 16));
            }
            baseW = best;
            baseH = Math.max(e * 5.6, baseW * 0.5);
        } else {
            baseW = n <= 4096 ? e * 1.6 : Math.max(4, e * 0.6);
            baseH = baseW;
        }
        zoom = Math.max(1, Math.min(maxZoom(), zoom));
        cellW = baseW * zoom;
        cellH = baseH * zoom;
        columns = Math.max(1, (int) (w / baseW));
        rows = (n + columns - 1) / columns;
        cards = n <= CARD_PAGES || cellW >= e * CARD_EM;
        double viewW = canvas.getWidth();
        double viewH = canvas.getHeight();
        boolean needV = rows * cellH > viewH + 0.5;
        boolean needH = columns * cellW > viewW + 0.5;
        if (vbar.isVisible() != needV || hbar.isVisible() != needH) {
            vbar.setVisible(needV);
            hbar.setVisible(needH);
            requestLayout();
        }
        // the bars hold pixel offsets into the grid; a shrunk grid pulls them back in
        vbar.setMax(Math.max(0, rows * cellH - viewH));
        vbar.setVisibleAmount(viewH);
        vbar.setUnitIncrement(cellH);
        hbar.setMax(Math.max(0, columns * cellW - viewW));
        hbar.setVisibleAmount(viewW);
        hbar.setUnitIncrement(cellW);
        setScroll(hbar.getValue(), vbar.getValue());
    }

    /**
     * A pulse over a page's card or cell (its flags or buffers changed) that fades out. The page is marked at
     * once, but nothing shows until the returned animation plays; its end forgets the page.
     */
    public Animation pulse(long page, Duration d) {
        pulsePage = page;
        return Animations.pulse(pulse, d, () -> {
            pulsePage = -1;
            draw();
        });
    }

    /** The page the canvas is pulsing now, or -1. */
    public long pulsingPage() {
        return pulsePage;
    }

    private void draw() {
        if (drawing) {
            return; // setting a scroll bar while laying out redraws; one draw is enough
        }
        drawing = true;
        try {
            drawNow();
        } finally {
            drawing = false;
        }
    }

    private void drawNow() {
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
        layOut();
        double ox = Math.min(hbar.getValue(), hbar.getMax());
        double oy = Math.min(vbar.getValue(), vbar.getMax());
        // only the rows and columns on screen
        int firstRow = (int) Math.floor(oy / cellH);
        int lastRow = Math.min(rows - 1, (int) Math.floor((oy + h) / cellH));
        int firstCol = (int) Math.floor(ox / cellW);
        int lastCol = Math.min(columns - 1, (int) Math.floor((ox + w) / cellW));
        for (int row = firstRow; row <= lastRow; row++) {
            for (int col = firstCol; col <= lastCol; col++) {
                int slot = row * columns + col;
                if (slot >= n) {
                    break;
                }
                double x = col * cellW - ox;
                double y = row * cellH - oy;
                PageView p = state.pageAt(slot);
                long index = state.indexOfSlot(slot);
                if (cards) {
                    drawCard(g, x, y, index, p, bpp, e);
                } else {
                    drawCell(g, x, y, index, p);
                }
            }
        }
        drawPulse(g, ox, oy);
    }

    /** The slot of a page index, or -1 (slots hold the run's page indexes in ascending order). */
    private int slotOf(long index) {
        int lo = 0;
        int hi = state.pageCount() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long at = state.indexOfSlot(mid);
            if (at < index) {
                lo = mid + 1;
            } else if (at > index) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The changed page, lit up and ringed, fading as the pulse decays; the ring is wide enough for tiny cells. */
    private void drawPulse(GraphicsContext g, double ox, double oy) {
        double level = pulse.get();
        int slot = pulsePage < 0 ? -1 : slotOf(pulsePage);
        if (slot < 0 || level <= 0) {
            return;
        }
        double x = (slot % columns) * cellW - ox;
        double y = (slot / columns) * cellH - oy;
        double ring = Math.max(2, Math.min(12, 24 / Math.max(1, cellW)) * 2) * level;
        g.setGlobalAlpha(level);
        g.setFill(Color.WHITE.deriveColor(0, 1, 1, 0.45));
        g.fillRect(x, y, cellW, cellH);
        g.setStroke(palette.color("highlight"));
        g.setLineWidth(3);
        g.strokeRect(x - ring, y - ring, cellW + 2 * ring, cellH + 2 * ring);
        g.setGlobalAlpha(1);
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
        if (cellW < 3) {
            g.fillRect(x, y, cellW, cellH); // too small for a gap: the grid would be all gap
        } else {
            g.fillRect(x + 0.5, y + 0.5, cellW - 1, cellH - 1);
        }
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
                g.setFill((b.state() & BhState.UPTODATE.bit()) != 0
                        ? palette.color("page-uptodate").deriveColor(0, 0.6, 1.3, 1) : palette.color("page-empty"));
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
