package mpageviz.ui.window;

import java.util.function.Supplier;

import javafx.scene.control.Button;
import javafx.stage.Window;

import org.controlsfx.control.StatusBar;
import org.controlsfx.dialog.ExceptionDialog;

import mpageviz.layout.LayoutException;
import mpageviz.ui.run.Jobs;
import mpageviz.ui.run.PlaybackModel;

/**
 * The main window's status bar: the key hint, the playback model's status (why playback stopped), a running job's
 * message and progress with its Cancel button, and errors, which also open a dialog. While a job runs its message
 * owns the bar; the model's status comes back when it ends.
 */
final class StatusLine {
    private final StatusBar statusBar;
    private final PlaybackModel model;
    private final Supplier<Window> owner;

    StatusLine(StatusBar statusBar, PlaybackModel model, Jobs jobs, Supplier<Window> owner) {
        this.statusBar = statusBar;
        this.model = model;
        this.owner = owner;
        model.statusProperty().addListener((o, a, b) -> {
            if (!statusBar.textProperty().isBound()) {
                statusBar.setText(b.isEmpty() ? hint() : b);
            }
        });
        statusBar.setText(hint());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelJobButton");
        cancel.setVisible(false);
        cancel.setOnAction(e -> {
            if (jobs.currentProperty().get() != null) {
                jobs.currentProperty().get().cancel();
            }
        });
        statusBar.getRightItems().add(cancel);
        jobs.currentProperty().addListener((o, a, task) -> {
            statusBar.progressProperty().unbind();
            statusBar.textProperty().unbind();
            cancel.setVisible(task != null);
            if (task != null) {
                statusBar.progressProperty().bind(task.progressProperty());
                statusBar.textProperty().bind(task.messageProperty());
            } else {
                statusBar.setProgress(0);
                statusBar.setText(model.statusProperty().get().isEmpty() ? hint() : model.statusProperty().get());
            }
        });
    }

    static String hint() {
        return "Space play/pause   \u2190 \u2192 step   Shift page   Ctrl bio   Alt get_block   Home/End   F5 to "
                + "breakpoint   F1 help";
    }

    /** A one-line message (a job's outcome, a bad entry) until the next status replaces it. */
    void say(String text) {
        statusBar.setText(text);
    }

    /**
     * Pauses playback, puts the error's first line in the bar and opens a dialog with the whole message (a layout's
     * problems one per line) and the stack trace.
     */
    void showError(String title, Throwable error) {
        Throwable e = error;
        String message = e instanceof LayoutException ? String.join("\n", ((LayoutException) e).problems())
                : e.getMessage() == null ? e.toString() : e.getMessage();
        model.pause();
        statusBar.setText(title + ": " + message.lines().findFirst().orElse(""));
        ExceptionDialog dialog = new ExceptionDialog(e);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.setContentText(message);
        dialog.initOwner(owner.get());
        dialog.getDialogPane().setId("errorDialog");
        dialog.show();
    }
}
