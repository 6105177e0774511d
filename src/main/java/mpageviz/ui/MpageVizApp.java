package mpageviz.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import mpageviz.layout.DefaultSample;
import mpageviz.layout.Layout;
import mpageviz.ui.run.FxTicker;
import mpageviz.ui.run.Jobs;
import mpageviz.ui.run.PlaybackModel;
import mpageviz.ui.run.Ticker;
import mpageviz.ui.window.MainWindowController;

/**
 * The JavaFX application: one main window, opened on the built-in BH_Boundary sample with a synthetic image and
 * paused at step 0. {@link #createWindow} is the one way the window is built, for the app and its tests.
 */
public final class MpageVizApp extends Application {
    private MainWindowController window;

    @Override
    public void start(Stage stage) throws Exception {
        window = createWindow(stage, new FxTicker(), Jobs.background());
        Layout layout = DefaultSample.load();
        window.show(layout, null, null, DefaultSample.NAME);
        stage.show();
    }

    /** Builds the main window in a stage, with its scene, theme, keys and poller. */
    public static MainWindowController createWindow(Stage stage, Ticker ticker, Jobs jobs) {
        PlaybackModel model = new PlaybackModel(ticker);
        MainWindowController window = new MainWindowController(model, jobs);
        Scene scene = new Scene(window.getRoot(), 1500, 940);
        stage.setScene(scene);
        stage.setTitle("mpage-visualizer: how fs/mpage.c turns page-cache I/O into disk requests");
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        window.attach(scene);
        return window;
    }

    @Override
    public void stop() {
        if (window != null && window.model().session() != null) {
            window.model().session().close();
        }
    }
}
