package mpageviz.ui.canvas;

import java.util.List;
import java.util.function.DoubleSupplier;

import javafx.animation.Animation;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import mpageviz.layout.Layout;
import mpageviz.ui.anim.Animations;
import mpageviz.view.RequestView;
import mpageviz.view.RunState;

/**
 * A strip of the disk's blocks around the file: the file's extents faintly, metadata blocks marked, and every
 * request drawn where it lands, coloured by where it is (plug, queue, served) and numbered in disk order.
 * Ctrl+scroll zooms the block axis around the pointer, dragging pans, a double click shows the whole strip.
 * Only what is on screen is drawn, and things narrower than a pixel share one pixel column.
 */
public final class DiskCanvas extends CanvasView {
    private static final String[] REQUEST_COLOURS = {"request-plugged", "request-queued", "request-served"};

    private final BlockAxis axis = new BlockAxis();
    private final DoubleProperty pulse = new SimpleDoubleProperty(this, "pulse", 0);
    private RunState state;
    private long firstBlock;
    private long lastBlock;
    private int selectedRequest;
    private int pulseRequest;

    public DiskCanvas(Palette palette, DoubleSupplier em) {
        super(palette, em);
        axis.attach(canvas, this::draw);
        pulse.addListener(o -> draw());
    }

    /** The disk blocks the strip spans, from the layout: every block the file, its metadata or allocator name. */
    public static long[] range(Layout layout) {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (Layout.Extent e : layout.file().extents()) {
            lo = Math.min(lo, e.physical());
            hi = Math.max(hi, e.physical() + e.count() - 1);
        }
        for (Layout.MetadataBlock m : layout.file().metadata()) {
            lo = Math.min(lo, m.block());
            hi = Math.max(hi, m.block());
        }
        if (layout.file().allocator() != null) {
            lo = Math.min(lo, layout.file().allocator().next());
            hi = Math.max(hi, layout.file().allocator().last());
        }
        for (Layout.PageSpec p : layout.pageCache()) {
            if (p.buffers() != null) {
                for (Layout.BufferSpec b : p.buffers()) {
                    if (b.block() != null) {
                        lo = Math.min(lo, b.block());
                        hi = Math.max(hi, b.block());
                    }
                }
            }
        }
        if (lo > hi) {
            return new long[] {0, Math.max(0, layout.device().blocks() - 1)};
        }
        long pad = Math.max(2, (hi - lo) / 20);
        return new long[] {Math.max(0, lo - pad), Math.min(layout.device().blocks() - 1, hi + pad)};
    }

    public void show(RunState s, int selected) {
        if (state == null || state.layout() != s.layout()) {
            long[] r = range(s.layout());
            firstBlock = r[0];
            lastBlock = r[1];
            axis.setRange(firstBlock, lastBlock + 1, true);
        }
        this.state = s;
        this.selectedRequest = selected;
        draw();
    }

    public long firstBlock() {
        return firstBlock;
    }

    public long lastBlock() {
        return lastBlock;
    }

    /** The zoomable block axis (for tests and the panel's label). */
    public BlockAxis axis() {
        return axis;
    }

    /** The disk block (fractional) under x. */
    public double blockAt(double x) {
        return axis.blockAt(x, canvas.getWidth());
    }

    /** Zooms by {@code factor} around x, keeping the block under x under it. */
    public void zoomAt(double factor, double x) {
        axis.zoomAt(factor, x, canvas.getWidth());
        draw();
    }

    /** Shows the whole strip again. */
    public void resetZoom() {
        axis.reset();
        draw();
    }

    /** A pulse over a request (the disk serving it) that fades out; shows only once the animation plays. */
    public Animation pulse(int request, Duration d) {
        pulseRequest = request;
        return Animations.pulse(pulse, d, () -> {
            pulseRequest = 0;
            draw();
        });
    }

    /** The request the strip is pulsing now, or 0. */
    public int pulsingRequest() {
        return pulseRequest;
    }

    private double x(double block, double w) {
        return axis.x(block, w);
    }

