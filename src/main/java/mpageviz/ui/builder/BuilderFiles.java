package mpageviz.ui.builder;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import mpageviz.layout.AtomicFile;
import mpageviz.layout.LayoutException;
import mpageviz.ui.samples.SampleCatalog;

/**
 * The builder's file commands: New, Open, the Samples menu, Save and Save as, with the file chooser and the
 * "unsaved layout" question before anything replaces unsaved edits. Results and errors go to the status line.
 */
final class BuilderFiles {
    private final BuilderModel model;
    private final Stage stage;
    private final Label statusLabel;
    private final MenuButton samplesButton;
    // Fits the paint canvas to a layout just loaded.
    private final Runnable fitToLayout;

    BuilderFiles(BuilderModel model, Stage stage, Label statusLabel, MenuButton samplesButton,
            Runnable fitToLayout) {
        this.model = model;
        this.stage = stage;
        this.statusLabel = statusLabel;
        this.samplesButton = samplesButton;
        this.fitToLayout = fitToLayout;
    }

    /** New: a blank layout, once the unsaved one may go. */
    void newLayout() {
        if (mayDiscard()) {
            model.replace(BuilderModel.blank(), null);
            fitToLayout.run();
            showStatus("new layout: paint its blocks on the Paint tab or add extents on the Block map tab");
        }
    }

    /** Open: a layout file the user picks, once the unsaved one may go. */
    void open() {
        if (!mayDiscard()) {
            return;
        }
        File f = chooser("Open a layout").showOpenDialog(stage);
        if (f != null) {
            openFile(f.toPath());
        }
    }

    /** Save: to the file the layout came from, or ask where when it has none (a sample, a new layout). */
    boolean save() {
        Path file = model.fileProperty().get();
        return file == null ? saveAs() : saveFile(file);
    }

    /** Save as: to a file the user picks, starting beside the current one. */
    boolean saveAs() {
        FileChooser c = chooser("Save the layout");
        Path current = model.fileProperty().get();
        if (current != null && current.getParent() != null) {
            c.setInitialDirectory(current.getParent().toFile());
            c.setInitialFileName(current.getFileName().toString());
        }
        File f = c.showSaveDialog(stage);
        return f != null && saveFile(f.toPath());
    }

    private FileChooser chooser(String title) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Layouts", "*.layout.json"));
        return c;
    }

    /** Fills the Samples menu with the shipped samples. */
    void fillSamples() {
        for (SampleCatalog.Sample sample : SampleCatalog.list()) {
            MenuItem item = new MenuItem(sample.name().replace(".layout.json", "") + "  " + sample.title());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> openSample(sample.name()));
            samplesButton.getItems().add(item);
        }
    }

    /** Opens one of the shipped samples to edit; Save then asks where to put the copy. */
    void openSample(String name) {
        if (!mayDiscard()) {
            return;
        }
        try {
            model.replace(SampleCatalog.load(name), null);
            fitToLayout.run();
            showStatus("sample " + name + ": Save asks where to keep your version");
        } catch (IOException | LayoutException e) {
            showStatus("cannot open sample " + name + ": " + e.getMessage());
        }
    }

    /** Opens a layout file in the builder (the Open button after its chooser); errors go to the status line. */
    void openFile(Path file) {
        try {
            model.open(file);
            fitToLayout.run();
            showStatus("opened " + file.getFileName());
        } catch (LayoutException e) {
            showStatus(e.getMessage());
        }
    }

    /** Saves the layout (Save and Save as after their chooser); errors go to the status line. */
    boolean saveFile(Path file) {
        try {
            keepSampleImageBeside(file);
            model.save(file);
            showStatus("saved " + file.getFileName());
            return true;
        } catch (IOException e) {
            showStatus("cannot save " + file + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * A sample's image lives in a temporary copy that is deleted at exit, so a sample saved as a layout of the
     * user's own takes the image along: copied to the same relative path beside the layout, unless an identical
     * file is already there. A different file there is left alone and the save refused.
     */
    private void keepSampleImageBeside(Path file) throws IOException {
        Path image = model.imagePath();
        String relative = model.toLayout().device().image();
        if (image == null || !SampleCatalog.isTemporaryImage(image) || Path.of(relative).isAbsolute()) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        Path beside = dir.resolve(relative).normalize();
        if (!Files.exists(beside)) {
            Files.createDirectories(beside.getParent());
            AtomicFile.write(beside, out -> Files.copy(image, out));
        } else if (Files.mismatch(beside, image) != -1) {
            throw new IOException(beside + " already exists and is not the sample's image; not overwritten");
        }
        model.rebase(dir);
    }

    /**
     * Whether the layout may be replaced or the window closed: yes when nothing is unsaved; otherwise the user
     * chooses to save (which must succeed), discard, or cancel.
     */
    boolean mayDiscard() {
        if (!model.unsavedProperty().get()) {
            return true;
        }
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard changes", ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", save, discard, ButtonType.CANCEL);
        alert.initOwner(stage);
        alert.setTitle("Unsaved layout");
        alert.setHeaderText("\"" + model.titleProperty().get() + "\" has changes that are not saved.");
        Path file = model.fileProperty().get();
        alert.setContentText(file == null ? "Save them to a file first?" : "Save them to " + file.getFileName()
                + " first?");
        alert.getDialogPane().getStylesheets().setAll(stage.getScene().getStylesheets());
        ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == save) {
            return save();
        }
        return answer == discard;
    }

    private void showStatus(String text) {
        statusLabel.setText(text);
    }
}
