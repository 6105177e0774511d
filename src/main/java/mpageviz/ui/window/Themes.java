package mpageviz.ui.window;

import java.util.prefs.Preferences;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;

import mpageviz.ui.Resources;

/**
 * The window's themes and View's theme items. A theme is one stylesheet of looked-up colours next to base.css;
 * switching swaps that sheet, redraws (canvases read their colours from CSS) and remembers the choice for the
 * next launch.
 */
final class Themes {
    static final String[] FILES = {"theme-light.css", "theme-dark.css", "theme-projector.css"};
    private static final String KEY = "theme";

    private final Parent root;
    private final ToggleGroup group;
    private final Preferences prefs;
    private final Runnable redraw;
    private String current;

    /**
     * Ties {@code items} (light, dark, projector, as {@link #FILES}) to their sheets; {@code redraw} runs after
     * each switch, once the new sheet's CSS is applied.
     */
    Themes(Parent root, ToggleGroup group, Preferences prefs, Runnable redraw, RadioMenuItem... items) {
        this.root = root;
        this.group = group;
        this.prefs = prefs;
        this.redraw = redraw;
        for (int i = 0; i < items.length; i++) {
            items[i].setUserData(FILES[i]);
        }
        group.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null && !b.getUserData().equals(current)) {
                apply((String) b.getUserData(), true);
            }
        });
    }

    /** The theme chosen last time (light the first time); once the root has its scene. */
    void applySaved() {
        apply(prefs.get(KEY, FILES[0]), false);
    }

    /** Swaps the theme sheet (base.css stays) and redraws; {@code remember} saves the choice. */
    void apply(String theme, boolean remember) {
        Scene scene = root.getScene();
        if (scene == null) {
            return;
        }
        current = theme;
        scene.getStylesheets().setAll(Resources.stylesheet("base.css"), Resources.stylesheet(theme));
        if (remember) {
            prefs.put(KEY, theme);
        }
        for (Toggle t : group.getToggles()) {
            if (theme.equals(t.getUserData())) {
                t.setSelected(true);
            }
        }
        root.applyCss();
        redraw.run();
    }
}
