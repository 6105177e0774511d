package mpageviz.ui.window;

import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import org.controlsfx.control.StatusBar;

import mpageviz.layout.Layout;
import mpageviz.trace.Trace;
import mpageviz.ui.FxmlPart;
import mpageviz.ui.anim.Animations;
import mpageviz.ui.builder.LayoutBuilderWindow;
import mpageviz.ui.dialog.GenerateDialog;
import mpageviz.ui.dialog.HelpDialog;
import mpageviz.ui.dialog.RunDialog;
import mpageviz.ui.panel.BioPanelController;
import mpageviz.ui.panel.EventLogPanelController;
import mpageviz.ui.panel.NarrationPanelController;
import mpageviz.ui.panel.PageCachePanelController;
import mpageviz.ui.run.Jobs;
import mpageviz.ui.run.PlaybackModel;
import mpageviz.ui.run.Selection;
import mpageviz.view.RunState;

/**
 * The main window: menus, the transport bar and scrubber, the panels, the status bar and the keys. It builds the
 * pieces that do each job ({@link RunPanels}, {@link TransportBar}, {@link RunFiles}, ...), ties them to the
 * {@link PlaybackModel} and to the FXML's handlers, and redraws every panel from the state at the cursor.
 */
public final class MainWindowController extends FxmlPart<BorderPane> {
    @FXML private BorderPane mainWindow;
    @FXML private Menu recentMenu;
    @FXML private Menu samplesMenu;
    @FXML private Menu savePanelPngMenu;
    @FXML private Menu breakpointsMenu;
    @FXML private ToggleGroup themeGroup;
    @FXML private RadioMenuItem lightThemeItem;
    @FXML private RadioMenuItem darkThemeItem;
    @FXML private RadioMenuItem projectorThemeItem;
    @FXML private CheckMenuItem animationsItem;
    @FXML private Button toStartButton;
    @FXML private Button bioBackButton;
    @FXML private Button pageBackButton;
    @FXML private Button getBlockBackButton;
    @FXML private Button stepBackButton;
    @FXML private Button playButton;
    @FXML private Button stepForwardButton;
    @FXML private Button getBlockForwardButton;
    @FXML private Button pageForwardButton;
    @FXML private Button bioForwardButton;
    @FXML private Button toEndButton;
    @FXML private Button continueButton;
    @FXML private Slider speedSlider;
    @FXML private Label speedLabel;
    @FXML private Label stepLabel;
    @FXML private VBox leftColumn;
    @FXML private VBox middleColumn;
    @FXML private VBox rightColumn;
    @FXML private Slider scrubber;
    @FXML private Label runTitleLabel;
    @FXML private StatusBar statusBar;

    private final PlaybackModel model;
    private final Jobs jobs;
    private final Selection selection = new Selection();
    private final Preferences prefs = Preferences.userRoot().node("mpage-visualizer");
    private final FileChoosers choosers = new FileChoosers(this::window);
    private final RunPanels panels;
    private final StatusLine status;
    private final TransportBar transport;
    private final CurrentRun run;
    private final RunFiles files;
    private final GeneratedLayouts generated;
    private final Themes themes;
    private final PngSnapshots png;
    private final AnimationTimer poller;

