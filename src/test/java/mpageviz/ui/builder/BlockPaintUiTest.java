package mpageviz.ui.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.service.query.PointQuery;

import mpageviz.layout.Layout;
import mpageviz.layout.Layout.Extent;
import mpageviz.layout.Layout.MetadataBlock;
import mpageviz.layout.LayoutReader;
import mpageviz.layout.LayoutWriter;
import mpageviz.layout.RunSpec;
import mpageviz.testutil.LayoutBuilder;
import mpageviz.ui.Resources;

/**
 * The builder's Paint tab on sample 07 (logical 0-11 at disk 1000-1011, 12-15 at 1013-1016, indirect block 1012
 * for 12..267, boundary at 11), driven with real drags, clicks, keys and wheel turns on the canvas; each edit is
 * checked in the model, in the status line and against undo.
 */
@ExtendWith(ApplicationExtension.class)
class BlockPaintUiTest {
    private static final Path SAMPLE = Path.of("samples/07-boundary.layout.json");
    private static final List<Extent> SAMPLE_EXTENTS = List.of(new Extent(0, 1000, 12), new Extent(12, 1013, 4));
    private LayoutBuilderWindow window;

    @Start
    void start(Stage stage) throws Exception {
        // an owner with the main window's stylesheets, so the builder (and its palette) is themed as in the app
        Scene owner = new Scene(new StackPane(), 10, 10);
        owner.getStylesheets().setAll(Resources.stylesheet("base.css"), Resources.stylesheet("theme-light.css"));
        stage.setScene(owner);
        window = LayoutBuilderWindow.open(stage, LayoutReader.read(SAMPLE), l -> { });
    }

    private BlockPaintCanvas canvas() {
        return window.paintCanvas();
    }

    private BuilderModel model() {
        return window.model();
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#paintStatusLabel").queryAs(Label.class).getText();
    }

    /** A point on the canvas, in its own coordinates. */
    private PointQuery at(FxRobot robot, double x, double y) {
        return robot.point(canvas()).atPosition(Pos.TOP_LEFT).atOffset(new Point2D(x, y));
    }

    private PointQuery logical(FxRobot robot, long l) {
        return at(robot, canvas().xOfLogical(l), canvas().logicalRowY());
    }

    private PointQuery disk(FxRobot robot, long d) {
        return at(robot, canvas().xOfDisk(d), canvas().diskRowY());
    }

    /**
     * Turns the wheel with Ctrl held, {@code notches} times away from the user, at (x, y) on the canvas. The event
     * is made here: Monocle's robot wheel gives deltaY -1 per notch away where desktops give +40, so a robot scroll
     * would zoom the wrong way by a hair.
     */
    private void ctrlWheel(FxRobot robot, double x, double y, double notches) {
        Node surface = canvas().getChildrenUnmodifiable().get(0);
        robot.interact(() -> {
            Point2D p = surface.localToScene(x, y);
            Event.fireEvent(surface, new ScrollEvent(ScrollEvent.SCROLL, p.getX(), p.getY(), p.getX(), p.getY(),
                    false, true, false, false, false, false, 0, 40 * notches, 0, 40 * notches,
                    ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.LINES,
                    notches, 0, null));
        });
    }

    /** The pointer exactly at (x, y) on the canvas (the robot's pointer lands on whole pixels). */
    private void hoverAt(FxRobot robot, double x, double y) {
        Node surface = canvas().getChildrenUnmodifiable().get(0);
        robot.interact(() -> {
            Point2D p = surface.localToScene(x, y);
            Event.fireEvent(surface, new MouseEvent(MouseEvent.MOUSE_MOVED, p.getX(), p.getY(), p.getX(), p.getY(),
                    MouseButton.NONE, 0, false, false, false, false, false, false, false, false, false, false, null));
        });
    }

    /** The logical block the status line describes ("logical 123 (page 30) ..."). */
    private static long blockInStatus(FxRobot robot) {
        String s = status(robot);
        assertTrue(s.startsWith("logical "), s);
        return Long.parseLong(s.substring("logical ".length(), s.indexOf(' ', "logical ".length())));
    }

