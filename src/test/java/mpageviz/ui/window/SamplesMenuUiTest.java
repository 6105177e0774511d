package mpageviz.ui.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import mpageviz.trace.Summary;
import mpageviz.ui.run.Session;

/** File ▸ Samples ▸ an ext2 sample: the run reads the real image shipped with the application, and shows its bytes. */
@ExtendWith(ApplicationExtension.class)
class SamplesMenuUiTest {
    private MainWindowController window;

    @Start
    void start(Stage stage) throws Exception {
        window = TestWindows.onDefaultSample(stage);
    }

    @AfterEach
    void closeRun() {
        if (window.model().session() != null) {
            window.model().session().close();
        }
    }

    private static MenuItem sampleItem(FxRobot robot, String name) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        Menu samples = bar.getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> "samplesMenu".equals(i.getId())).map(Menu.class::cast).findFirst().orElseThrow();
        return samples.getItems().stream().filter(i -> ("sample-" + name).equals(i.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no File ▸ Samples item for " + name));
    }

    @Test
    void ext2Sample_runsOnTheShippedImage_andTheHexViewShowsTheFilesText(FxRobot robot) throws Exception {
        MenuItem item = sampleItem(robot, "32-ext2-boundary.layout.json");
        assertTrue(item.getText().contains("ext2 image: BH_Boundary"), item.getText());
        robot.interact(item::fire);
        String title = robot.lookup("#runTitleLabel").queryAs(Label.class).getText();
        assertTrue(title.contains("ext2 image: BH_Boundary"), title);

        Session s = window.model().session();
        s.runToEnd();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, s::finished);
        robot.interact(() -> window.model().poll());
        Summary summary = s.summary();
        assertEquals(List.of("bio", "meta", "bio"),
                summary.submissions().stream().map(Summary.Submission::kind).toList());
        assertEquals(68L, summary.submissions().get(0).sector());

        robot.clickOn("#toEndButton");
        robot.interact(() -> window.selection().selectPage(3));
        String hex = robot.lookup("#hexArea").queryAs(TextArea.class).getText();
        // the ASCII column of the first line: page 3 starts with logical block 12's text
        assertTrue(hex.startsWith("00000  ") && hex.lines().findFirst().orElseThrow().endsWith(" boundary.txt log"),
                hex.lines().findFirst().orElseThrow());
        assertTrue(hex.contains("ical block 12 li"), "page 3 starts at logical block 12");
    }
}
