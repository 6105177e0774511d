package mpageviz.ui.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import mpageviz.cli.Cli;
import mpageviz.layout.RunSpec;
import mpageviz.layout.gen.Behaviour;
import mpageviz.layout.gen.LayoutGenerator;
import mpageviz.trace.Events;
import mpageviz.ui.dialog.Ext2ImportDialog;
import mpageviz.ui.dialog.GenerateDialog;
import mpageviz.ui.run.Breakpoint;
import mpageviz.ui.run.Session;

/**
 * File ▸ Import a file from an ext2 image and Run ▸ Generate layouts, driven through their dialogs in the real
 * main window: what the run title, the page cache panel and the breakpoints show afterwards.
 */
@ExtendWith(ApplicationExtension.class)
class ImportAndGenerateUiTest {
    private static final PseudoClass ON = PseudoClass.getPseudoClass("on");
    private MainWindowController window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        window = TestWindows.onDefaultSample(stage);
    }

    @AfterEach
    void closeRunAndDialogs(FxRobot robot) {
        robot.interact(() -> {
            for (Window w : new ArrayList<>(Window.getWindows())) {
                if (w != stage) {
                    w.hide();
                }
            }
        });
        if (window.model().session() != null) {
            window.model().session().close();
        }
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** Lets the live engine finish, then pulls its events into the model. */
    private void finishRun(FxRobot robot) throws Exception {
        Session s = window.model().session();
        s.runToEnd();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, s::finished);
        robot.interact(() -> window.model().poll());
    }

    /** The dialog pane with this id, its window brought to the front (headless focus, house-style §6 item 4). */
    private Node dialog(FxRobot robot, String id) {
        Node pane = robot.lookup(id).query();
        assertNotNull(pane, id);
        robot.interact(() -> pane.getScene().getWindow().requestFocus());
        return pane;
    }

    private static boolean showing(Node pane) {
        return pane.getScene() != null && pane.getScene().getWindow() != null && pane.getScene().getWindow()
                .isShowing();
    }

    /** Replaces a text field's text as a user does: click, select all, type. */
    private static void type(FxRobot robot, String id, String text) {
        robot.clickOn(id).push(KeyCode.CONTROL, KeyCode.A).write(text);
    }

    @SuppressWarnings("unchecked")
    private static TreeView<Ext2ImportDialog.Entry> tree(FxRobot robot) {
        return robot.lookup("#ext2Tree").queryAs(TreeView.class);
    }

    /** The tree item of a path under an already loaded directory item. */
    private static TreeItem<Ext2ImportDialog.Entry> child(TreeItem<Ext2ImportDialog.Entry> dir, String path) {
        for (TreeItem<Ext2ImportDialog.Entry> c : dir.getChildren()) {
            if (c.getValue() != null && c.getValue().path().equals(path)) {
                return c;
            }
        }
        throw new AssertionError(path + " is not listed under " + dir.getValue().path());
    }

    /** Clicks the row that shows {@code path}, as a user picks a file. */
    @SuppressWarnings("unchecked")
    private static void pick(FxRobot robot, String path) {
        Node cell = robot.lookup(".tree-cell").match(n -> {
            Ext2ImportDialog.Entry e = ((TreeCell<Ext2ImportDialog.Entry>) n).getItem();
            return e != null && e.path().equals(path);
        }).query();
        assertNotNull(cell, "no row shows " + path);
        robot.clickOn(cell);
    }

    // ------------------------------------------------------------------ ext2 import

    @Test
    void importReadpages_ofANestedFile_runsItToEveryPageUptodate(FxRobot robot, @TempDir Path dir) throws Exception {
        Ext2TestImage.assumeTools();
        Path img = Ext2TestImage.create(dir);
        robot.interact(() -> window.importFromExt2(img));
        Node pane = dialog(robot, "#ext2ImportDialog");
        TreeView<Ext2ImportDialog.Entry> tree = tree(robot);
        // Directories come first and are read only when expanded.
        TreeItem<Ext2ImportDialog.Entry> sub = child(tree.getRoot(), "/sub");
        assertEquals(List.of("/sub", "/holes", "/small"), tree.getRoot().getChildren().stream()
                .map(i -> i.getValue().path()).filter(p -> !p.equals("/lost+found")).toList());
        assertTrue(sub.getChildren().isEmpty());
        assertFalse(sub.isLeaf());
        robot.interact(() -> sub.setExpanded(true));
        assertEquals("/sub/nested", child(sub, "/sub/nested").getValue().path());
        // A directory cannot be imported.
        pick(robot, "/sub");
        assertTrue(robot.lookup("#importButton").query().isDisabled());
        assertTrue(text(robot, "#importProblemLabel").contains("only regular files"),
                text(robot, "#importProblemLabel"));
        pick(robot, "/sub/nested");
        assertTrue(text(robot, "#importFileLabel").contains("20,480 bytes = 5 pages of 4096 bytes"),
                text(robot, "#importFileLabel"));
        assertFalse(robot.lookup("#importButton").query().isDisabled());
        robot.clickOn("#importButton");

        assertFalse(showing(pane));
        assertTrue(text(robot, "#runTitleLabel").startsWith("fs.img:/sub/nested: "), text(robot, "#runTitleLabel"));
        assertEquals(RunSpec.READPAGES, window.model().session().layout().run().op());
        assertEquals("5 pages", text(robot, "#pageCountLabel"));
        finishRun(robot);
        robot.clickOn("#toEndButton");
        for (int page = 0; page < 5; page++) {
            int p = page;
            robot.interact(() -> window.selection().selectPage(p));
            assertTrue(robot.lookup("#pageFlag-uptodate").query().getPseudoClassStates().contains(ON), "page " + p);
        }
    }

    @Test
    void importReadpages_ofAWindowOfPages_runsOnlyThosePages(FxRobot robot, @TempDir Path dir) throws Exception {
        Ext2TestImage.assumeTools();
        Path img = Ext2TestImage.create(dir);
        robot.interact(() -> window.importFromExt2(img));
        Node pane = dialog(robot, "#ext2ImportDialog");
        TreeItem<Ext2ImportDialog.Entry> sub = child(tree(robot).getRoot(), "/sub");
        robot.interact(() -> sub.setExpanded(true));
        pick(robot, "/sub/nested");
        // Five pages: a window reaching past them is refused, naming the field and the pages.
        type(robot, "#ext2FirstField", "3");
        type(robot, "#ext2CountField", "4");
        assertTrue(robot.lookup("#importButton").query().isDisabled());
        assertEquals("readpages: pages 3..6 are not all in the file (pages 0..4)", text(robot, "#importProblemLabel"));
        type(robot, "#ext2CountField", "x");
        assertTrue(text(robot, "#importProblemLabel").contains("\u201cx\u201d is not a number of pages"),
                text(robot, "#importProblemLabel"));
        type(robot, "#ext2CountField", "2");
        assertFalse(robot.lookup("#importButton").query().isDisabled());
        robot.clickOn("#importButton");

        assertFalse(showing(pane));
        assertEquals(RunSpec.readpages(3, 2), window.model().session().layout().run());
        assertEquals("2 pages", text(robot, "#pageCountLabel"));
    }

    @Test
    void writeOverAHole_isRefusedInTheDialog_andAWriteElsewhereLeavesTheImageAlone(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Ext2TestImage.assumeTools();
        Path img = Ext2TestImage.create(dir);
        byte[] before = Files.readAllBytes(img);
        String run = text(robot, "#runTitleLabel");
        robot.interact(() -> window.importFromExt2(img));
        Node pane = dialog(robot, "#ext2ImportDialog");
        pick(robot, "/holes");
        robot.clickOn("#ext2OpBox").clickOn("writepages of the whole file (every page dirty)");
        robot.clickOn("#importButton");
        assertTrue(showing(pane));
        String problem = text(robot, "#importProblemLabel");
        assertTrue(problem.contains("/holes") && problem.contains("covers a hole at logical block 1"), problem);
        assertEquals(run, text(robot, "#runTitleLabel"));

        // writepage of a page past the file is caught before anything is built
        pick(robot, "/small");
        robot.clickOn("#ext2OpBox").clickOn("writepage of page N");
        type(robot, "#ext2PageField", "3");
        assertTrue(text(robot, "#importProblemLabel").startsWith("page N: 3 is outside the file (pages 0..0)"),
                text(robot, "#importProblemLabel"));
        assertTrue(robot.lookup("#importButton").query().isDisabled());
        type(robot, "#ext2PageField", "0");
        robot.clickOn("#importButton");
        assertFalse(showing(pane));
        assertTrue(text(robot, "#runTitleLabel").startsWith("fs.img:/small: "), text(robot, "#runTitleLabel"));
        assertEquals(RunSpec.WRITEPAGE, window.model().session().layout().run().op());
        finishRun(robot);
        assertTrue(window.model().session().summary() != null);
        assertArrayEquals(before, Files.readAllBytes(img), "the write ran on a copy");
    }

    @Test
    void notAnExt2Image_showsTheErrorDialog_andKeepsTheRun(FxRobot robot, @TempDir Path dir) throws Exception {
        String run = text(robot, "#runTitleLabel");
        Path zeros = dir.resolve("zeros.img");
        Files.write(zeros, new byte[65536]);
        robot.interact(() -> window.importFromExt2(zeros));
        WaitForAsyncUtils.waitForFxEvents();
        String shown = robot.lookup("#errorDialog .content").queryAs(Label.class).getText();
        assertTrue(shown.contains("bad magic"), shown);
        assertEquals(run, text(robot, "#runTitleLabel"));
        assertTrue(robot.lookup("#ext2ImportDialog").tryQuery().isEmpty());
    }

    @Test
    void corruptRootDirectory_showsTheErrorDialog_andKeepsTheRun(FxRobot robot, @TempDir Path dir) throws Exception {
        Ext2TestImage.assumeTools();
        Path img = Ext2TestImage.create(dir);
        // debugfs echoes each command ("debugfs: blocks /") before its output, the block numbers
        String[] lines = Ext2TestImage.debugfs(img, false, "blocks /").trim().split("\n");
        long rootBlock = Long.parseLong(lines[lines.length - 1].trim().split("\\s+")[0]);
        // rec_len of the first entry ("."): 0 can never be a valid record length
        Ext2TestImage.poke(img, rootBlock * Ext2TestImage.BLOCK_SIZE + 4, (byte) 0, (byte) 0);
        String run = text(robot, "#runTitleLabel");
        robot.interact(() -> window.importFromExt2(img));
        WaitForAsyncUtils.waitForFxEvents();
        String shown = robot.lookup("#errorDialog .content").queryAs(Label.class).getText();
        assertTrue(shown.contains("directory /") && shown.contains("rec_len 0"), shown);
        assertEquals(run, text(robot, "#runTitleLabel"));
    }

    // ------------------------------------------------------------------ the generator

    @Test
    void generateHoleThenData_seed7_opensTheFirst_andStopsOnItsFallback(FxRobot robot) throws Exception {
        robot.clickOn("Run").clickOn("Generate layouts...");
        dialog(robot, "#generateDialog");
        robot.clickOn("#behaviourBox");
        Node option = robot.lookup(".list-cell").match(n -> ((ListCell<?>) n).getItem() == Behaviour.HOLE_THEN_DATA)
                .query();
        robot.clickOn(option);
        assertTrue(text(robot, "#behaviourDescriptionLabel").contains("a hole followed by data"));
        type(robot, "#seedField", "7");
        robot.clickOn("#openFirstButton");

        String title = LayoutGenerator.generate(Behaviour.HOLE_THEN_DATA, LayoutGenerator.seedOf(7, 0)).title();
        assertEquals("gen-hole-then-data-7-0: " + title, text(robot, "#runTitleLabel"));
        finishRun(robot);
        robot.interact(() -> window.model().breakpoints().add(Breakpoint.fallback("hole-then-data")));
        robot.press(KeyCode.F5).release(KeyCode.F5);
        Events.Fallback f = (Events.Fallback) window.model().currentEvent();
        assertEquals("hole-then-data", f.reason());
    }

    @Test
    void generateDialog_invalidFields_disableBothActions_andNameTheField(FxRobot robot) throws Exception {
        robot.interact(() -> window.showGenerateDialog());
        dialog(robot, "#generateDialog");
        type(robot, "#seedField", "seven");
        assertTrue(robot.lookup("#openFirstButton").query().isDisabled());
        assertTrue(robot.lookup("#saveAllButton").query().isDisabled());
        assertTrue(text(robot, "#generateProblemLabel").startsWith("seed: "), text(robot, "#generateProblemLabel"));
        type(robot, "#seedField", "-3");
        type(robot, "#countField", "0");
        assertTrue(text(robot, "#generateProblemLabel").startsWith("count: 0 is out of range"),
                text(robot, "#generateProblemLabel"));
        assertTrue(robot.lookup("#openFirstButton").query().isDisabled());
        type(robot, "#countField", "2");
        assertEquals("", text(robot, "#generateProblemLabel"));
        assertFalse(robot.lookup("#saveAllButton").query().isDisabled());
        String files = text(robot, "#generateFilesLabel");
        assertTrue(files.endsWith("gen-mix--3-0.layout.json \u2026 gen-mix--3-1.layout.json"), files);
        @SuppressWarnings("unchecked")
        ComboBox<Behaviour> box = robot.lookup("#behaviourBox").queryAs(ComboBox.class);
        assertEquals(Behaviour.values().length, box.getItems().size());
        assertEquals("-3", robot.lookup("#seedField").queryAs(TextField.class).getText());
    }

    @Test
    void saveAll_writesTheFilesTheGenerateCommandWrites(FxRobot robot, @TempDir Path dir) throws Exception {
        Path gui = dir.resolve("gui");
        Path cli = dir.resolve("cli");
        GenerateDialog.Choice batch = new GenerateDialog.Choice(Behaviour.HOLE_THEN_DATA, 7, 3,
                GenerateDialog.Action.SAVE_ALL);
        robot.interact(() -> window.saveGenerated(batch, gui));
        int rc = new Cli(new PrintStream(new ByteArrayOutputStream()), System.err).execute(new String[] {
            "generate", "--seed", "7", "--count", "3", "--behaviour", "hole-then-data", "--out", cli.toString()});
        assertEquals(0, rc);
        for (int i = 0; i < 3; i++) {
            String name = "gen-hole-then-data-7-" + i + ".layout.json";
            assertEquals(Files.readString(cli.resolve(name)), Files.readString(gui.resolve(name)), name);
        }
        try (var files = Files.list(gui)) {
            assertEquals(3, files.count());
        }
        String status = robot.lookup("#statusBar").queryAs(StatusBar.class).getText();
        assertTrue(status.startsWith("Saved 3 generated layouts in "), status);
    }
}
