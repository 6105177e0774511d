package mpageviz.ui.window;

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

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import mpageviz.cli.Cli;
import mpageviz.layout.DefaultSample;
import mpageviz.layout.Layout;
import mpageviz.layout.LayoutReader;
import mpageviz.trace.Events;
import mpageviz.trace.Summary;
import mpageviz.ui.run.Breakpoint;
import mpageviz.ui.run.Session;
import mpageviz.view.RunState;

/**
 * The real main window, built from its FXML and CSS, driven through its buttons, keys and menus under the
 * headless Monocle toolkit; assertions are about what the panels show.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowUiTest {
    private MainWindowController window;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        window = TestWindows.onDefaultSample(stage);
    }

    @AfterEach
    void closeRun() {
        if (window.model().session() != null) {
            window.model().session().close();
        }
    }

    /** Lets the live engine finish, then pulls its events into the model. */
    private void finishRun(FxRobot robot) throws Exception {
        Session s = window.model().session();
        s.runToEnd();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, s::finished);
        robot.interact(() -> window.model().poll());
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private List<String> vecLabels(FxRobot robot) {
        List<String> out = new ArrayList<>();
        for (Node n : robot.lookup("#bioVecsBox").queryAs(FlowPane.class).getChildren()) {
            out.add(((Label) n).getText());
        }
        return out;
    }

    @Test
    void launch_showsTheDefaultSampleAtStepZero(FxRobot robot) throws Exception {
        assertEquals(0, window.model().getStep());
        assertEquals("4 pages", text(robot, "#pageCountLabel"));
        assertTrue(text(robot, "#runTitleLabel").contains("BH_Boundary"), text(robot, "#runTitleLabel"));
        assertFalse(text(robot, "#headlineLabel").isBlank());
        assertTrue(text(robot, "#stepLabel").startsWith("step 0 / "));
        assertCurrentSourceLineInView(robot);
    }

    /** The highlighted line of the port's source lies wholly inside the source list, not cut off at an edge. */
    private static void assertCurrentSourceLineInView(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Node list = robot.lookup("#sourceList").query();
        javafx.geometry.Bounds view = list.localToScene(list.getLayoutBounds());
        Node current = robot.lookup("#sourceList .list-cell").match(n -> n.getPseudoClassStates()
                .contains(javafx.css.PseudoClass.getPseudoClass("current")) && n.isVisible()).query();
        assertNotNull(current, "no highlighted source line is drawn");
        javafx.geometry.Bounds line = current.localToScene(current.getLayoutBounds());
        assertTrue(line.getMinY() >= view.getMinY() && line.getMaxY() <= view.getMaxY(),
                "highlighted line at " + line.getMinY() + ".." + line.getMaxY() + ", list shows " + view.getMinY()
                        + ".." + view.getMaxY());
    }

    @Test
    void bioForward_showsPagesZeroToTwoInTheBioSentForTheBoundary(FxRobot robot) throws Exception {
        robot.clickOn("#bioForwardButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.model().currentEvent() instanceof Events.BioSubmit);
        Events.BioSubmit e = (Events.BioSubmit) window.model().currentEvent();
        assertEquals("boundary", e.reason());
        assertEquals(List.of("page 0", "page 1", "page 2"), vecLabels(robot));
        assertTrue(text(robot, "#bioReasonLabel").contains("boundary"), text(robot, "#bioReasonLabel"));
        assertEquals("bi_sector 2000, 12288 bytes, read", text(robot, "#bioSectorLabel"));
        assertEquals("3 / 4 (bi_max_vecs)", text(robot, "#vecsLabel"));
        // Before the boundary submit, the bio under construction already holds the same three pages.
        robot.clickOn("#stepBackButton");
        assertEquals(List.of("page 0", "page 1", "page 2"), vecLabels(robot));
        assertTrue(text(robot, "#bioIdLabel").contains("building"), text(robot, "#bioIdLabel"));
    }

    @Test
    void toEnd_servedRequestsMatchTheTraceSummary(FxRobot robot) throws Exception {
        finishRun(robot);
        robot.clickOn("#toEndButton");
        Summary summary = window.model().session().summary();
        assertNotNull(summary);
        @SuppressWarnings("unchecked")
        ListView<String> served = robot.lookup("#servedList").queryAs(ListView.class);
        assertEquals(summary.requests().size(), served.getItems().size());
        for (int i = 0; i < summary.requests().size(); i++) {
            Summary.Request r = summary.requests().get(i);
            String item = served.getItems().get(i);
            assertTrue(item.startsWith((i + 1) + ". "), item);
            assertTrue(item.contains(r.rw() + " " + r.sector() + ".." + (r.sector() + r.sectors() - 1)), item);
            // the bios merged into the request, in chain order, named by kind as in the summary's "from"
            String bios = item.substring(item.lastIndexOf("  ") + 2);
            assertEquals(r.from(), List.of(bios.split("\\+")).stream().map(b -> b.substring(0, b.indexOf('#')))
                    .toList(), item);
        }
        assertEquals(String.valueOf(summary.requests().size()), text(robot, "#stat-requests-served"));
    }

    @Test
    void steppingBack_restoresExactlyWhatSteppingForwardShowed(FxRobot robot) throws Exception {
        finishRun(robot);
        int n = window.model().availableProperty().get();
        List<RunState> forward = new ArrayList<>();
        List<String> headlines = new ArrayList<>();
        forward.add(window.model().getState());
        headlines.add(text(robot, "#headlineLabel"));
        for (int i = 0; i < n; i++) {
            robot.interact(() -> window.model().stepForward());
            forward.add(window.model().getState());
            headlines.add(text(robot, "#headlineLabel"));
        }
        assertEquals(n, window.model().getStep());
        for (int i = n; i > 0; i--) {
            robot.interact(() -> window.model().stepBack());
            assertEquals(forward.get(i - 1), window.model().getState(), "step " + (i - 1));
            assertEquals(headlines.get(i - 1), text(robot, "#headlineLabel"), "step " + (i - 1));
        }
    }

    @Test
    void exportedTrace_equalsTheCommandLinesTrace(FxRobot robot, @TempDir Path dir) throws Exception {
        finishRun(robot);
        Path gui = dir.resolve("gui.trace.json");
        Path cli = dir.resolve("cli.trace.json");
        robot.interact(() -> window.exportTraceFile(gui));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(gui));
        int rc = new Cli(new PrintStream(new ByteArrayOutputStream()), System.err).execute(new String[] {
            "run", "samples/" + DefaultSample.NAME, "--trace", cli.toString()});
        assertEquals(0, rc);
        assertEquals(Files.readString(cli), Files.readString(gui));
    }

    private void open(FxRobot robot, String sample) throws Exception {
        Layout l = LayoutReader.read(Path.of("samples", sample));
        robot.interact(() -> window.show(l, null, null, sample));
        finishRun(robot);
    }

    @Test
    void breakpoint_onAFallbackReason_stopsOnThatFallback(FxRobot robot) throws Exception {
        open(robot, "05-hole-then-data.layout.json");
        robot.interact(() -> window.model().breakpoints().add(Breakpoint.fallback("hole-then-data")));
        robot.press(KeyCode.F5).release(KeyCode.F5);
        Events.Fallback f = (Events.Fallback) window.model().currentEvent();
        assertEquals(1, f.page());
        assertEquals("hole-then-data", f.reason());
        assertTrue(window.model().statusProperty().get().contains("hole-then-data"),
                window.model().statusProperty().get());
    }

    @Test
    void breakpoint_onABioReason_aPage_aDiskBlock_andAnError(FxRobot robot) throws Exception {
        open(robot, "07-boundary.layout.json");
        robot.interact(() -> window.model().breakpoints().add(Breakpoint.bioSubmit("end-of-call")));
        robot.clickOn("#continueButton");
        assertEquals("end-of-call", ((Events.BioSubmit) window.model().currentEvent()).reason());
        robot.interact(() -> {
            window.model().breakpoints().setAll(Breakpoint.page(3));
            window.model().toStart();
            window.model().continueToBreakpoint();
        });
        assertEquals(3, ((Events.PageBegin) window.model().currentEvent()).page());
        robot.interact(() -> {
            window.model().breakpoints().setAll(Breakpoint.diskBlock(1012, 1024));
            window.model().toStart();
            window.model().continueToBreakpoint();
        });
        Events.RequestServe served = (Events.RequestServe) window.model().currentEvent();
        assertEquals(2000, served.sector());
        open(robot, "16-bad-sector.layout.json");
        robot.interact(() -> {
            window.model().breakpoints().setAll(Breakpoint.error());
            window.model().continueToBreakpoint();
        });
        assertFalse(((Events.BioEnd) window.model().currentEvent()).ok());
    }

    @Test
    void keys_stepByEventPageBioAndJump(FxRobot robot) throws Exception {
        finishRun(robot);
        robot.press(KeyCode.RIGHT).release(KeyCode.RIGHT);
        assertEquals(1, window.model().getStep());
        robot.press(KeyCode.SHIFT, KeyCode.RIGHT).release(KeyCode.RIGHT, KeyCode.SHIFT);
        assertTrue(window.model().currentEvent() instanceof Events.PageBegin);
        robot.press(KeyCode.CONTROL, KeyCode.RIGHT).release(KeyCode.RIGHT, KeyCode.CONTROL);
        assertTrue(window.model().currentEvent() instanceof Events.BioSubmit);
        robot.press(KeyCode.ALT, KeyCode.LEFT).release(KeyCode.LEFT, KeyCode.ALT);
        assertTrue(window.model().currentEvent() instanceof Events.GetBlock);
        robot.press(KeyCode.END).release(KeyCode.END);
        assertEquals(window.model().availableProperty().get(), window.model().getStep());
        robot.press(KeyCode.HOME).release(KeyCode.HOME);
        assertEquals(0, window.model().getStep());
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        assertTrue(window.model().playingProperty().get());
        robot.interact(() -> window.model().tick());
        assertEquals(1, window.model().getStep());
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        assertFalse(window.model().playingProperty().get());
    }

    @Test
    void malformedLayout_showsTheErrorDialogAndKeepsTheRun(FxRobot robot, @TempDir Path dir) throws Exception {
        String before = window.model().session().layout().title();
        Path bad = dir.resolve("bad.layout.json");
        Files.writeString(bad, "{\"format\":\"mpage-layout\",\"version\":1,\"geometry\":{\"pageSize\":4096,"
                + "\"blockSize\":3000},\"file\":{\"size\":4096},\"device\":{\"blocks\":64},"
                + "\"run\":{\"op\":\"readpages\",\"first\":0,\"count\":1}}");
        robot.interact(() -> window.openLayoutFile(bad));
        WaitForAsyncUtils.waitForFxEvents();
        Node dialog = robot.lookup("#errorDialog").query();
        assertNotNull(dialog);
        String shown = robot.lookup("#errorDialog .content").queryAs(Label.class).getText();
        assertTrue(shown.contains("geometry.blockSize"), shown);
        assertEquals(before, window.model().session().layout().title());
        robot.interact(() -> ((Stage) dialog.getScene().getWindow()).close());
        for (Window w : Window.getWindows()) {
            assertTrue(w == stage || !w.isShowing() || w.getScene().getRoot() != dialog);
        }
    }

    @Test
    void eventLog_filtersByKind_andClickingARowMovesTheCursorThere(FxRobot robot) throws Exception {
        finishRun(robot);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> kinds = robot.lookup("#kindFilterBox").queryAs(
                javafx.scene.control.ComboBox.class);
        robot.interact(() -> kinds.setValue("bio-submit"));
        var panel = window.eventLogPanel();
        // sample 07 submits two mpage bios and one metadata read
        assertEquals(3, panel.log().rowCount());
        for (int row = 0; row < 3; row++) {
            assertTrue(panel.log().rowText(row).contains("bio-submit"), panel.log().rowText(row));
        }
        assertTrue(text(robot, "#eventCountLabel").endsWith("3 shown"), text(robot, "#eventCountLabel"));
        double rowHeight = Math.ceil(text(robot, "#eventCountLabel").isEmpty() ? 0
                : robot.lookup("#eventCountLabel").queryAs(Label.class).getFont().getSize() * 1.6);
        javafx.geometry.Point2D p = panel.log().localToScreen(20, rowHeight * 1.5);
        robot.clickOn(p);
        assertEquals(panel.eventAtRow(1) + 1, window.model().getStep());
        assertTrue(window.model().currentEvent() instanceof Events.BioSubmit);
    }

    @Test
    void eventLog_textSearchOnAWorkerThread_keepsOnlyMatchingRows_andTheLatestTextWins(FxRobot robot)
            throws Exception {
        finishRun(robot);
        var panel = window.eventLogPanel();
        robot.interact(() -> panel.scanInBackgroundAbove(0));
        int all = panel.log().rowCount();
        robot.clickOn("#searchField").write("boundary");
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> !panel.searching());
        WaitForAsyncUtils.waitForFxEvents();
        int rows = panel.log().rowCount();
        assertTrue(rows > 0 && rows < all, rows + " of " + all);
        for (int row = 0; row < rows; row++) {
            assertTrue(panel.log().rowText(row).toLowerCase().contains("boundary"), panel.log().rowText(row));
        }
        assertTrue(text(robot, "#eventCountLabel").endsWith(rows + " shown"), text(robot, "#eventCountLabel"));
        robot.interact(() -> robot.lookup("#searchField").queryAs(javafx.scene.control.TextField.class).clear());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(all, panel.log().rowCount());
    }

    @Test
    void clickingAServedRequest_selectsItAndShowsItsBioEverywhere(FxRobot robot) throws Exception {
        finishRun(robot);
        robot.clickOn("#toEndButton");
        // at the end the BIO panel shows the last bio sent: page 3
        assertEquals(List.of("page 3"), vecLabels(robot));
        @SuppressWarnings("unchecked")
        ListView<String> served = robot.lookup("#servedList").queryAs(ListView.class);
        robot.interact(() -> served.getSelectionModel().select(0));
        assertEquals(1, window.selection().requestProperty().get());
        assertEquals(List.of("page 0", "page 1", "page 2"), vecLabels(robot));
        assertTrue(text(robot, "#bioIdLabel").startsWith("bio #1"), text(robot, "#bioIdLabel"));
        // moving the cursor hands the BIO panel back to mpage
        robot.clickOn("#stepBackButton");
        assertEquals(0, window.selection().bioProperty().get());
    }

    @Test
    void builder_openedByCtrlB_editsTheRunsLayout_andRunShowsItInTheWindow(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.B).release(KeyCode.B, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Stage builder = (Stage) Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().endsWith("layout builder"))
                .findFirst().orElseThrow();
        assertEquals("ext2 BH_Boundary: indirect block read in order — layout builder", builder.getTitle());
        // take away BH_Boundary from logical block 11 by hand: the run becomes sample 08's order
        robot.targetWindow(builder);
        robot.clickOn("Block map");
        robot.clickOn("#boundaryField").write("11").type(KeyCode.ENTER);
        robot.clickOn("#runButton");
        assertTrue(text(robot, "#runTitleLabel").contains("builder: ext2 BH_Boundary"), text(robot, "#runTitleLabel"));
        finishRun(robot);
        Summary summary = window.model().session().summary();
        assertEquals("meta", summary.submissions().get(0).kind(), "without the boundary the indirect block is read first");
        robot.interact(builder::close);
    }
}
