package mpageviz.ui.builder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import mpageviz.layout.LayoutReader;
import mpageviz.ui.MpageVizApp;
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
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots");
        Files.createDirectories(out);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false);
        for (String theme : new String[] {"theme-light.css", "theme-projector.css"}) {
            for (int tab = 0; tab < 6; tab++) {
                int which = tab;
                CountDownLatch done = new CountDownLatch(1);
                Platform.runLater(() -> {
                    try {
                        Stage stage = new Stage();
                        MainWindowController w = MpageVizApp.createWindow(stage, Ticker.NONE, Jobs.synchronous());
                        w.applyTheme(theme, false);
                        w.show(LayoutReader.read(Path.of("samples/11-readpage-has-buffers.layout.json")), null,
                                null, "sample 11");
                        stage.show();
                        LayoutBuilderWindow b = w.openBuilder();
                        b.stage().setWidth(1280);
                        b.stage().setHeight(800);
                        TabPane tabs = (TabPane) b.stage().getScene().lookup("#sectionTabs");
                        tabs.getSelectionModel().select(which);
                        TableView<?> pages = (TableView<?>) b.stage().getScene().lookup("#pageCacheTable");
                        pages.getSelectionModel().select(0);
                        Platform.runLater(() -> Platform.runLater(() -> {
                            try {
                                String name = "builder-" + theme.replace("theme-", "").replace(".css", "") + "-"
                                        + which + ".png";
                                javax.imageio.ImageIO.write(SwingFXUtils.fromFXImage(
                                        b.stage().getScene().snapshot(null), null), "png",
                                        out.resolve(name).toFile());
                                System.out.println("saved " + out.resolve(name));
                                b.model().replace(b.model().toLayout(), null);
                                b.stage().close();
                                w.model().session().close();
                                stage.close();
                            } catch (Exception e) {
                                e.printStackTrace();
                            } finally {
                                done.countDown();
                            }
                        }));
                    } catch (Exception e) {
                        e.printStackTrace();
                        done.countDown();
                    }
                });
                done.await(60, TimeUnit.SECONDS);
            }
        }
        Platform.exit();
        System.exit(0);
    }
}
