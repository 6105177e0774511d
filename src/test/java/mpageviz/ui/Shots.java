package mpageviz.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javax.imageio.ImageIO;

/**
 * What the screenshot tools (ScreenshotTour, BuilderTour, PaintTabScreenshots) share: starting the toolkit, one
 * shot at a time on the FX thread, and writing a node as a PNG. They are mains for a person to run under Xvfb
 * and look at the pictures, not tests.
 */
public final class Shots {
    private Shots() {
    }

    /** One shot: sets the scene up on the FX thread and calls {@code done} once its picture is saved. */
    public interface Shot {
        void take(Runnable done) throws Exception;
    }

    /** Starts the toolkit and returns the folder to write to: the first argument, or target/screenshots. */
    public static Path start(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots");
        Files.createDirectories(out);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);
        return out;
    }

    /** Runs one shot on the FX thread and waits (a minute at most) until it says it is done. */
    public static void take(String name, Shot shot) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                shot.take(done::countDown);
            } catch (Exception e) {
                e.printStackTrace();
                done.countDown();
            }
        });
        if (!done.await(60, TimeUnit.SECONDS)) {
            System.err.println("timed out on " + name);
        }
    }

    /** Runs {@code then} two pulses from now, once layout and CSS have settled. */
    public static void afterTwoPulses(Runnable then) {
        Platform.runLater(() -> Platform.runLater(then));
    }

    /** Writes a snapshot of {@code node} as a PNG and says where. */
    public static void save(Node node, Path file) {
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(node.snapshot(null, null), null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("saved " + file);
    }

    /** Ends the tool. */
    public static void finish() {
        Platform.exit();
        System.exit(0);
    }
}
