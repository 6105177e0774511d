package mpageviz.ui.builder;

import java.nio.file.Path;

import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import mpageviz.layout.LayoutReader;
import mpageviz.ui.MpageVizApp;
import mpageviz.ui.Shots;
import mpageviz.ui.run.Jobs;
import mpageviz.ui.run.Ticker;
import mpageviz.ui.window.MainWindowController;

/**
 * Saves a screenshot of each tab of the layout builder, opened from the main window on sample 11 (a page with
 * buffers), in the light and projector themes. Not a test: run it under Xvfb and look at the pictures.
 */
public final class BuilderTour {
    private BuilderTour() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Shots.start(args);
        for (String theme : new String[] {"theme-light.css", "theme-projector.css"}) {
            for (int tab = 0; tab < 6; tab++) {
                int which = tab;
                String name = "builder-" + theme.replace("theme-", "").replace(".css", "") + "-" + which;
                Shots.take(name, done -> {
                    Stage stage = new Stage();
                    MainWindowController w = MpageVizApp.createWindow(stage, Ticker.NONE, Jobs.synchronous());
                    w.applyTheme(theme, false);
                    w.show(LayoutReader.read(Path.of("samples/11-readpage-has-buffers.layout.json")), null, null,
                            "sample 11");
                    stage.show();
                    LayoutBuilderWindow b = w.openBuilder();
                    b.stage().setWidth(1280);
                    b.stage().setHeight(800);
                    ((TabPane) b.stage().getScene().lookup("#sectionTabs")).getSelectionModel().select(which);
                    ((TableView<?>) b.stage().getScene().lookup("#pageCacheTable")).getSelectionModel().select(0);
                    Shots.afterTwoPulses(() -> {
                        try {
                            Shots.save(b.stage().getScene().getRoot(), out.resolve(name + ".png"));
                            b.stage().close();
                            w.model().session().close();
                            stage.close();
                        } finally {
                            done.run();
                        }
                    });
                });
            }
        }
        Shots.finish();
    }
}
