package mpageviz.ui.builder;

import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * Ctrl+Z / Ctrl+Y (Ctrl+Shift+Z) undo and redo layout edits even when a text field has the focus, since a field
 * commits its text as soon as it is entered. Only a field holding text not yet committed keeps the keys, to take
 * back its own typing first; so every text the builder shows from the model is remembered here as committed.
 */
final class UndoKeys {
    // Key of a text control's properties: the text last shown from (or committed to) the model.
    private static final String SHOWN = "mpageviz.builder.shown";
    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REDO_SHIFT = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final BuilderModel model;
    private final Stage stage;

    UndoKeys(BuilderModel model, Stage stage) {
        this.model = model;
        this.stage = stage;
    }

    /** The scene's key-pressed filter. */
    void handle(KeyEvent e) {
        boolean undo = UNDO.match(e);
        boolean redo = REDO.match(e) || REDO_SHIFT.match(e);
        if (!undo && !redo) {
            return;
        }
        Node focus = stage.getScene().getFocusOwner();
        if (focus instanceof TextInputControl t && hasUncommittedText(t)) {
            return;
        }
        if (undo) {
            model.undo();
        } else {
            model.redo();
        }
        e.consume();
    }

    /** Whether a text control holds typing the model has not taken yet. */
    private static boolean hasUncommittedText(TextInputControl t) {
        Object shown = t.getProperties().get(SHOWN);
        // Controls the builder does not fill from the model (a table cell being edited) keep their own undo.
        return shown == null ? t.isUndoable() : !t.getText().equals(shown);
    }

    /** Sets a control's text from the model and remembers it as committed. */
    static void show(TextInputControl t, String text) {
        t.setText(text);
        t.getProperties().put(SHOWN, text);
    }

    /** Remembers a control's current text as committed: the model has just taken it. */
    static void committed(TextInputControl t) {
        t.getProperties().put(SHOWN, t.getText());
    }
}
