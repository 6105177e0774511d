package mpageviz.ui.window;

import javafx.stage.Stage;

import mpageviz.layout.DefaultSample;
import mpageviz.ui.MpageVizApp;
import mpageviz.ui.run.Jobs;
import mpageviz.ui.run.Ticker;

/** The main window as the window tests start it: on the built-in sample, with no ticker and jobs run in line. */
final class TestWindows {
    private TestWindows() {
    }

    /** Builds the window on {@code stage}, shows the default sample at step 0, and shows the stage. */
    static MainWindowController onDefaultSample(Stage stage) throws Exception {
        MainWindowController window = MpageVizApp.createWindow(stage, Ticker.NONE, Jobs.synchronous());
        window.show(DefaultSample.load(), null, null, DefaultSample.NAME);
        stage.show();
        return window;
    }
}