    public MainWindowController(PlaybackModel model, Jobs jobs) {
        super("MainWindow.fxml");
        this.model = model;
        this.jobs = jobs;
        panels = new RunPanels(model, selection, leftColumn, middleColumn, rightColumn);
        status = new StatusLine(statusBar, model, jobs, this::window);
        transport = new TransportBar(model, jobs, status,
                List.of(toStartButton, bioBackButton, pageBackButton, getBlockBackButton, stepBackButton),
                List.of(stepForwardButton, getBlockForwardButton, pageForwardButton, bioForwardButton, toEndButton,
                        continueButton),
                playButton, speedSlider, speedLabel, scrubber, stepLabel);
        // New events may pass the log's filter even when the cursor stays put.
        model.availableProperty().addListener(o -> {
            if (model.getState() != null) {
                panels.eventLog().render(model.getState());
            }
        });
        RecentFiles recentFiles = new RecentFiles(recentMenu, prefs, this::openLayoutFile);
        run = new CurrentRun(model, selection, panels.stats(), runTitleLabel, recentFiles::remember);
        files = new RunFiles(jobs, model, run, status, choosers, this::window);
        files.fillSamplesMenu(samplesMenu);
        generated = new GeneratedLayouts(jobs, run, status, choosers, this::window);
        themes = new Themes(mainWindow, themeGroup, prefs, () -> {
            panels.refreshPalette();
            renderAll(model.getState(), null);
        }, lightThemeItem, darkThemeItem, projectorThemeItem);
        png = new PngSnapshots(savePanelPngMenu, panels.byName(), choosers, status);
        new BreakpointsMenu(breakpointsMenu, model, this::window, status);
        setAccelerators();
        model.stateProperty().addListener((o, before, after) -> {
            if (after != null) {
                renderAll(after, before);
            }
        });
        selection.pageProperty().addListener(o -> renderAll(model.getState(), null));
        selection.requestProperty().addListener(o -> renderAll(model.getState(), null));
        selection.bioProperty().addListener(o -> renderAll(model.getState(), null));
        // Moving the cursor ends a bio pick: the BIO panel goes back to following mpage.
        model.stepProperty().addListener(o -> {
            if (selection.bioProperty().get() != 0) {
                selection.selectBio(0);
            }
        });
        poller = new AnimationTimer() {
            @Override
            public void handle(long now) {
                model.poll();
            }
        };
    }

    /** Installs keys and the poller once the window has a scene. */
    public void attach(Scene scene) {
        new TransportKeys(model, jobs, this::runToEnd, this::showHelp).install(scene);
        themes.applySaved();
        poller.start();
    }

    public PlaybackModel model() {
        return model;
    }

    public Selection selection() {
        return selection;
    }

    public PageCachePanelController pageCachePanel() {
        return panels.pageCache();
    }

    public NarrationPanelController narrationPanel() {
        return panels.narration();
    }

    public EventLogPanelController eventLogPanel() {
        return panels.eventLog();
    }

    public BioPanelController bioPanel() {
        return panels.bio();
    }

    private Window window() {
        return mainWindow.getScene() == null ? null : mainWindow.getScene().getWindow();
    }

    private void renderAll(RunState s, RunState before) {
        if (s == null) {
            return;
        }
        panels.render(s);
        transport.showStep(s.step());
        if (before != null && s.step() == before.step() + 1 && animationsItem.isSelected()) {
            panels.animate(before, s, Animations.durationFor(model.speedProperty().get()));
        }
    }

    private void setAccelerators() {
        findItem("openLayoutItem").setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        findItem("importTraceItem").setAccelerator(KeyCombination.keyCombination("Shortcut+I"));
        findItem("exportTraceItem").setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        findItem("rerunItem").setAccelerator(KeyCombination.keyCombination("Shortcut+R"));
        findItem("editLayoutItem").setAccelerator(KeyCombination.keyCombination("Shortcut+B"));
        findItem("quitItem").setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
    }

