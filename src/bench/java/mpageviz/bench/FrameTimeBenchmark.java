package mpageviz.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.layout.SyntheticImage;
import mpageviz.ui.MpageVizApp;
import mpageviz.ui.run.Jobs;
import mpageviz.ui.run.Ticker;
import mpageviz.ui.window.MainWindowController;

/**
 * Frame time while playing: the window steps through a 262,144-page run and through a 16-page run, and each
 * step is timed from the cursor moving to the scene being laid out and drawn (a snapshot of the whole window,
 * which renders it like a frame). Runs headless (Monocle, software rendering). Not a test: figures go in the
 * README. {@code mvn -q -Pbench verify} runs it after the engine benchmark.
 */
public final class FrameTimeBenchmark {
    private static final int PAGE = 4096;

    private FrameTimeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long bigPages = Long.parseLong(System.getProperty("bench.frame.pages", "262144"));
        int steps = Integer.parseInt(System.getProperty("bench.frame.steps", "300"));
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);
        Path dir = Files.createTempDirectory("mpageviz-frames-");
        try {
            Path image = dir.resolve("image.img");
            SyntheticImage.write(image, bigPages + 64, PAGE);
            System.out.printf(Locale.ROOT, "frame time while playing (%d steps each, 1600x1000 window, software "
                    + "rendering):%n", steps);
            double[] small = measure(layout(image, 16), steps);
            double[] big = measure(layout(image, bigPages), steps);
            System.out.printf(Locale.ROOT, "  %,9d pages: mean %.2f ms, p95 %.2f ms%n", 16, small[0], small[1]);
            System.out.printf(Locale.ROOT, "  %,9d pages: mean %.2f ms, p95 %.2f ms  (ratio %.2fx of the 16-page run, "
                    + "goal <= 2x)%n", bigPages, big[0], big[1], big[0] / small[0]);
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
            Platform.exit();
        }
    }

    private static Layout layout(Path image, long pages) {
        return new Layout("bench: contiguous file of " + pages + " pages", "", new Layout.Geometry(PAGE, PAGE),
                new Layout.FileMap(pages * PAGE, List.of(new Layout.Extent(0, 10, pages)), List.of(), List.of(), null),
                new Layout.Device(pages + 64, 1024, 128, image.toString()), List.of(),
                new Layout.GetBlockSpec(0, List.of(), List.of()), List.of(), new Layout.Faults(List.of(), List.of()),
                new Layout.BlockLayerSpec(true, true, false), new Layout.MemorySpec(false),
                RunSpec.readpages(0, pages), null);
    }

    /** Mean and 95th percentile milliseconds per step, stepping from the middle of the run. */
    private static double[] measure(Layout layout, int steps) throws Exception {
        AtomicReference<MainWindowController> window = new AtomicReference<>();
        onFx(() -> {
            Stage stage = new Stage();
            MainWindowController w = MpageVizApp.createWindow(stage, Ticker.NONE, Jobs.synchronous());
            stage.setWidth(1600);
            stage.setHeight(1000);
            w.show(layout, null, null, layout.title());
            stage.show();
            window.set(w);
        });
        MainWindowController w = window.get();
        w.model().session().prepareToEnd((n, f) -> { }, () -> false);
        onFx(() -> {
            w.model().poll();
            w.model().seek(w.model().availableProperty().get() / 2);
        });
        double[] ms = new double[steps];
        for (int i = 0; i < steps; i++) {
            int at = i;
            onFx(() -> {
                long t = System.nanoTime();
                w.model().stepForward();
                Scene scene = w.getRoot().getScene();
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                scene.snapshot(null);
                ms[at] = (System.nanoTime() - t) / 1e6;
            });
        }
        onFx(() -> {
            w.model().session().close();
            ((Stage) w.getRoot().getScene().getWindow()).close();
        });
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        int skip = Math.min(20, steps / 10); // the first frames include warm-up
        double sum = 0;
        for (int i = skip; i < steps; i++) {
            sum += ms[i];
        }
        return new double[] {sum / (steps - skip), sorted[(int) (steps * 0.95)]};
    }

    private static void onFx(Runnable r) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                r.run();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
    }
}
