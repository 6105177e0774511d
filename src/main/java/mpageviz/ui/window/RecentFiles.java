package mpageviz.ui.window;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.prefs.Preferences;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;

/**
 * File ▸ Open recent: the last layout files opened, newest first, kept in the user's preferences so they outlive
 * the window. The menu is greyed out while the list is empty.
 */
final class RecentFiles {
    private static final int MAX_RECENT = 8;
    private static final String KEY = "recent";

    private final Menu menu;
    private final Preferences prefs;
    private final Consumer<Path> open;

    /** Fills {@code menu} from {@code prefs}; choosing an item calls {@code open} with its file. */
    RecentFiles(Menu menu, Preferences prefs, Consumer<Path> open) {
        this.menu = menu;
        this.prefs = prefs;
        this.open = open;
        rebuild();
    }

    /** Puts {@code file} first (once), drops the oldest beyond eight, saves the list and redraws the menu. */
    void remember(Path file) {
        List<String> recent = new ArrayList<>(List.of(prefs.get(KEY, "").split("\n")));
        recent.removeIf(s -> s.isBlank() || s.equals(file.toAbsolutePath().toString()));
        recent.add(0, file.toAbsolutePath().toString());
        while (recent.size() > MAX_RECENT) {
            recent.remove(recent.size() - 1);
        }
        prefs.put(KEY, String.join("\n", recent));
        rebuild();
    }

    private void rebuild() {
        menu.getItems().clear();
        for (String s : prefs.get(KEY, "").split("\n")) {
            if (!s.isBlank()) {
                MenuItem item = new MenuItem(s);
                item.setOnAction(e -> open.accept(Path.of(s)));
                menu.getItems().add(item);
            }
        }
        menu.setDisable(menu.getItems().isEmpty());
    }
}
