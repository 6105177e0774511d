package mpageviz.ui.canvas;

import java.util.function.DoubleSupplier;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import mpageviz.view.RequestView;
import mpageviz.view.RunState;

/** Sector against request order: a rising line is sequential I/O, every jump back is a seek. */
public final class SeekPlotCanvas extends CanvasView {
    private RunState state;

    public SeekPlotCanvas(Palette palette, DoubleSupplier em) {
        super(palette, em);
    }

    public void show(RunState s) {
        this.state = s;
        draw();
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
        int n = state.servedCount();
        java.util.List<Integer> served = state.served();
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int id = 1; id <= state.requestCount(); id++) {
            RequestView r = state.request(id);
            lo = Math.min(lo, r.sector());
            hi = Math.max(hi, r.sector() + r.sectors());
        }
        double left = e * 0.5;
        double bottom = h - e * 0.4;
        double plotH = Math.max(1, bottom - e * 0.4);
        g.setStroke(palette.color("grid"));
        g.setLineWidth(1);
        g.strokeLine(left, bottom, w, bottom);
        g.strokeLine(left, e * 0.4, left, bottom);
        if (n == 0) {
            g.setFill(palette.color("text-muted"));
            g.setFont(Font.font(e * 0.8));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("no request served yet", w / 2, h / 2);
            return;
        }
        double span = Math.max(1, hi - lo);
        double dx = (w - left - e) / Math.max(1, n);
        double prevX = -1;
        double prevY = -1;
        g.setLineWidth(2);
        for (int i = 0; i < n; i++) {
            RequestView r = state.request(served.get(i));
            double x = left + dx * (i + 0.5);
            double y0 = bottom - (r.sector() - lo) / span * plotH;
            double y1 = bottom - (r.sector() + r.sectors() - lo) / span * plotH;
            if (prevX >= 0) {
                g.setStroke(palette.color("text-muted"));
                g.strokeLine(prevX, prevY, x, y0);
            }
            g.setStroke(palette.color("request-served"));
            g.setLineWidth(Math.max(3, Math.min(e * 0.6, dx * 0.5)));
            g.strokeLine(x, y0, x, Math.min(y0 - 2, y1));
            g.setLineWidth(2);
            prevX = x;
            prevY = Math.min(y0 - 2, y1);
        }
    }
}