    private MenuItem findItem(String id) {
        for (Menu m : ((MenuBar) mainWindow.lookup("#menuBar")).getMenus()) {
            for (MenuItem i : m.getItems()) {
                if (id.equals(i.getId())) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("no menu item " + id);
    }

    // ------------------------------------------------------------------ starting, reading and writing runs

    /** Starts a live run of a layout ({@code file} null for a built-in sample) on its image or {@code image}. */
    public void show(Layout layout, Path file, Path imageOverride, String name) {
        run.show(layout, file, imageOverride, name);
    }

    /** Replays a recorded trace; nothing runs. */
    public void replay(Trace trace, String name) {
        run.replay(trace, name);
    }

    /** Reads a layout file off the FX thread; a bad one is reported and the current run stays. */
    public void openLayoutFile(Path file) {
        files.openLayoutFile(file);
    }

    public void openSample(String name) {
        files.openSample(name);
    }

    public void importTraceFile(Path file) {
        files.importTraceFile(file);
    }

    /** Opens an ext2 image off the FX thread, then the dialog that picks one of its files to run. */
    public void importFromExt2(Path imageFile) {
        files.importFromExt2(imageFile);
    }

    /** Writes the whole run's trace (letting a live run finish first) to a temporary name, then renames it. */
    public void exportTraceFile(Path file) {
        files.exportTraceFile(file);
    }

    /** The generator dialog, not modal to the test thread: its choice is acted on when it closes. */
    public GenerateDialog showGenerateDialog() {
        return generated.showDialog();
    }

    /** Generates a whole batch off the FX thread and saves it into {@code folder} under the command line's names. */
    public void saveGenerated(GenerateDialog.Choice batch, Path folder) {
        generated.save(batch, folder);
    }

    /** Opens the layout builder on the current run's layout; its Run button shows the edited layout here. */
    public LayoutBuilderWindow openBuilder() {
        return LayoutBuilderWindow.open(window(), model.session().layout(),
                layout -> show(layout, null, null, "builder: " + layout.title()));
    }

    /** Saves a node (the window or one panel) as a PNG, through a temporary file. */
    public void savePng(Node node, Path file) {
        png.save(node, file);
    }

    /** Swaps the theme sheet (base.css stays), redraws, and remembers the choice for the next launch. */
    public void applyTheme(String theme) {
        applyTheme(theme, true);
    }

    public void applyTheme(String theme, boolean remember) {
        themes.apply(theme, remember);
    }

    /** To the end of the run, through a job with a progress bar when a long live run must be prepared first. */
    public void runToEnd() {
        transport.runToEnd(run.name());
    }

    // ------------------------------------------------------------------ FXML handlers: the transport bar

    @FXML private void toStart() {
        model.toStart();
    }

    @FXML private void bioBack() {
        model.backTo(PlaybackModel.BIO);
    }

    @FXML private void pageBack() {
        model.backTo(PlaybackModel.PAGE);
    }

    @FXML private void getBlockBack() {
        model.backTo(PlaybackModel.GET_BLOCK);
    }

    @FXML private void stepBack() {
        model.stepBack();
    }

    @FXML private void togglePlay() {
        model.togglePlay();
    }

    @FXML private void stepForward() {
        model.stepForward();
    }

    @FXML private void getBlockForward() {
        model.forwardTo(PlaybackModel.GET_BLOCK);
    }

    @FXML private void pageForward() {
        model.forwardTo(PlaybackModel.PAGE);
    }

    @FXML private void bioForward() {
        model.forwardTo(PlaybackModel.BIO);
    }

    @FXML private void toEnd() {
        runToEnd();
    }

    @FXML private void continueToBreakpoint() {
        model.continueToBreakpoint();
    }

    // ------------------------------------------------------------------ FXML handlers: the menus

    @FXML private void openLayout() {
        files.openLayout();
    }

    @FXML private void openImage() {
        Path f = choosers.open("Run on a disk image", ".img");
        if (f != null) {
            run.runOnImage(f);
        }
    }

    @FXML private void importExt2() {
        files.importExt2();
    }

    @FXML private void importTrace() {
        files.importTrace();
    }

    @FXML private void exportTrace() {
        files.exportTrace();
    }

    @FXML private void saveWindowPng() {
        png.saveWindow(mainWindow);
    }

    @FXML private void quit() {
        Platform.exit();
    }

    @FXML private void rerun() {
        run.rerun();
    }

    @FXML private void editRun() {
        new RunDialog(model.session().layout(), window()).showAndWait().ifPresent(run::runEdited);
    }

    @FXML private void generateLayouts() {
        showGenerateDialog();
    }

    @FXML private void editLayout() {
        openBuilder();
    }

    @FXML private void showHelp() {
        HelpDialog d = new HelpDialog(window());
        d.show();
    }
}
