package mpageviz.ui.builder;

import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;

/**
 * Two-way wiring of the builder's simple controls to the model: a text field commits on Enter or when it loses
 * focus and shows the model's value again after undo; text that does not parse goes to {@link ProblemMarks}.
 */
final class FieldBinder {
    private final ProblemMarks marks;
    // True while a combo box is being set from the model, so its action does not echo back as an edit.
    private boolean showing;

    FieldBinder(ProblemMarks marks) {
        this.marks = marks;
    }

    /** A text field that commits on Enter or when it loses focus, and shows the model's value. */
    void text(TextField f, String path, Supplier<String> show, Consumer<String> commit) {
        marks.register(path, f);
        f.setUserData(show);
        UndoKeys.show(f, show.get());
        f.setOnAction(e -> parsed(f, commit));
        f.focusedProperty().addListener((o, was, now) -> {
            if (!now && !f.getText().equals(show.get())) {
                parsed(f, commit);
            }
        });
    }

    /** Shows a {@link #text} field's model value again whenever {@code value} changes. */
    void refreshOn(TextField f, ObservableValue<?> value) {
        value.addListener(o -> refresh(f));
    }

    @SuppressWarnings("unchecked")
    void refresh(TextField f) {
        UndoKeys.show(f, ((Supplier<String>) f.getUserData()).get());
        marks.unparsed(f, null);
    }

    /** Hands a text field's text to {@code commit}; text it refuses is marked on the field. */
    void parsed(Node f, Consumer<String> commit) {
        try {
            TextField field = (TextField) f;
            commit.accept(field.getText());
            UndoKeys.committed(field);
            marks.unparsed(f, null);
        } catch (IllegalArgumentException e) {
            marks.unparsed(f, e.getMessage());
        }
    }

    void combo(ComboBox<Integer> box, String path, ObservableValue<Number> value, Consumer<Integer> set) {
        marks.register(path, box);
        box.setValue(value.getValue().intValue());
        value.addListener((o, was, now) -> {
            showing = true;
            box.setValue(now.intValue());
            showing = false;
        });
        box.setOnAction(e -> {
            if (!showing && box.getValue() != null) {
                set.accept(box.getValue());
            }
        });
    }

    void check(CheckBox box, ObservableValue<Boolean> value, Consumer<Boolean> set) {
        box.setSelected(value.getValue());
        value.addListener((o, was, now) -> box.setSelected(now));
        box.setOnAction(e -> set.accept(box.isSelected()));
    }
}
