package mpageviz.ui.window;

import java.util.function.Predicate;

import javafx.scene.Scene;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

import mpageviz.trace.Event;
import mpageviz.ui.run.Jobs;
import mpageviz.ui.run.PlaybackModel;

/**
 * The window's playback keys (listed in the help dialog and the status bar hint): Space, the arrows with Shift
 * (page), Ctrl (bio) or Alt (get_block), Home/End, Esc (cancel a job), F5 (to the breakpoint) and F1 (help). A
 * scene-wide filter, so they work whichever panel has the focus, except while typing in a text field.
 */
final class TransportKeys {
    private final PlaybackModel model;
    private final Jobs jobs;
    private final Runnable runToEnd;
    private final Runnable showHelp;

    TransportKeys(PlaybackModel model, Jobs jobs, Runnable runToEnd, Runnable showHelp) {
        this.model = model;
        this.jobs = jobs;
        this.runToEnd = runToEnd;
        this.showHelp = showHelp;
    }

    void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
    }

    private void onKey(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl) {
            return;
        }
        boolean handled = true;
        KeyCode code = e.getCode();
        if (code == KeyCode.SPACE) {
            model.togglePlay();
        } else if (code == KeyCode.RIGHT) {
            move(e, true);
        } else if (code == KeyCode.LEFT) {
            move(e, false);
        } else if (code == KeyCode.HOME) {
            model.toStart();
        } else if (code == KeyCode.END) {
            runToEnd.run();
        } else if (code == KeyCode.ESCAPE && jobs.currentProperty().get() != null) {
            jobs.currentProperty().get().cancel();
        } else if (code == KeyCode.F5) {
            model.continueToBreakpoint();
        } else if (code == KeyCode.F1) {
            showHelp.run();
        } else {
            handled = false;
        }
        if (handled) {
            e.consume();
        }
    }

    /** One event, or with a modifier to the next or previous event of that kind. */
    private void move(KeyEvent e, boolean forward) {
        Predicate<Event> what = e.isShortcutDown() ? PlaybackModel.BIO : e.isShiftDown() ? PlaybackModel.PAGE
                : e.isAltDown() ? PlaybackModel.GET_BLOCK : null;
        if (what == null) {
            if (forward) {
                model.stepForward();
            } else {
                model.stepBack();
            }
        } else if (forward) {
            model.forwardTo(what);
        } else {
            model.backTo(what);
        }
    }
}
