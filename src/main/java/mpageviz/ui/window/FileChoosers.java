package mpageviz.ui.window;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Supplier;

import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The open, save and folder choosers of the main window's menus, each owned by the window and answering a
 * {@link Path} or null when the user cancels. One place, so every chooser filters and titles alike.
 */
final class FileChoosers {
    private final Supplier<Window> owner;

    /** {@code owner} is asked each time: the window has no stage until its scene is shown. */
    FileChoosers(Supplier<Window> owner) {
        this.owner = owner;
    }

    /** A file to read, filtered by {@code extensions} (".layout.json") and then "all files". */
    Path open(String title, String... extensions) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        for (String ext : extensions) {
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext, "*" + ext));
        }
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("all files", "*"));
        return toPath(fc.showOpenDialog(owner.get()));
    }

    Path folder(String title) {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle(title);
        return toPath(dc.showDialog(owner.get()));
    }

    /** A file to write, of one extension ("png", without the dot), proposing {@code suggested}. */
    Path save(String title, String ext, String suggested) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.setInitialFileName(suggested);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext, "*." + ext));
        return toPath(fc.showSaveDialog(owner.get()));
    }

    private static Path toPath(File f) {
        return f == null ? null : f.toPath();
    }
}
