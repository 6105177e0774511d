package mpageviz.ui.canvas;

import java.util.List;
import java.util.function.DoubleSupplier;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import mpageviz.layout.Layout;
import mpageviz.view.RequestView;
import mpageviz.view.RunState;

/**
 * A strip of the disk's blocks around the file: the file's extents faintly, metadata blocks marked, and every
 * request drawn where it lands, coloured by where it is (plug, queue, served) and numbered in disk order.
 */
public final class DiskCanvas extends Region {
    private final ResizableCanvas canvas = new ResizableCanvas(this::draw);
    private final Palette palette;
    private final DoubleSupplier em;
    private RunState state;
    private long firstBlock;
    private long lastBlock;
    private int selectedRequest;

    public DiskCanvas(Palette palette, DoubleSupplier em) {
        this.palette = palette;
        this.em = em;
        getChildren().add(canvas);
    }

    @Override
    protected void layoutChildren() {
        canvas.resizeRelocate(0, 0, getWidth(), getHeight());
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

    private double x(double block, double w) {
        return (block - firstBlock) / (double) (lastBlock - firstBlock + 1) * w;
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(palette.color("panel-bg"));
        g.fillRect(0, 0, w, h);
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
            g.setFill(palette.color("extent-" + (i++ % 4 + 1)).deriveColor(0, 0.5, 1.2, 0.45));
            g.fillRect(x(ext.physical(), w), top, Math.max(1, x(ext.physical() + ext.count(), w)
                    - x(ext.physical(), w)), barH);
        }
        for (Layout.MetadataBlock m : layout.file().metadata()) {
            g.setFill(palette.color("metadata"));
            g.fillRect(x(m.block(), w), top, Math.max(2, x(m.block() + 1, w) - x(m.block(), w)), barH * 0.3);
        }
        g.setFont(Font.font(null, FontWeight.BOLD, e * 0.85));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int id = 1; id <= state.requestCount(); id++) {
            RequestView r = state.request(id);
            if (RequestView.MERGED.equals(r.place())) {
                continue;
            }
            String colour = RequestView.SERVED.equals(r.place()) ? "request-served"
                    : RequestView.PLUG.equals(r.place()) ? "request-plugged" : "request-queued";
            double x0 = x((double) r.sector() / sectorsPerBlock, w);
            double x1 = x((double) (r.sector() + r.sectors()) / sectorsPerBlock, w);
            double rw = Math.max(2, x1 - x0);
            double y = top + barH * 0.35;
            double rh = barH * 0.6;
            g.setFill(palette.color(colour));
            g.fillRect(x0, y, rw, rh);
            if (id == selectedRequest) {
                g.setStroke(palette.color("highlight"));
                g.setLineWidth(3);
                g.strokeRect(x0, y, rw, rh);
            }
            if (RequestView.SERVED.equals(r.place()) && rw > e * 0.9) {
                g.setFill(Color.BLACK);
                g.fillText(String.valueOf(r.servedOrder()), x0 + rw / 2, y + rh / 2);
            }
        }
        g.setFill(palette.color("text-muted"));
        g.setFont(Font.font(e * 0.75));
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("block " + firstBlock, 2, e * 0.55);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("block " + lastBlock, w - 2, e * 0.55);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("extents  \u25A0 metadata  numbers: order the disk served", 2, h - e * 0.55);
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