    private void openPaint(FxRobot robot) {
        robot.clickOn("Paint");
        assertEquals(996, (long) canvas().diskOrigin(), "the disk row starts a few blocks before the file's");
        assertEquals(0, (long) canvas().logicalOrigin());
    }

    @Test
    void eraseDrag_makesHoles_andUndoBringsThemBack(FxRobot robot) {
        openPaint(robot);
        robot.clickOn("#eraseToolButton");
        robot.drag(logical(robot, 4)).moveTo(logical(robot, 5));
        assertEquals("Erase logical 4..5 (2 blocks): release to make them holes", status(robot));
        robot.drop();
        assertEquals(List.of(new Extent(0, 1000, 4), new Extent(6, 1006, 6), new Extent(12, 1013, 4)),
                model().extents());
        assertEquals("logical 5 (page 1): hole", status(robot));
        robot.clickOn("#undoButton");
        assertEquals(SAMPLE_EXTENTS, model().extents());
    }

    @Test
    void mapDrag_dropsTheRangeOnTheDiskBlockUnderThePointer(FxRobot robot) {
        openPaint(robot);
        assertTrue(status(robot).startsWith("Map: drag logical blocks"), status(robot));
        // along the file row, then down to the disk row and along it, as a hand would
        robot.drag(logical(robot, 4)).moveTo(logical(robot, 5)).moveTo(disk(robot, 1005)).moveTo(disk(robot, 996));
        assertEquals("Map logical 4..5 (2 blocks) \u2192 disk 996..997: release to map", status(robot));
        robot.drop();
        assertEquals(List.of(new Extent(0, 1000, 4), new Extent(4, 996, 2), new Extent(6, 1006, 6),
                new Extent(12, 1013, 4)), model().extents());
        assertTrue(model().problems().isEmpty(), model().problems().toString());
        assertEquals("disk 996: holds logical 4, extent 2", status(robot));
        robot.moveTo(logical(robot, 5));
        assertEquals("logical 5 (page 1) \u2192 disk 997, extent 2", status(robot));

        // dropping onto blocks another extent keeps warns before it happens
        robot.drag(logical(robot, 12)).moveTo(disk(robot, 1006));
        assertEquals("Map logical 12 \u2192 disk 1006: release to map; overlaps extent 3 on disk", status(robot));
        robot.drop();
        assertTrue(model().problems().stream().anyMatch(p -> p.contains("overlaps")), model().problems().toString());
        robot.clickOn("#undoButton").clickOn("#undoButton");
        assertEquals(SAMPLE_EXTENTS, model().extents());
    }

    @Test
    void boundaryClick_togglesTheMark(FxRobot robot) {
        openPaint(robot);
        robot.clickOn("#boundaryToolButton");
        robot.clickOn(logical(robot, 5));
        assertEquals(List.of(5L, 11L), model().boundaries());
        assertEquals("logical 5 (page 1) \u2192 disk 1005, extent 1; boundary", status(robot));
        robot.clickOn(logical(robot, 11));
        assertEquals(List.of(5L), model().boundaries());
        robot.clickOn("#undoButton");
        assertEquals(List.of(5L, 11L), model().boundaries());
        robot.clickOn("#undoButton");
        assertEquals(List.of(11L), model().boundaries());
    }

    @Test
    void metadataDrag_addsAnIndirectBlock_andAClickOnItRemovesIt(FxRobot robot) {
        openPaint(robot);
        robot.moveTo(disk(robot, 1012));
        assertEquals("disk 1012: indirect block for 12..267", status(robot));
        robot.clickOn("#metadataToolButton");
        robot.drag(logical(robot, 0)).moveTo(logical(robot, 3)).moveTo(disk(robot, 999));
        assertEquals("Metadata: disk 999 becomes the indirect block for logical 0..3: release to add", status(robot));
        robot.drop();
        assertEquals(List.of(new MetadataBlock(1012, 12, 267, false, false),
                new MetadataBlock(999, 0, 3, false, false)), model().metadata());
        assertEquals("disk 999: indirect block for 0..3; click removes it", status(robot));
        robot.moveTo(logical(robot, 2));
        assertEquals("logical 2 (page 0) \u2192 disk 1002, extent 1; needs indirect block 999", status(robot));

        robot.clickOn(disk(robot, 999));
        assertEquals(List.of(new MetadataBlock(1012, 12, 267, false, false)), model().metadata());
        assertEquals("disk 999: free", status(robot));
        robot.clickOn("#undoButton");
        assertEquals(2, model().metadata().size());
        robot.clickOn("#undoButton");
        assertEquals(1, model().metadata().size());
    }

