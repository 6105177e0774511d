package mpageviz.ui.window;

import java.nio.file.Path;

import javafx.stage.Stage;

import mpageviz.layout.DefaultSample;
import mpageviz.ui.MpageVizApp;
import mpageviz.ui.Shots;
import mpageviz.ui.run.Jobs;
import mpageviz.ui.run.PlaybackModel;
import mpageviz.ui.run.Ticker;
import mpageviz.ui.samples.SampleCatalog;

/**
 * Saves screenshots of the main window at key steps of the default sample, in each theme. Not a test: run it
 * under Xvfb (see the README) and look at the pictures.
 *
 * <p>{@code xvfb-run -s "-screen 0 1600x1000x24" mvn -q test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=mpageviz.ui.window.ScreenshotTour}
 */
public final class ScreenshotTour {
    private ScreenshotTour() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Shots.start(args);
        String[][] shots = {
            {"theme-light.css", "0", "01-start"},
            {"theme-light.css", "bio", "02-first-bio-sent"},
            {"theme-light.css", "meta", "03-indirect-block-read"},
            {"theme-light.css", "end", "04-end"},
            {"theme-projector.css", "bio", "05-projector"},
            {"theme-dark.css", "end", "06-dark"},
            {"theme-light.css", "fallback", "07-hole-then-data-fallback", "05-hole-then-data.layout.json"},
            {"theme-light.css", "bh-served", "08-discontiguous-buffers-served", "06-discontiguous.layout.json"},
            {"theme-light.css", "meta", "09-ext2-boundary", "32-ext2-boundary.layout.json"},
            {"theme-light.css", "end", "10-ext2-holes", "33-ext2-holes.layout.json"},
        };
        for (String[] shot : shots) {
            Shots.take(shot[2], done -> {
                Stage stage = new Stage();
                MainWindowController w = MpageVizApp.createWindow(stage, Ticker.NONE, Jobs.synchronous());
                stage.setWidth(1600);
                stage.setHeight(1000);
                w.applyTheme(shot[0], false);
                if (shot.length > 3) {
                    w.show(SampleCatalog.load(shot[3]), null, null, shot[3]);
                } else {
                    w.show(DefaultSample.load(), null, null, DefaultSample.NAME);
                }
                stage.show();
                PlaybackModel m = w.model();
                m.session().runToEnd();
                while (!m.session().finished()) {
                    Thread.sleep(5);
                }
                m.poll();
                switch (shot[1]) {
                    case "bio":
                        m.forwardTo(PlaybackModel.BIO);
                        break;
                    case "meta":
                        m.forwardTo(e -> e instanceof mpageviz.trace.Events.PlugFlush);
                        break;
                    case "end":
                        m.toEnd();
                        break;
                    case "fallback":
                        m.forwardTo(e -> e instanceof mpageviz.trace.Events.Fallback);
                        w.selection().selectPage(1);
                        break;
                    case "bh-served":
                        m.forwardTo(e -> e instanceof mpageviz.trace.Events.RequestServe);
                        m.forwardTo(e -> e instanceof mpageviz.trace.Events.BioEnd
                                && !((mpageviz.trace.Events.BioEnd) e).ok() || e instanceof
                                mpageviz.trace.Events.CallEnd);
                        w.selection().selectPage(1);
                        break;
                    default:
                        break;
                }
                stage.getScene().getRoot().applyCss();
                stage.getScene().getRoot().layout();
                Shots.afterTwoPulses(() -> {
                    try {
                        Shots.save(stage.getScene().getRoot(), out.resolve(shot[2] + ".png"));
                        m.session().close();
                        stage.close();
                    } finally {
                        done.run();
                    }
                });
            });
        }
        Shots.finish();
    }
}
