package mpageviz.ui.panel;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Control;

/**
 * Gives a list a fixed row height that follows the theme's font size. Without it a list of millions of rows
 * measures rows one by one when it scrolls; with it, scrolling to any row costs the same.
 */
final class FixedRows {
    private FixedRows() {
    }

    static void apply(ListView<?> list, Control fontSource) {
        list.fixedCellSizeProperty().bind(Bindings.createDoubleBinding(() -> Math.ceil(size(fontSource) * 1.75),
                fontProperty(fontSource)));
    }

    private static double size(Control c) {
        if (c instanceof Labeled) {
            return ((Labeled) c).getFont().getSize();
        }
        return ((TextInputControl) c).getFont().getSize();
    }

    private static javafx.beans.Observable fontProperty(Control c) {
        return c instanceof Labeled ? ((Labeled) c).fontProperty() : ((TextInputControl) c).fontProperty();
    }
}
