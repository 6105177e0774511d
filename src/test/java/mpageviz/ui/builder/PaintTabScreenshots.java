package mpageviz.ui.builder;

import java.nio.file.Path;

import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import mpageviz.layout.Layout;
import mpageviz.layout.LayoutReader;
import mpageviz.layout.RunSpec;
import mpageviz.testutil.LayoutBuilder;
import mpageviz.ui.Resources;
import mpageviz.ui.Shots;

/**
 * Saves pictures of the layout builder's Paint tab in the light, dark and projector themes, for a person to look
 * at. Not a test: run it under Xvfb, e.g.
 * {@code xvfb-run -a -s "-screen 0 1600x1000x24" java -cp <test classpath> mpageviz.ui.builder.PaintTabScreenshots}.
 */
public final class PaintTabScreenshots {
    private PaintTabScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Shots.start(args);
        Layout sample = LayoutReader.read(Path.of("samples/07-boundary.layout.json"));
        Layout big = bigFile();
        shot(out, "paint-01-light", "theme-light.css", sample, "hover-meta");
        shot(out, "paint-02-projector-drag", "theme-projector.css", sample, "drag");
        shot(out, "paint-03-dark", "theme-dark.css", sample, "focus");
        shot(out, "paint-07-metadata-drag", "theme-light.css", sample, "meta-drag");
        shot(out, "paint-04-big-open", "theme-light.css", big, "none");
        shot(out, "paint-05-big-fit", "theme-light.css", big, "fit");
        shot(out, "paint-06-projector-big", "theme-projector.css", big, "zoom-far");
        Shots.finish();
    }

    /** An ext2-like 100,000-block file: 12 direct blocks, then 256-block runs each after its indirect block. */
    static Layout bigFile() {
        LayoutBuilder b = LayoutBuilder.layout().title("big ext2-like file").size(100_000L * 1024)
                .device(200_000, 1024, 128).run(RunSpec.readpages(0, 4));
        b.extent(0, 5000, 12);
        long disk = 5012;
        b.metadata(disk, 12, 267, false, false);
        b.boundary(11);
        disk++;
        b.extent(12, disk, 256);
        disk += 256;
        b.metadata(disk, 268, 65_803, true, false);
        disk++;
        for (long l = 268; l < 100_000; l += 256) {
            long n = Math.min(256, 100_000 - l);
            if (l < 65_804) {
                b.metadata(disk, l, l + 255, false, false);
                disk++;
            }
            b.extent(l, disk, n);
            b.boundary(l - 1);
            disk += n + (l % 2048 == 268 ? 40 : 0);
        }
        return b.build();
    }

    private static void shot(Path out, String name, String theme, Layout layout, String what) throws Exception {
        Shots.take(name, done -> {
            Stage owner = new Stage();
            Scene ownerScene = new Scene(new StackPane(), 10, 10);
            ownerScene.getStylesheets().setAll(Resources.stylesheet("base.css"), Resources.stylesheet(theme));
            owner.setScene(ownerScene);
            LayoutBuilderWindow w = LayoutBuilderWindow.open(owner, layout, l -> { });
            Stage stage = w.stage();
            stage.setWidth(1400);
            stage.setHeight(860);
            TabPane tabs = (TabPane) stage.getScene().lookup("#sectionTabs");
            tabs.getSelectionModel().select(tabs.getTabs().stream()
                    .filter(t -> "Paint".equals(t.getText())).findFirst().orElseThrow());
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            BlockPaintCanvas c = w.paintCanvas();
            // two pulses: the first layout fits the view, the resize to 1400 x 860 fits it again
            Shots.afterTwoPulses(() -> {
                act(c, what);
                long t0 = System.nanoTime();
                for (int i = 0; i < 10; i++) {
                    c.redraw();
                }
                System.out.printf("%s: %.1f ms per redraw; status: %s%n", name,
                        (System.nanoTime() - t0) / 1e7, c.statusProperty().get());
                Shots.afterTwoPulses(() -> {
                    try {
                        Shots.save(stage.getScene().getRoot(), out.resolve(name + ".png"));
                        stage.close();
                    } finally {
                        done.run();
                    }
                });
            });
        });
    }

    private static void act(BlockPaintCanvas c, String what) {
        Node surface = c.getChildrenUnmodifiable().get(0);
        switch (what) {
            case "hover-meta":
                mouse(surface, MouseEvent.MOUSE_MOVED, c.xOfDisk(1012), c.diskRowY(), false);
                break;
            case "drag":
                mouse(surface, MouseEvent.MOUSE_PRESSED, c.xOfLogical(4), c.logicalRowY(), true);
                mouse(surface, MouseEvent.MOUSE_DRAGGED, c.xOfLogical(6), c.logicalRowY(), true);
                mouse(surface, MouseEvent.MOUSE_DRAGGED, c.xOfDisk(1006), c.diskRowY(), true);
                break;
            case "meta-drag":
                c.toolProperty().set(PaintTool.METADATA);
                mouse(surface, MouseEvent.MOUSE_PRESSED, c.xOfLogical(0), c.logicalRowY(), true);
                mouse(surface, MouseEvent.MOUSE_DRAGGED, c.xOfLogical(3), c.logicalRowY(), true);
                mouse(surface, MouseEvent.MOUSE_DRAGGED, c.xOfDisk(998), c.diskRowY(), true);
                break;
            case "focus":
                c.requestFocus();
                mouse(surface, MouseEvent.MOUSE_MOVED, c.xOfLogical(11), c.logicalRowY(), false);
                break;
            case "fit":
                c.fit();
                mouse(surface, MouseEvent.MOUSE_MOVED, c.xOfLogical(30_000), c.logicalRowY(), false);
                break;
            case "zoom-far":
                c.fit();
                c.zoomAt(40, c.xOfLogical(66_000));
                mouse(surface, MouseEvent.MOUSE_MOVED, c.xOfLogical(66_000), c.logicalRowY(), false);
                break;
            default:
                break;
        }
    }

    private static void mouse(Node target, javafx.event.EventType<MouseEvent> type, double x, double y,
                              boolean down) {
        // events carry scene coordinates; the node sees them in its own
        javafx.geometry.Point2D p = target.localToScene(x, y);
        Event.fireEvent(target, new MouseEvent(type, p.getX(), p.getY(), p.getX(), p.getY(),
                down ? MouseButton.PRIMARY : MouseButton.NONE, 1,
                false, false, false, false, down, false, false, false, false, false, null));
    }
}
