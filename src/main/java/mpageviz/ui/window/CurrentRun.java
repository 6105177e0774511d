package mpageviz.ui.window;

import java.nio.file.Path;
import java.util.function.Consumer;

import javafx.scene.control.Label;

import mpageviz.layout.Layout;
import mpageviz.trace.Trace;
import mpageviz.ui.panel.StatsPanelController;
import mpageviz.ui.run.PlaybackModel;
import mpageviz.ui.run.Selection;
import mpageviz.ui.run.Session;
import mpageviz.view.PageBytes;

/**
 * The run the window shows and how it was started (layout file, disk image, name), so that Rerun, Run on a disk
 * image and Operation and block layer can start it again with one thing changed. Every run the window starts,
 * live or replayed, comes through here: the selection is cleared, the hex view reads the run's disk, the model
 * gets the new session and the old one is closed.
 */
final class CurrentRun {
    private final PlaybackModel model;
    private final Selection selection;
    private final StatsPanelController stats;
    private final Label titleLabel;
    private final Consumer<Path> layoutFileOpened;
    private Path layoutFile;
    private Path image;
    private String name = "";

    /** {@code layoutFileOpened} hears of each run started from a layout file (File ▸ Open recent). */
    CurrentRun(PlaybackModel model, Selection selection, StatsPanelController stats, Label titleLabel,
            Consumer<Path> layoutFileOpened) {
        this.model = model;
        this.selection = selection;
        this.stats = stats;
        this.titleLabel = titleLabel;
        this.layoutFileOpened = layoutFileOpened;
    }

    /** The name the run was started under (a file name, a sample, IMAGE:PATH). */
    String name() {
        return name;
    }

    /** Starts a live run of a layout ({@code file} null for a built-in sample) on its image or {@code image}. */
    void show(Layout layout, Path file, Path imageOverride, String runName) {
        Session old = model.session();
        Session s = Session.live(layout, imageOverride, PlaybackModel.LOOKAHEAD);
        this.layoutFile = file;
        this.image = imageOverride;
        this.name = runName;
        selection.selectPage(-1);
        selection.selectRequest(0);
        selection.selectBio(0);
        stats.setDisk(disk(layout, imageOverride));
        model.setSession(s);
        if (old != null) {
            old.close();
        }
        titleLabel.setText(runName + ": " + layout.title());
        if (file != null) {
            layoutFileOpened.accept(file);
        }
    }

    /** Replays a recorded trace; nothing runs. */
    void replay(Trace trace, String runName) {
        Session old = model.session();
        this.layoutFile = null;
        this.image = null;
        this.name = runName;
        stats.setDisk(disk(trace.layout(), null));
        model.setSession(Session.replay(trace));
        if (old != null) {
            old.close();
        }
        titleLabel.setText(runName + " (replay): " + trace.layout().title());
    }

    /** The same layout, file, image and name from step 0. */
    void rerun() {
        show(model.session().layout(), layoutFile, image, name);
    }

    /** The same layout on another disk image. */
    void runOnImage(Path otherImage) {
        Layout l = model.session().layout();
        show(l, layoutFile, otherImage, name + " on " + otherImage.getFileName());
    }

    /** A changed copy of the layout (Operation and block layer), on the same image; it has no file. */
    void runEdited(Layout edited) {
        show(edited, null, image, name + " (edited)");
    }

    /** Where the hex view reads disk bytes: the synthetic stamps, or the image file itself. */
    private static PageBytes.Disk disk(Layout layout, Path imageOverride) {
        Path img = imageOverride != null ? imageOverride : layout.imagePath();
        return img == null ? PageBytes.synthetic(layout.geometry().blockSize()) : PageBytes.image(img);
    }
}
