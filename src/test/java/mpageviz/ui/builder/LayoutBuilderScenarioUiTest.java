package mpageviz.ui.builder;

import static mpageviz.ui.builder.BuilderUi.cell;
import static mpageviz.ui.builder.BuilderUi.column;
import static mpageviz.ui.builder.BuilderUi.editCell;
import static mpageviz.ui.builder.BuilderUi.problems;
import static mpageviz.ui.builder.BuilderUi.runDisabled;
import static mpageviz.ui.builder.BuilderUi.shortcut;
import static mpageviz.ui.builder.BuilderUi.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import mpageviz.engine.Runner;
import mpageviz.layout.Layout;
import mpageviz.layout.Layout.Extent;
import mpageviz.layout.Layout.MetadataBlock;
import mpageviz.layout.LayoutReader;
import mpageviz.layout.LayoutWriter;
import mpageviz.trace.Summary;

/**
 * A user building a layout from nothing with the builder's forms, tables, check boxes and keys, as the issue lists
 * it: extents, a hole, a boundary, a page with buffers, a validation message and its fix, undo and redo, save,
 * reopen and run; then the unsaved-changes guard, the samples menu and metadata edited in place.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutBuilderScenarioUiTest {
    private static final Path SAMPLE = Path.of("samples/07-boundary.layout.json");
    private final List<Layout> runs = new ArrayList<>();
    private LayoutBuilderWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = LayoutBuilderWindow.open(stage, LayoutReader.read(SAMPLE), runs::add);
    }

    private BuilderModel model() {
        return window.model();
    }

    private String title() {
        return window.stage().getTitle();
    }

    @Test
    void newLayout_builtByMouseAndKeyboard_validatedFixedUndoneSavedReopenedAndRun(FxRobot robot, @TempDir Path dir)
            throws Exception {
        robot.clickOn("#newButton");
        assertTrue(model().extents().isEmpty(), "a new layout is all holes");
        assertEquals("New layout — layout builder", title());

        // Two extents typed into the table; logical blocks 6 and 7 stay a hole.
        robot.clickOn("Block map");
        robot.clickOn("#addExtentButton");
        editCell(robot, "#extentsTable", 1, 0, "2000");
        editCell(robot, "#extentsTable", 2, 0, "6");
        robot.clickOn("#addExtentButton");
        editCell(robot, "#extentsTable", 0, 1, "8");
        editCell(robot, "#extentsTable", 1, 1, "3000");
        editCell(robot, "#extentsTable", 2, 1, "8");
        assertEquals(List.of(new Extent(0, 2000, 6), new Extent(8, 3000, 8)), model().extents());
        assertEquals("*New layout — layout builder", title(), "the title marks unsaved changes");

        // A boundary on logical block 5, typed.
        robot.clickOn("#boundaryField").write("5").type(KeyCode.ENTER);
        assertEquals(List.of(5L), model().boundaries());

        // Shrink the device under the second extent: the message names it and Run goes off; then fix it.
        robot.clickOn("File and device");
        type(robot, "#deviceBlocksField", "2500");
        assertTrue(problems(robot).stream().anyMatch(p -> p.startsWith("file.extents[1]: disk blocks 3000..3007")),
                problems(robot).toString());
        assertTrue(runDisabled(robot));
        // A click on the message goes to what it names: the Block map tab, the second extent's row.
        robot.clickOn(robot.lookup("#problemsList .list-cell").nth(0).queryAs(javafx.scene.Node.class));
        assertEquals("Block map", robot.lookup("#sectionTabs").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().getSelectedItem().getText());
        assertEquals(1, robot.lookup("#extentsTable").queryAs(javafx.scene.control.TableView.class)
                .getSelectionModel().getSelectedIndex());
        robot.clickOn("File and device");
        type(robot, "#deviceBlocksField", "4096");
        assertTrue(problems(robot).isEmpty(), problems(robot).toString());
        assertFalse(runDisabled(robot));

        // Page 3 in the cache before the call: first a message (it is on the readpages list), fixed by marking it
        // already cached; then buffer heads filled from the block map and one more bit ticked.
        robot.clickOn("Page cache");
        robot.clickOn("#pageIndexField").write("3").type(KeyCode.ENTER);
        assertTrue(problems(robot).stream().anyMatch(p -> p.startsWith("pageCache[0]: page 3 is on the readpages")),
                problems(robot).toString());
        robot.clickOn(cell(robot, column(robot, "#pageCacheTable", 2), 0).lookup(".check-box"));
        assertTrue(problems(robot).isEmpty(), problems(robot).toString());
        assertEquals("Buffer heads of page 3 (logical blocks 12..15)",
                robot.lookup(".buffers-editor .panel-title").queryAs(Label.class).getText());
        robot.clickOn("#hasBuffersBox");
        assertEquals("- - - -", BuilderNotation.buffers(model().pageCache().get(0).buffers()));
        robot.clickOn("#fillBuffersButton");
        robot.clickOn("#bh0-uptodate");
        assertEquals("mapped,uptodate@3004 mapped@3005 mapped@3006 mapped@3007",
                BuilderNotation.buffers(model().pageCache().get(0).buffers()));
        assertEquals("3004", robot.lookup("#bh0-block").queryAs(TextField.class).getText());

        // Undo and redo by key while a text field has the focus: they act on the layout, not the field.
        robot.clickOn("#pageIndexField");
        shortcut(robot, KeyCode.Z);
        assertEquals("mapped@3004 mapped@3005 mapped@3006 mapped@3007",
                BuilderNotation.buffers(model().pageCache().get(0).buffers()));
        shortcut(robot, KeyCode.Y);
        assertEquals("mapped,uptodate@3004 mapped@3005 mapped@3006 mapped@3007",
                BuilderNotation.buffers(model().pageCache().get(0).buffers()));

        // Save, reopen: the same layout, and the title is clean.
        Path file = dir.resolve("built.layout.json");
        Layout built = model().toLayout();
        robot.interact(() -> window.saveFile(file));
        assertEquals("New layout — layout builder", title());
        robot.interact(() -> window.openFile(file));
        assertEquals(LayoutWriter.toJson(built), LayoutWriter.toJson(model().toLayout()));
        assertEquals(LayoutWriter.toJson(built), LayoutWriter.toJson(LayoutReader.read(file)));

        // Run: pages 0 and 1 (page 1 ends in the hole) in one bio, page 3 skipped, page 2 in a second bio.
        robot.clickOn("#runButton");
        assertEquals(1, runs.size());
        Summary summary = Runner.run(runs.get(0), Runner.Options.quiet()).summary();
        List<String> submitted = summary.submissions().stream().map(LayoutBuilderScenarioUiTest::brief).toList();
        assertEquals(List.of("bio 4000 [0:4096, 1:2048] partial-page", "skipped 3 already-cached",
                "bio 6000 [2:4096] end-of-call"), submitted);
        assertEquals(List.of(new Summary.Request("read", 4000, 12, List.of("bio")),
                new Summary.Request("read", 6000, 8, List.of("bio"))), summary.requests());
    }

    private static String brief(Summary.Submission s) {
        if (Summary.Submission.BIO.equals(s.kind())) {
            return "bio " + s.sector() + " " + s.vecs().stream().map(v -> v.page() + ":" + v.length()).toList()
                    + " " + s.reason();
        }
        return s.kind() + " " + (s.page() != null ? s.page() : s.block()) + " " + s.reason();
    }

    /** Asks the window to close the way its close button does; the guard's dialog runs on the FX thread. */
    private void requestClose() {
        Platform.runLater(() -> window.stage().fireEvent(
                new WindowEvent(window.stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));
    }

    /** Clicks a button of the dialog (the toolbar has a Save button too). */
    private static void answer(FxRobot robot, String text) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> dialogButton(robot, text).isPresent());
        robot.clickOn(dialogButton(robot, text).orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static java.util.Optional<Button> dialogButton(FxRobot robot, String text) {
        return robot.lookup(".dialog-pane .button").queryAllAs(Button.class).stream()
                .filter(b -> text.equals(b.getText())).findFirst();
    }

    @Test
    void close_withUnsavedChanges_asks_cancelKeepsSaveWrites(FxRobot robot, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.layout.json");
        Files.copy(SAMPLE, file);
        robot.interact(() -> window.openFile(file));
        robot.clickOn("#titleField").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("My boundary").type(KeyCode.ENTER);
        assertEquals("*My boundary — layout builder", title());

        requestClose();
        answer(robot, "Cancel");
        assertTrue(window.stage().isShowing(), "Cancel keeps the window");
        assertEquals("My boundary", model().titleProperty().get());

        requestClose();
        answer(robot, "Save");
        assertFalse(window.stage().isShowing());
        assertEquals("My boundary", LayoutReader.read(file).title(), "Save wrote the file it came from");
    }

    @Test
    void close_discard_losesTheEditAndTheFileStays(FxRobot robot) throws Exception {
        robot.clickOn("#titleField").type(KeyCode.END).write(" (mine)").type(KeyCode.ENTER);
        requestClose();
        answer(robot, "Discard changes");
        assertFalse(window.stage().isShowing());
        assertEquals("ext2 BH_Boundary: indirect block read in order", LayoutReader.read(SAMPLE).title());
    }

    @Test
    void ctrlZ_inAFieldWithTyping_undoesTheTypingFirst_thenTheLayoutEdit(FxRobot robot) {
        robot.clickOn("#titleField").type(KeyCode.END).write("!").type(KeyCode.ENTER);
        assertEquals("ext2 BH_Boundary: indirect block read in order!", model().titleProperty().get());
        robot.clickOn("#fileSizeField").type(KeyCode.END).write("9");
        TextField size = robot.lookup("#fileSizeField").queryAs(TextField.class);
        assertEquals("163849", size.getText());
        shortcut(robot, KeyCode.Z);
        assertEquals("16384", size.getText(), "the field takes back its own typing");
        assertEquals("ext2 BH_Boundary: indirect block read in order!", model().titleProperty().get());
        shortcut(robot, KeyCode.Z);
        assertEquals("ext2 BH_Boundary: indirect block read in order", model().titleProperty().get(),
                "then the layout edit is undone");
        assertEquals("ext2 BH_Boundary: indirect block read in order — layout builder", title());
    }

    @Test
    void samplesMenu_opensASample_withoutAskingWhenNothingChanged(FxRobot robot) {
        robot.clickOn("#samplesButton");
        robot.clickOn(robot.lookup(n -> n instanceof Label l && l.getText() != null
                && l.getText().startsWith("08-no-boundary")).queryAs(Label.class));
        assertEquals("Same file without BH_Boundary: 12, 0-11, 13-16", model().titleProperty().get());
        assertTrue(model().boundaries().isEmpty());
        assertFalse(model().unsavedProperty().get());
    }

    @Test
    void metadata_addedAndEditedInPlace(FxRobot robot) throws Exception {
        robot.clickOn("Block map");
        robot.clickOn("#addMetadataButton");
        // After the sample's last disk block (1016) and after the range of its indirect block (12..267).
        assertEquals(new MetadataBlock(1017, 268, 268, false, false), model().metadata().get(1));
        editCell(robot, "#metadataTable", 2, 1, "300");
        robot.clickOn(cell(robot, column(robot, "#metadataTable", 3), 1).lookup(".check-box"));
        assertEquals(new MetadataBlock(1017, 268, 300, true, false), model().metadata().get(1));
        robot.clickOn(cell(robot, column(robot, "#metadataTable", 0), 1)).clickOn("#removeMetadataButton");
        assertEquals(1, model().metadata().size());
    }

    @Test
    void ext2Sample_savedElsewhere_takesItsImageAlong(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> window.openSample("32-ext2-boundary.layout.json"));
        Path file = dir.resolve("mine.layout.json");
        robot.interact(() -> assertTrue(window.saveFile(file)));
        Path copy = dir.resolve("ext2/teaching.img");
        assertEquals(-1, Files.mismatch(copy, Path.of("samples/ext2/teaching.img")), "the image came along");
        Layout saved = LayoutReader.read(file);
        assertEquals("ext2/teaching.img", saved.device().image());
        assertEquals(Files.readString(Path.of("samples/expected/32-ext2-boundary.summary.json")),
                mpageviz.trace.SummaryCodec.toJson(Runner.run(saved, Runner.Options.quiet()).summary()));

        // A different file where the image would go is not overwritten, and nothing is saved.
        Path other = Files.createDirectories(dir.resolve("other/ext2"));
        Files.write(other.resolve("teaching.img"), new byte[] {1, 2, 3});
        robot.interact(() -> window.openSample("32-ext2-boundary.layout.json"));
        Path refused = dir.resolve("other/mine.layout.json");
        robot.interact(() -> assertFalse(window.saveFile(refused)));
        assertFalse(Files.exists(refused));
        assertTrue(robot.lookup(".builder-status").queryAs(Label.class).getText().contains("not overwritten"));
    }
}