    @Test
    void keys_moveTheCursor_selectMarkABoundary_andDeleteMakesHoles(FxRobot robot) {
        openPaint(robot);
        robot.clickOn(logical(robot, 4)); // the Map tool: a click without a drop only puts the cursor there
        assertEquals(SAMPLE_EXTENTS, model().extents());
        robot.type(KeyCode.RIGHT);
        assertEquals(5, canvas().cursor());
        assertTrue(status(robot).startsWith("cursor logical 5 (page 1) \u2192 disk 1005, extent 1"), status(robot));
        robot.press(KeyCode.SHIFT).type(KeyCode.RIGHT, KeyCode.RIGHT).release(KeyCode.SHIFT);
        assertEquals(5, canvas().selectionFirst());
        assertEquals(7, canvas().selectionLast());
        assertTrue(status(robot).startsWith("selected logical 5..7 (3 blocks)"), status(robot));
        robot.type(KeyCode.B);
        assertEquals(List.of(7L, 11L), model().boundaries());
        robot.type(KeyCode.DELETE);
        assertEquals(List.of(new Extent(0, 1000, 5), new Extent(8, 1008, 4), new Extent(12, 1013, 4)),
                model().extents());
        robot.type(KeyCode.BACK_SPACE); // already holes: nothing changes, nothing to undo
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertEquals(SAMPLE_EXTENTS, model().extents());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertEquals(List.of(11L), model().boundaries());
    }

    @Test
    void zoom_keepsTheBlockUnderThePointer_onBothRows(FxRobot robot) {
        openPaint(robot);
        double x = canvas().xOfLogical(10);
        double xd = canvas().xOfDisk(1010);
        double cell = canvas().cellWidth();
        robot.moveTo(at(robot, x, canvas().logicalRowY()));
        ctrlWheel(robot, x, canvas().logicalRowY(), 2);
        assertEquals(cell * 1.25 * 1.25, canvas().cellWidth(), 1e-6);
        assertEquals(10, canvas().logicalAt(x, canvas().logicalRowY()));
        // disk 1010, which logical 10 maps to, was on screen: it stays where it was too
        assertEquals(1010, canvas().diskAt(xd, canvas().diskRowY()));
        assertTrue(status(robot).startsWith("logical 10 (page 2)"), status(robot));

        robot.clickOn("#zoomOutButton");
        robot.clickOn("#zoomFitButton");
        assertEquals(0, canvas().logicalOrigin(), 1e-9);
        assertEquals(10, canvas().logicalAt(canvas().xOfLogical(10), canvas().logicalRowY()));
        double fitted = canvas().cellWidth();
        robot.clickOn(logical(robot, 2)).type(KeyCode.ADD);
        assertEquals(fitted * 2, canvas().cellWidth(), 1e-6);
        robot.type(KeyCode.DIGIT0);
        assertEquals(fitted, canvas().cellWidth(), 1e-6);
    }

