package mpageviz;

import javafx.application.Application;

import mpageviz.cli.Cli;
import mpageviz.ui.MpageVizApp;

/**
 * Entry point. A plain class, not an Application, so that the jar starts with JavaFX on the class path: with a
 * command it runs the command line, without one it opens the window.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.exit(new Cli(System.out, System.err).execute(args));
        }
        Application.launch(MpageVizApp.class, args);
    }
}
