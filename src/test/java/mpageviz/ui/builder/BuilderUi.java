package mpageviz.ui.builder;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the builder's tests read off the window and the table editing a hand does, in one place. */
final class BuilderUi {
    private BuilderUi() {
    }

    @SuppressWarnings("unchecked")
    static List<String> problems(FxRobot robot) {
        return robot.lookup("#problemsList").queryAs(ListView.class).getItems();
    }

    static boolean runDisabled(FxRobot robot) {
        return robot.lookup("#runButton").queryAs(Button.class).isDisabled();
    }

    static boolean marked(FxRobot robot, String id) {
        return robot.lookup(id).query().getPseudoClassStates().contains(LayoutBuilderWindow.PROBLEM);
    }

    static TableView<?> table(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TableView.class);
    }

    /** The visible, non-empty cell of a column at a row. */
    static TableCell<?, ?> cell(FxRobot robot, TableColumn<?, ?> col, int row) {
        return robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getTableColumn() == col && c.getTableRow() != null
                        && c.getTableRow().getIndex() == row && !c.isEmpty())
                .findFirst().orElseThrow(() -> new AssertionError("no cell " + col.getText() + " row " + row));
    }

    /** A table's column by its place among the leaf columns (nested headers do not count). */
    static TableColumn<?, ?> column(FxRobot robot, String tableId, int leaf) {
        return table(robot, tableId).getVisibleLeafColumn(leaf);
    }

    /** Double-clicks a table cell (column counted among leaf columns), types a value and commits with Enter. */
    static void editCell(FxRobot robot, String tableId, int column, int row, String value) throws Exception {
        TableCell<?, ?> cell = cell(robot, column(robot, tableId, column), row);
        robot.doubleClickOn(cell);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, cell::isEditing);
        robot.write(value).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Types into a text field after clearing it, and commits with Enter. */
    static void type(FxRobot robot, String fieldId, String value) {
        robot.doubleClickOn(fieldId).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write(value).type(KeyCode.ENTER);
    }

    static void shortcut(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
    }
}
