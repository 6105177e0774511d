package mpageviz.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;

import javafx.animation.AnimationTimer;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
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
import mpageviz.layout.LayoutReader;
import mpageviz.layout.LayoutWriter;
import mpageviz.trace.Trace;
import mpageviz.trace.TraceFile;
import mpageviz.ui.anim.Animations;
import mpageviz.ui.dialog.Ext2ImportDialog;
import mpageviz.ui.dialog.GenerateDialog;
import mpageviz.ui.dialog.HelpDialog;
import mpageviz.ui.dialog.RunDialog;
import mpageviz.ui.panel.BioPanelController;
import mpageviz.ui.panel.EventLogPanelController;
import mpageviz.ui.panel.NarrationPanelController;
import mpageviz.ui.panel.PageCachePanelController;
import mpageviz.view.PageBytes;
import mpageviz.view.RunState;

/**
 * The main window: menus, the transport bar and scrubber, the panels, the status bar and the keys. It wires
 * panels to the {@link PlaybackModel} and loads runs; every panel draws from the state at the cursor.
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
    private final RunPanels panels;
    private final PngSnapshots png;
    private final AnimationTimer poller;
    private final Preferences prefs = Preferences.userRoot().node("mpage-visualizer");
    private final FileChoosers choosers = new FileChoosers(this::window);
    private final RecentFiles recentFiles;
    private final StatusLine status;
    private final Themes themes;
    private final TransportBar transport;
    private Path layoutFile;
    private Path image;
    private String runName = "";

    public MainWindowController(PlaybackModel model, Jobs jobs) {
        super("MainWindow.fxml");
        this.model = model;
        this.jobs = jobs;
        this.panels = new RunPanels(model, selection, leftColumn, middleColumn, rightColumn);
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
        recentFiles = new RecentFiles(recentMenu, prefs, this::openLayoutFile);
        themes = new Themes(mainWindow, themeGroup, prefs, () -> {
            panels.refreshPalette();
            renderAll(model.getState(), null);
        }, lightThemeItem, darkThemeItem, projectorThemeItem);
        png = new PngSnapshots(savePanelPngMenu, panels.byName(), choosers, status);
        wireMenus();
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

    // ------------------------------------------------------------------ loading runs

    /** Starts a live run of a layout ({@code file} null for a built-in sample) on its image or {@code image}. */
    public void show(Layout layout, Path file, Path imageOverride, String name) {
        Session old = model.session();
        Session s = Session.live(layout, imageOverride, PlaybackModel.LOOKAHEAD);
        this.layoutFile = file;
        this.image = imageOverride;
        this.runName = name;
        selection.selectPage(-1);
        selection.selectRequest(0);
        selection.selectBio(0);
        panels.stats().setDisk(disk(layout, imageOverride));
        model.setSession(s);
        if (old != null) {
            old.close();
        }
        runTitleLabel.setText(name + ": " + layout.title());
        if (file != null) {
            recentFiles.remember(file);
        }
    }

    /** Replays a recorded trace; nothing runs. */
    public void replay(Trace trace, String name) {
        Session old = model.session();
        this.layoutFile = null;
        this.image = null;
        this.runName = name;
        panels.stats().setDisk(disk(trace.layout(), null));
        model.setSession(Session.replay(trace));
        if (old != null) {
            old.close();
        }
        runTitleLabel.setText(name + " (replay): " + trace.layout().title());
    }

    /** Where the hex view reads disk bytes: the synthetic stamps, or the image file itself. */
    private static PageBytes.Disk disk(Layout layout, Path imageOverride) {
        Path img = imageOverride != null ? imageOverride : layout.device().image() == null ? null
                : layout.baseDir() == null ? Path.of(layout.device().image())
                : layout.baseDir().resolve(layout.device().image());
        return img == null ? PageBytes.synthetic(layout.geometry().blockSize()) : PageBytes.image(img);
    }

    /** Reads a layout file off the FX thread; a bad one is reported and the current run stays. */
    public void openLayoutFile(Path file) {
        jobs.submit("Reading " + file.getFileName(), Jobs.plain(() -> LayoutReader.read(file)),
                layout -> show(layout, file, null, file.getFileName().toString()),
                error -> status.showError("Cannot open " + file.getFileName(), error));
    }

    public void openSample(String name) {
        jobs.submit("Reading sample " + name, Jobs.plain(() -> SampleCatalog.load(name)),
                layout -> show(layout, null, null, name),
                error -> status.showError("Cannot open sample " + name, error));
    }

    public void importTraceFile(Path file) {
        jobs.submit("Importing " + file.getFileName(), Jobs.plain(() -> TraceFile.load(file)),
                trace -> replay(trace, file.getFileName().toString()),
                error -> status.showError("Cannot import " + file.getFileName(), error));
    }

    /**
     * Opens an ext2 image off the FX thread and, if it reads as ext2, the dialog that picks one of its files; the
     * layout built from it starts a run named IMAGE:PATH. A bad image is reported and the current run stays.
     */
    public void importFromExt2(Path imageFile) {
        String name = String.valueOf(imageFile.getFileName());
        jobs.submit("Opening " + name, Jobs.plain(() -> Ext2ImportDialog.Source.open(imageFile)),
                source -> {
                    Ext2ImportDialog d = new Ext2ImportDialog(source, jobs, window());
                    d.setOnHidden(e -> {
                        if (d.getResult() != null) {
                            show(d.getResult(), null, null, name + ":" + d.importedPath());
                        }
                    });
                    d.show();
                },
                error -> status.showError("Cannot import from " + name, error));
    }

    /** Generates layout #0 of a batch and runs it at once. */
    public void openGenerated(GenerateDialog.Choice batch) {
        jobs.submit("Generating " + batch.name(0), Jobs.plain(() -> batch.layout(0)),
                layout -> show(layout, null, null, batch.name(0)),
                error -> status.showError("Cannot generate " + batch.name(0), error));
    }

    /** Generates a whole batch off the FX thread and saves it into {@code folder} under the command line's names. */
    public void saveGenerated(GenerateDialog.Choice batch, Path folder) {
        jobs.<Integer>submit("Saving " + batch.count() + " generated layouts", job -> {
            Files.createDirectories(folder);
            for (int i = 0; i < batch.count(); i++) {
                if (job.isCancelled()) {
                    return i;
                }
                job.message("Saving " + batch.fileName(i));
                LayoutWriter.save(batch.layout(i), folder.resolve(batch.fileName(i)));
                job.progress((i + 1.0) / batch.count());
            }
            return batch.count();
        }, n -> status.say("Saved " + n + " generated layout" + (n == 1 ? "" : "s") + " in " + folder),
                error -> status.showError("Cannot save the generated layouts", error));
    }

    /** Writes the whole run's trace (letting a live run finish first) to a temporary name, then renames it. */
    public void exportTraceFile(Path file) {
        Session s = model.session();
        s.runToEnd();
        jobs.submit("Exporting " + file.getFileName(), job -> {
            while (!s.finished()) {
                Thread.sleep(5);
            }
            if (s.failure() != null) {
                throw new IOException("the run failed: " + s.failure().getMessage(), s.failure());
            }
            TraceFile.save(s.trace(), file);
            return file;
        }, f -> model.poll(), error -> status.showError("Cannot export the trace", error));
    }

    /** Saves a node (the window or one panel) as a PNG, through a temporary file. */
    public void savePng(Node node, Path file) {
        png.save(node, file);
    }

    private Window window() {
        return mainWindow.getScene() == null ? null : mainWindow.getScene().getWindow();
    }

    // ------------------------------------------------------------------ rendering

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

    // ------------------------------------------------------------------ transport

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

    /** To the end of the run, through a job with a progress bar when a long live run must be prepared first. */
    public void runToEnd() {
        transport.runToEnd(runName);
    }

    @FXML private void continueToBreakpoint() {
        model.continueToBreakpoint();
    }

    // ------------------------------------------------------------------ menus

    private void wireMenus() {
        for (SampleCatalog.Sample s : SampleCatalog.list()) {
            MenuItem item = new MenuItem(s.name().replace(".layout.json", "") + "  \u2014  " + s.title());
            item.setId("sample-" + s.name());
            item.setOnAction(e -> openSample(s.name()));
            samplesMenu.getItems().add(item);
        }
        new BreakpointsMenu(breakpointsMenu, model, this::window, status);
        findItem("openLayoutItem").setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        findItem("importTraceItem").setAccelerator(KeyCombination.keyCombination("Shortcut+I"));
        findItem("exportTraceItem").setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        findItem("rerunItem").setAccelerator(KeyCombination.keyCombination("Shortcut+R"));
        findItem("editLayoutItem").setAccelerator(KeyCombination.keyCombination("Shortcut+B"));
        findItem("quitItem").setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
    }

    private MenuItem findItem(String id) {
        for (Menu m : ((javafx.scene.control.MenuBar) mainWindow.lookup("#menuBar")).getMenus()) {
            for (MenuItem i : m.getItems()) {
                if (id.equals(i.getId())) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("no menu item " + id);
    }

    /** Swaps the theme sheet (base.css stays), redraws, and remembers the choice for the next launch. */
    public void applyTheme(String theme) {
        applyTheme(theme, true);
    }

    public void applyTheme(String theme, boolean remember) {
        themes.apply(theme, remember);
    }

    @FXML private void openLayout() {
        Path f = choosers.open("Open a layout", ".layout.json", ".json");
        if (f != null) {
            openLayoutFile(f);
        }
    }

    @FXML private void openImage() {
        Path f = choosers.open("Run on a disk image", ".img");
        if (f != null) {
            Layout l = model.session().layout();
            show(l, layoutFile, f, runName + " on " + f.getFileName());
        }
    }

    @FXML private void importExt2() {
        Path f = choosers.open("Import a file from an ext2 image", ".img", ".ext2");
        if (f != null) {
            importFromExt2(f);
        }
    }

    @FXML private void importTrace() {
        Path f = choosers.open("Import a trace", ".trace.json", ".json");
        if (f != null) {
            importTraceFile(f);
        }
    }

    @FXML private void exportTrace() {
        Path f = choosers.save("Export the trace", "json", runName.replace(".layout.json", "") + ".trace.json");
        if (f != null) {
            exportTraceFile(f);
        }
    }

    @FXML private void saveWindowPng() {
        png.saveWindow(mainWindow);
    }

    @FXML private void quit() {
        javafx.application.Platform.exit();
    }

    @FXML private void rerun() {
        show(model.session().layout(), layoutFile, image, runName);
    }

    @FXML private void editRun() {
        new RunDialog(model.session().layout(), window()).showAndWait().ifPresent(l ->
                show(l, null, image, runName + " (edited)"));
    }

    @FXML private void generateLayouts() {
        showGenerateDialog();
    }

    /** The generator dialog, not modal to the test thread: its choice is acted on when it closes. */
    public GenerateDialog showGenerateDialog() {
        GenerateDialog d = new GenerateDialog(window());
        d.setOnHidden(e -> {
            GenerateDialog.Choice batch = d.getResult();
            if (batch == null) {
                return;
            }
            if (batch.action() == GenerateDialog.Action.OPEN_FIRST) {
                openGenerated(batch);
            } else {
                Path folder = choosers.folder("Save " + batch.count() + " generated layouts in");
                if (folder != null) {
                    saveGenerated(batch, folder);
                }
            }
        });
        d.show();
        return d;
    }

    /** Opens the layout builder on the current run's layout; its Run button shows the edited layout here. */
    @FXML private void editLayout() {
        openBuilder();
    }

    public mpageviz.ui.builder.LayoutBuilderWindow openBuilder() {
        return mpageviz.ui.builder.LayoutBuilderWindow.open(window(), model.session().layout(),
                layout -> show(layout, null, null, "builder: " + layout.title()));
    }

    @FXML private void showHelp() {
        HelpDialog d = new HelpDialog(window());
        d.show();
    }
}
