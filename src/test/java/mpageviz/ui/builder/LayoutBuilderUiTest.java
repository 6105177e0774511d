package mpageviz.ui.builder;

import static mpageviz.ui.builder.BuilderUi.cell;
import static mpageviz.ui.builder.BuilderUi.marked;
import static mpageviz.ui.builder.BuilderUi.problems;
import static mpageviz.ui.builder.BuilderUi.runDisabled;
import static mpageviz.ui.builder.BuilderUi.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import mpageviz.layout.Layout;
import mpageviz.layout.Layout.Extent;
import mpageviz.layout.LayoutReader;
import mpageviz.layout.LayoutWriter;
import mpageviz.layout.RunSpec;

/**
 * The layout builder on sample 07, driven through its table, fields, buttons and keys under headless Monocle;
 * assertions are about what the user sees: table rows, the problems list, red borders, the Run button.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutBuilderUiTest {
    private static final Path SAMPLE = Path.of("samples/07-boundary.layout.json");
    private final List<Layout> runs = new ArrayList<>();
    private LayoutBuilderWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = LayoutBuilderWindow.open(stage, LayoutReader.read(SAMPLE), runs::add);
    }

    @SuppressWarnings("unchecked")
    private static TableView<Extent> extents(FxRobot robot) {
        return (TableView<Extent>) table(robot, "#extentsTable");
    }

    /** Edits a cell of the extents table. */
    private static void editCell(FxRobot robot, int row, int column, String value) throws Exception {
        BuilderUi.editCell(robot, "#extentsTable", column, row, value);
    }

    @Test
    void sample_opensValid_withItsExtentsAndRunOn(FxRobot robot) {
        robot.clickOn("Block map");
        assertEquals(2, extents(robot).getItems().size());
        assertTrue(problems(robot).isEmpty());
        assertFalse(runDisabled(robot));
        assertTrue(robot.lookup("#undoButton").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#notesArea").queryAs(TextArea.class).getText().startsWith("The example of mpage.c"));
        assertEquals("ext2 BH_Boundary: indirect block read in order — layout builder", window.stage().getTitle());
    }

    @Test
    void editExtents_overlapShowsMessage_fixUndoRedoSaveReopenRun(FxRobot robot, @TempDir Path dir)
            throws Exception {
        robot.clickOn("Block map");
        robot.clickOn("#addExtentButton");
        assertEquals(new Extent(16, 1017, 1), extents(robot).getItems().get(2));

        // Put the new extent on disk blocks the first extent already uses.
        editCell(robot, 2, 1, "1005");
        assertEquals(new Extent(16, 1005, 1), extents(robot).getItems().get(2));
        assertTrue(problems(robot).stream().anyMatch(p -> p.startsWith("file.extents[2]: overlaps extents[0]")),
                problems(robot).toString());
        assertTrue(runDisabled(robot));
        assertTrue(marked(robot, "#extentsTable"));

        // Fix it by moving the extent elsewhere.
        editCell(robot, 2, 1, "2000");
        assertTrue(problems(robot).isEmpty(), problems(robot).toString());
        assertFalse(runDisabled(robot));
        assertFalse(marked(robot, "#extentsTable"));

        // Undo brings the overlap back; redo fixes it again.
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        assertEquals(1005, extents(robot).getItems().get(2).physical());
        assertTrue(runDisabled(robot));
        robot.clickOn("#redoButton");
        assertEquals(2000, extents(robot).getItems().get(2).physical());
        assertFalse(runDisabled(robot));

        // Save, then read the file back: the same layout.
        Path file = dir.resolve("edited.layout.json");
        robot.interact(() -> window.saveFile(file));
        Layout edited = window.model().toLayout();
        assertEquals(LayoutWriter.toJson(edited), LayoutWriter.toJson(LayoutReader.read(file)));
        robot.interact(() -> window.openFile(file));
        assertEquals(3, extents(robot).getItems().size());
        assertTrue(robot.lookup("#redoButton").queryAs(Button.class).isDisabled());

        robot.clickOn("#runButton");
        assertEquals(1, runs.size());
        assertEquals(new Extent(16, 2000, 1), runs.get(0).file().extents().get(2));
    }

    @Test
    void fileSizeField_badValueMarksField_andUndoRestores(FxRobot robot) {
        robot.clickOn("#fileSizeField").eraseText(5).write("x").type(KeyCode.ENTER);
        assertTrue(marked(robot, "#fileSizeField"));
        assertTrue(runDisabled(robot));
        robot.clickOn("#fileSizeField").eraseText(1).write("1").type(KeyCode.ENTER);
        assertEquals(1, window.model().toLayout().file().size());
        assertTrue(problems(robot).stream().anyMatch(p -> p.startsWith("run.")), problems(robot).toString());
        assertTrue(marked(robot, "#countField") || marked(robot, "#firstField"));
        robot.clickOn("#undoButton");
        assertEquals("16384", robot.lookup("#fileSizeField").queryAs(TextField.class).getText());
        assertTrue(problems(robot).isEmpty());
        assertFalse(runDisabled(robot));
    }

    @Test
    void pageCache_addPage_problemThenCheckBoxFixesIt_buffersAsText(FxRobot robot) throws Exception {
        robot.clickOn("Page cache");
        robot.clickOn("#pageIndexField").write("2").type(KeyCode.ENTER);
        TableView<?> pages = robot.lookup("#pageCacheTable").queryAs(TableView.class);
        assertEquals(1, pages.getItems().size());
        assertTrue(problems(robot).stream().anyMatch(p -> p.startsWith("pageCache[0]: page 2 is on the readpages")),
                problems(robot).toString());
        assertTrue(marked(robot, "#pageCacheTable"));
        assertTrue(runDisabled(robot));

        TableColumn<?, ?> cachedColumn = pages.getColumns().get(2);
        robot.clickOn(cell(robot, cachedColumn, 0).lookup(".check-box"));
        assertTrue(window.model().pageCache().get(0).alreadyCached());
        assertTrue(problems(robot).isEmpty(), problems(robot).toString());
        assertFalse(runDisabled(robot));

        robot.clickOn("Operation and block layer");
        robot.clickOn("#opBox").clickOn(RunSpec.READPAGE);
        robot.clickOn("#indexField").eraseText(3).write("2").type(KeyCode.ENTER);
        assertEquals(RunSpec.READPAGE, window.model().toLayout().run().op());
        assertEquals(2, window.model().toLayout().run().index());

        robot.clickOn("Page cache");
        TableColumn<?, ?> buffersColumn = pages.getColumns().get(1);
        BuilderUi.editCell(robot, "#pageCacheTable", 1, 0, "mapped,uptodate@1008 mapped@1009 - -");
        assertEquals("mapped,uptodate@1008 mapped@1009 - -",
                BuilderNotation.buffers(window.model().pageCache().get(0).buffers()));
        assertEquals("mapped,uptodate@1008 mapped@1009 - -", cell(robot, buffersColumn, 0).getText());
    }
}
