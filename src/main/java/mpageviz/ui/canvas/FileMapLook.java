package mpageviz.ui.canvas;

import java.util.Arrays;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * How a file's block map looks wherever it is drawn (the run's file map, the builder's paint canvas): holes
 * hatched, extents in the four extent colours, and a translucent band from an extent's logical blocks to the disk
 * blocks that hold them (the mapping get_block reports).
 */
public final class FileMapLook {
    /** Pixels between the hatch lines of a hole. */
    private static final double HATCH = 6;

    private FileMapLook() {
    }

    /** The colour of the i-th extent (the palette has four; they repeat). */
    public static Color extentColour(Palette palette, int i) {
        return palette.color("extent-" + (Math.floorMod(i, 4) + 1));
    }

    /**
     * Hatches a rectangle as a hole: the grid colour crossed by diagonal lines. The lines sit on a grid fixed to
     * the canvas, so holes drawn piece by piece still line up.
     */
    public static void hatch(GraphicsContext g, Palette palette, double x, double y, double w, double h) {
        if (w <= 0 || h <= 0) {
            return;
        }
        g.setFill(palette.color("grid"));
        g.fillRect(x, y, w, h);
        g.save();
        g.beginPath();
        g.rect(x, y, w, h);
        g.clip();
        g.setStroke(palette.color("hole"));
        g.setLineWidth(1);
        for (double sx = Math.floor((x - h) / HATCH) * HATCH; sx < x + w; sx += HATCH) {
            g.strokeLine(sx, y + h, sx + h, y);
        }
        g.restore();
    }

    /**
     * A band from logical pixels {@code x0..x1} at {@code top} down to disk pixels {@code b0..b1} at
     * {@code bottom}, in the extent's colour made translucent, cut to {@code minX..maxX} first so that a band
     * whose far end lies thousands of screens away is still drawn with small numbers.
     */
    public static void band(GraphicsContext g, Color colour, double alpha, double x0, double x1, double top,
                            double b0, double b1, double bottom, double minX, double maxX) {
        double[] xs = {x0, x1, b1, b0};
        double[] ys = {top, top, bottom, bottom};
        double[][] left = clip(xs, ys, 4, minX, true);
        double[][] both = clip(left[0], left[1], left[0].length, maxX, false);
        if (both[0].length < 3) {
            return;
        }
        g.setFill(colour.deriveColor(0, 1, 1, alpha));
        g.fillPolygon(both[0], both[1], both[0].length);
    }

    // One Sutherland-Hodgman step: keeps the part of the polygon on one side of the vertical line x = edge.
    private static double[][] clip(double[] xs, double[] ys, int n, double edge, boolean keepRight) {
        double[] ox = new double[n * 2];
        double[] oy = new double[n * 2];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            boolean in = keepRight ? xs[i] >= edge : xs[i] <= edge;
            boolean nextIn = keepRight ? xs[j] >= edge : xs[j] <= edge;
            if (in) {
                ox[m] = xs[i];
                oy[m++] = ys[i];
            }
            if (in != nextIn) {
                double t = (edge - xs[i]) / (xs[j] - xs[i]);
                ox[m] = edge;
                oy[m++] = ys[i] + t * (ys[j] - ys[i]);
            }
        }
        return new double[][] {Arrays.copyOf(ox, m), Arrays.copyOf(oy, m)};
    }

    /** Text colour that reads on {@code background}: near-black on light fills, near-white on dark ones. */
    public static Color ink(Color background) {
        double luma = 0.2126 * background.getRed() + 0.7152 * background.getGreen() + 0.0722 * background.getBlue();
        return luma > 0.5 ? Color.rgb(20, 20, 20) : Color.rgb(245, 245, 245);
    }

    /** The smallest step of the 1-2-5 series (1, 2, 5, 10, 20, ...) that is at least {@code min}. */
    public static long niceStep(double min) {
        long step = 1;
        while (true) {
            for (long f : new long[] {1, 2, 5}) {
                if (step * f >= min) {
                    return step * f;
                }
            }
            if (step > Long.MAX_VALUE / 100) {
                return step * 10;
            }
            step *= 10;
        }
    }
}