    @Test
    void dragPastTheRightEdge_scrollsTheFileRow_andTheSelectionGrowsWithIt(FxRobot robot) {
        openPaint(robot);
        robot.clickOn(logical(robot, 0)).type(KeyCode.ADD).type(KeyCode.ADD).type(KeyCode.ADD);
        robot.clickOn("#eraseToolButton");
        // the right edge of the file row: the last x that still shows a logical block
        double right = canvas().getWidth();
        while (right > 0 && canvas().logicalAt(right - 1, canvas().logicalRowY()) < 0) {
            right--;
        }
        long lastOnScreen = canvas().logicalAt(right - 1, canvas().logicalRowY());
        assertTrue(lastOnScreen > 0 && lastOnScreen < 15, "zoomed in: the file no longer fits (" + lastOnScreen + ")");
        double originBefore = canvas().logicalOrigin();
        robot.drag(logical(robot, lastOnScreen)).moveTo(at(robot, right + 30, canvas().logicalRowY()))
                .moveTo(at(robot, right + 60, canvas().logicalRowY()))
                .moveTo(at(robot, right + 90, canvas().logicalRowY()));
        assertTrue(canvas().logicalOrigin() > originBefore, "the file row scrolled: origin " + originBefore + " -> "
                + canvas().logicalOrigin());
        long reached = canvas().selectionLast();
        assertTrue(reached > lastOnScreen, "the selection grew past the old edge: " + reached);
        robot.drop();
        // Erase made the dragged range a hole: its first block is no longer mapped.
        assertTrue(model().extents().stream().noneMatch(x -> x.logical() <= lastOnScreen
                && lastOnScreen < x.logical() + x.count()), model().extents().toString());
    }

    @Test
    void millionBlockFile_drawsAtEveryZoom_andHitTestingStaysRight(FxRobot robot, @TempDir Path dir)
            throws Exception {
        long blocks = 1L << 20;
        Layout huge = LayoutBuilder.layout().title("a million blocks").size(blocks * 1024).extent(0, 5000, blocks)
                .device(2_000_000, 1024, 128).run(RunSpec.readpages(0, 4)).build();
        Path file = dir.resolve("huge.layout.json");
        LayoutWriter.save(huge, file);
        robot.interact(() -> window.openFile(file));
        robot.clickOn("Paint");
        BlockPaintCanvas c = canvas();
        // too big to fit readably: it opens at readable cells from block 0, the disk just before the extent
        assertTrue(c.cellWidth() >= 13, "cell " + c.cellWidth());
        assertEquals(0, c.logicalOrigin(), 1e-9);
        assertEquals(4996, (long) c.diskOrigin());

        robot.clickOn(logical(robot, 3)).type(KeyCode.DIGIT0);
        assertTrue(c.cellWidth() < 0.001, "fitted: " + c.cellWidth());
        long start = System.nanoTime();
        robot.interact(c::redraw);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 1000, "a fitted million-block redraw took " + ms + " ms");

        // zoom in towards the middle of the file with the wheel; the status line names the block under the
        // pointer (a pixel holds about 1,500 blocks before zooming, so ask it rather than compute from x)
        double x = c.xOfLogical(blocks / 2);
        robot.moveTo(at(robot, x, c.logicalRowY()));
        hoverAt(robot, x, c.logicalRowY());
        long before = blockInStatus(robot);
        assertTrue(Math.abs(before - blocks / 2) < 5000, "under the pointer: " + before);
        for (int i = 0; i < 6; i++) {
            ctrlWheel(robot, x, c.logicalRowY(), 10);
        }
        assertTrue(c.cellWidth() > 4, "zoomed: " + c.cellWidth());
        long under = blockInStatus(robot);
        assertTrue(Math.abs(under - before) <= 1, before + " vs " + under);
        assertEquals(under, c.logicalAt(c.xOfLogical(under), c.logicalRowY()));
        robot.moveTo(logical(robot, under));
        assertEquals("logical " + under + " (page " + under / 4 + ") \u2192 disk " + (5000 + under) + ", extent 1",
                status(robot));
        assertEquals(5000 + under, c.diskAt(c.xOfDisk(5000 + under), c.diskRowY()));

        robot.clickOn(logical(robot, under)).type(KeyCode.DELETE);
        assertEquals(List.of(new Extent(0, 5000, under), new Extent(under + 1, 5001 + under, blocks - under - 1)),
                model().extents());
        robot.clickOn("#undoButton");
        assertEquals(List.of(new Extent(0, 5000, blocks)), model().extents());
        assertNotEquals(0, c.logicalOrigin());
    }
}