    @Override
    protected void draw() {
        GraphicsContext g = begin();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (state == null) {
            return;
        }
        double e = em.getAsDouble();
        Layout layout = state.layout();
        int sectorsPerBlock = layout.geometry().blockSize() >> 9;
        double top = e * 1.2;
        double barH = Math.max(e, h - top - e * 1.3);
        g.setFill(palette.color("grid"));
        g.fillRect(0, top, w, barH);
        int i = 0;
        for (Layout.Extent ext : layout.file().extents()) {
            Color c = palette.color("extent-" + (i++ % 4 + 1)).deriveColor(0, 0.5, 1.2, 0.45);
            fillSpan(g, c, ext.physical(), ext.physical() + ext.count(), w, top, barH, 1);
        }
        for (Layout.MetadataBlock m : layout.file().metadata()) {
            fillSpan(g, palette.color("metadata"), m.block(), m.block() + 1, w, top, barH * 0.3, 2);
        }
        g.setFont(Font.font(null, FontWeight.BOLD, e * 0.85));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        double y = top + barH * 0.35;
        double rh = barH * 0.6;
        // Requests narrower than a pixel: one fill per pixel column and colour, however many land there.
        boolean[][] filled = new boolean[REQUEST_COLOURS.length][(int) Math.ceil(w) + 1];
        for (int id = 1; id <= state.requestCount(); id++) {
            RequestView r = state.request(id);
            if (RequestView.MERGED.equals(r.place())) {
                continue;
            }
            int colour = RequestView.SERVED.equals(r.place()) ? 2 : RequestView.PLUG.equals(r.place()) ? 0 : 1;
            double x0 = x((double) r.sector() / sectorsPerBlock, w);
            double x1 = x((double) (r.sector() + r.sectors()) / sectorsPerBlock, w);
            if (x1 < 0 || x0 > w) {
                continue;
            }
            double rw = Math.max(2, x1 - x0);
            if (x1 - x0 < 1 && id != selectedRequest && id != pulseRequest) {
                int px = (int) Math.max(0, Math.min(w, x0));
                if (filled[colour][px]) {
                    continue;
                }
                filled[colour][px] = true;
            }
            g.setFill(palette.color(REQUEST_COLOURS[colour]));
            g.fillRect(x0, y, rw, rh);
            if (id == selectedRequest) {
                g.setStroke(palette.color("highlight"));
                g.setLineWidth(3);
                g.strokeRect(x0, y, rw, rh);
            }
            if (colour == 2 && rw > e * 0.9) {
                g.setFill(Color.BLACK);
                g.fillText(String.valueOf(r.servedOrder()), Math.max(x0, 0) / 2 + Math.min(x0 + rw, w) / 2,
                        y + rh / 2);
            }
        }
        drawPulse(g, w, y, rh, sectorsPerBlock);
        g.setFill(palette.color("text-muted"));
        g.setFont(Font.font(e * 0.75));
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("block " + (long) Math.floor(axis.viewStart()), 2, e * 0.55);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("block " + ((long) Math.ceil(axis.viewEnd()) - 1), w - 2, e * 0.55);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("extents  \u25A0 metadata  numbers: order the disk served"
                + (axis.isWhole() ? "   ctrl+scroll zooms" : String.format("   zoom %.0fx, double-click: all",
                axis.zoom())), 2, h - e * 0.55);
    }

    /** The request being served, brighter and outlined, fading as the pulse decays. */
    private void drawPulse(GraphicsContext g, double w, double y, double rh, int sectorsPerBlock) {
        RequestView r = state.request(pulseRequest);
        double level = pulse.get();
        if (r == null || level <= 0) {
            return;
        }
        double x0 = x((double) r.sector() / sectorsPerBlock, w);
        double rw = Math.max(4, x((double) (r.sector() + r.sectors()) / sectorsPerBlock, w) - x0);
        double grow = 4 * level;
        g.setGlobalAlpha(level);
        g.setFill(Color.WHITE.deriveColor(0, 1, 1, 0.55));
        g.fillRect(x0, y, rw, rh);
        g.setStroke(palette.color("highlight"));
        g.setLineWidth(2 + 2 * level);
        g.strokeRect(x0 - grow, y - grow, rw + 2 * grow, rh + 2 * grow);
        g.setGlobalAlpha(1);
    }

    /** Fills blocks {@code from..to} if on screen, at least {@code minW} pixels wide. */
    private void fillSpan(GraphicsContext g, Color c, double from, double to, double w, double y, double h,
                          double minW) {
        double x0 = x(from, w);
        double x1 = x(to, w);
        if (x1 < 0 || x0 > w) {
            return;
        }
        g.setFill(c);
        g.fillRect(Math.max(-1, x0), y, Math.max(minW, Math.min(w + 1, x1) - Math.max(-1, x0)), h);
    }

    /** The served requests' start sectors in disk order (what the seek plot draws). */
    public static long[] servedStarts(RunState s) {
        List<Integer> served = s.served();
        long[] out = new long[served.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.request(served.get(i)).sector();
        }
        return out;
    }
}
