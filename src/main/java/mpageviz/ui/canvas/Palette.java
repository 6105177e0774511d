package mpageviz.ui.canvas;

import java.util.HashMap;
import java.util.Map;

import javafx.scene.Group;
import javafx.scene.layout.Background;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * The theme's colours for canvases, read from CSS: each token has a hidden swatch region styled by base.css
 * ({@code .mv-swatch-NAME}), so a canvas follows the theme like any node does.
 */
public final class Palette {
    private final Group swatches = new Group();
    private final Map<String, Region> regions = new HashMap<>();
    private final Map<String, Color> cache = new HashMap<>();

    /** Hangs the hidden swatches on {@code host}, which must be in the themed scene. */
    public Palette(Pane host) {
        swatches.setManaged(false);
        swatches.setVisible(false);
        host.getChildren().add(swatches);
    }

    /** Forget cached colours (after a theme change). */
    public void refresh() {
        cache.clear();
    }

    public Color color(String name) {
        return cache.computeIfAbsent(name, this::read);
    }

    private Color read(String name) {
        Region r = regions.computeIfAbsent(name, n -> {
            Region region = new Region();
            region.getStyleClass().add("mv-swatch-" + n);
            swatches.getChildren().add(region);
            return region;
        });
        r.applyCss();
        Background bg = r.getBackground();
        if (bg != null && !bg.getFills().isEmpty()) {
            Paint p = bg.getFills().get(0).getFill();
            if (p instanceof Color) {
                return (Color) p;
            }
        }
        return Color.GRAY;
    }
}
