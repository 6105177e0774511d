package mpageviz.ui.window;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

import mpageviz.layout.AtomicFile;

/**
 * Pictures of the window or of one panel as PNG files, for slides and notes: File ▸ Save window as PNG and
 * File ▸ Save a panel as PNG. A file is written whole or not at all; a failure is reported, never thrown.
 */
final class PngSnapshots {
    private final FileChoosers choosers;
    private final StatusLine status;

    /** Fills {@code panelMenu} with one item per entry of {@code panels} (menu name to node). */
    PngSnapshots(Menu panelMenu, Map<String, ? extends Node> panels, FileChoosers choosers, StatusLine status) {
        this.choosers = choosers;
        this.status = status;
        panels.forEach((name, node) -> {
            MenuItem item = new MenuItem(name + "...");
            item.setOnAction(e -> {
                Path f = choosers.save("Save the " + name + " panel as PNG", "png", name.replace(' ', '-') + ".png");
                if (f != null) {
                    save(node, f);
                }
            });
            panelMenu.getItems().add(item);
        });
    }

    /** Asks where, then saves {@code window} (the main window's root). */
    void saveWindow(Node window) {
        Path f = choosers.save("Save the window as PNG", "png", "mpage-visualizer.png");
        if (f != null) {
            save(window, f);
        }
    }

    /** Saves a node (the window or one panel) as a PNG, through a temporary file. */
    void save(Node node, Path file) {
        try {
            WritableImage img = node.snapshot(null, null);
            BufferedImage png = SwingFXUtils.fromFXImage(img, null);
            AtomicFile.write(file, out -> ImageIO.write(png, "png", out));
        } catch (IOException | RuntimeException e) {
            status.showError("Cannot save " + file.getFileName(), e);
        }
    }
}
