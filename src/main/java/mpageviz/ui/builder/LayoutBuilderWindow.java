package mpageviz.ui.builder;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import mpageviz.layout.Layout;
import mpageviz.layout.Layout.Extent;
import mpageviz.layout.Layout.MetadataBlock;
import mpageviz.layout.Layout.PageSpec;
import mpageviz.ui.FxmlPart;
import mpageviz.ui.Resources;

/**
 * The layout builder window (fxml/LayoutBuilder.fxml): forms and tables over a {@link BuilderModel}, the
 * validator's messages beside the fields they name, undo/redo, open/save, and Run. Run hands the layout to the
 * caller and leaves the window open, so a learner can change one thing and run again.
 */
public final class LayoutBuilderWindow extends FxmlPart<BorderPane> {
    /** Set on a control whose field the validator or the text parser complains about. */
    public static final PseudoClass PROBLEM = PseudoClass.getPseudoClass("problem");
    private static final List<Integer> SIZES = List.of(512, 1024, 2048, 4096, 8192, 16384, 32768, 65536);

    private final BuilderModel model;
    private final Consumer<Layout> onRun;
    private final Stage stage = new Stage();
    private final ProblemMarks problems;
    private final FieldBinder fields;
    private final BuilderFiles files;
    private final BlockMapForm blockMap;
    private final PageCacheForm pageCache;

    @FXML private TabPane sectionTabs;
    @FXML private Button undoButton;
    @FXML private Button redoButton;
    @FXML private Button runButton;
    @FXML private Label statusLabel;
    @FXML private TextField titleField;
    @FXML private TextArea notesArea;
    @FXML private ComboBox<Integer> pageSizeBox;
    @FXML private ComboBox<Integer> blockSizeBox;
    @FXML private TextField fileSizeField;
    @FXML private TextField deviceBlocksField;
    @FXML private TextField maxSectorsField;
    @FXML private TextField maxSegmentsField;
    @FXML private TextField allocatorField;
    @FXML private CheckBox bufferHeadsOverLimitBox;
    @FXML private TableView<Extent> extentsTable;
    @FXML private TableColumn<Extent, Long> logicalColumn;
    @FXML private TableColumn<Extent, Long> physicalColumn;
    @FXML private TableColumn<Extent, Long> countColumn;
    @FXML private ListView<Long> boundariesList;
    @FXML private TextField boundaryField;
    @FXML private TableView<MetadataBlock> metadataTable;
    @FXML private TableColumn<MetadataBlock, Long> metaBlockColumn;
    @FXML private TableColumn<MetadataBlock, Long> metaFirstColumn;
    @FXML private TableColumn<MetadataBlock, Long> metaLastColumn;
    @FXML private TableColumn<MetadataBlock, Boolean> metaCachedColumn;
    @FXML private TableColumn<MetadataBlock, Boolean> metaDirtyColumn;
    @FXML private MenuButton samplesButton;
    @FXML private StackPane paintHost;
    private PaintPane paintPane;
    @FXML private TableView<PageSpec> pageCacheTable;
    @FXML private TableColumn<PageSpec, Long> pageIndexColumn;
    @FXML private TableColumn<PageSpec, Boolean> alreadyCachedColumn;
    @FXML private TableColumn<PageSpec, Boolean> pageFlagsColumn;
    @FXML private TableColumn<PageSpec, String> buffersColumn;
    @FXML private TextField pageIndexField;
    @FXML private VBox buffersEditor;
    @FXML private TextField maxBlocksField;
    @FXML private TextField uptodateField;
    @FXML private TextField errorsField;
    @FXML private TextField cleancacheField;
    @FXML private TextField badSectorsField;
    @FXML private TextField bioAllocFailuresField;
    @FXML private ComboBox<String> opBox;
    @FXML private TextField firstField;
    @FXML private TextField countField;
    @FXML private TextField pagesField;
    @FXML private TextField indexField;
    @FXML private ComboBox<String> syncBox;
    @FXML private TextField rangeStartField;
    @FXML private TextField rangeEndField;
    @FXML private TextField nrToWriteField;
    @FXML private CheckBox cyclicBox;
    @FXML private CheckBox memallocBox;
    @FXML private CheckBox plugBox;
    @FXML private CheckBox mergeBox;
    @FXML private CheckBox sortOnFlushBox;
    @FXML private ListView<String> problemsList;
    @FXML private Label problemsTitleLabel;

    private LayoutBuilderWindow(Window owner, Layout initial, Consumer<Layout> onRun) {
        super("LayoutBuilder.fxml");
        this.model = new BuilderModel(initial);
        this.onRun = onRun;
        if (owner != null) {
            stage.initOwner(owner);
        }
        Scene scene = new Scene(getRoot());
        if (owner != null && owner.getScene() != null && !owner.getScene().getStylesheets().isEmpty()) {
            // follow the main window's theme (light, dark or projector)
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        } else {
            scene.getStylesheets().addAll(Resources.stylesheet("base.css"), Resources.stylesheet("theme-light.css"));
        }
        scene.addEventFilter(KeyEvent.KEY_PRESSED, new UndoKeys(model, stage)::handle);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), this::onSave);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), this::onSaveAs);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::onOpen);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::onNew);
        stage.setScene(scene);
        problems = new ProblemMarks(model, sectionTabs, statusLabel,
                List.of(extentsTable, metadataTable, pageCacheTable));
        fields = new FieldBinder(problems);
        blockMap = new BlockMapForm(model, problems, fields, extentsTable, logicalColumn, physicalColumn, countColumn,
                boundariesList, boundaryField, metadataTable, metaBlockColumn, metaFirstColumn, metaLastColumn,
                metaCachedColumn, metaDirtyColumn);
        pageCache = new PageCacheForm(model, problems, fields, pageCacheTable, pageIndexColumn, alreadyCachedColumn,
                pageFlagsColumn, buffersColumn, pageIndexField, buffersEditor);
        files = new BuilderFiles(model, stage, statusLabel, samplesButton, () -> paintPane.fitToLayout());
        wire();
    }

    /** Opens the builder on a copy of {@code initial}; {@code onRun} receives the layout when Run is pressed. */
    public static LayoutBuilderWindow open(Window owner, Layout initial, Consumer<Layout> onRun) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("LayoutBuilderWindow.open must run on the FX thread");
        }
        LayoutBuilderWindow w = new LayoutBuilderWindow(owner, initial, onRun);
        w.stage.show();
        return w;
    }

    public BuilderModel model() {
        return model;
    }

    public Stage stage() {
        return stage;
    }

    private void wire() {
        stage.titleProperty().bind(Bindings.when(model.unsavedProperty()).then("*").otherwise("")
                .concat(model.titleProperty()).concat(" — layout builder"));
        stage.setOnCloseRequest(e -> {
            if (!files.mayDiscard()) {
                e.consume();
            }
        });
        files.fillSamples();
        undoButton.disableProperty().bind(model.canUndoProperty().not());
        redoButton.disableProperty().bind(model.canRedoProperty().not());
        runButton.disableProperty().bind(model.validBinding().not().or(problems.textOkProperty().not()));
        model.lastEditProperty().addListener((o, was, now) -> statusLabel.setText(now));
        problems.wireList(problemsList, problemsTitleLabel);
        wireFileAndDevice();
        blockMap.wire();
        wirePaint();
        pageCache.wire();
        new FaultsForm(model, fields, maxBlocksField, uptodateField, errorsField, cleancacheField, badSectorsField,
                bioAllocFailuresField).wire();
        new RunForm(model, problems, fields, opBox, syncBox, firstField, countField, pagesField, indexField,
                rangeStartField, rangeEndField, nrToWriteField, cyclicBox, memallocBox, plugBox, mergeBox,
                sortOnFlushBox).wire();
        problems.follow();
    }

    // ---- file and device ----

    private void wireFileAndDevice() {
        pageSizeBox.getItems().setAll(SIZES.subList(1, SIZES.size()));
        blockSizeBox.getItems().setAll(SIZES);
        fields.text(titleField, "title", () -> model.titleProperty().get(), model::setTitle);
        fields.combo(pageSizeBox, "geometry.pageSize", model.pageSizeProperty(), model::setPageSize);
        fields.combo(blockSizeBox, "geometry.blockSize", model.blockSizeProperty(), model::setBlockSize);
        fields.text(fileSizeField, "file.size", () -> String.valueOf(model.fileSizeProperty().get()),
            t -> model.setFileSize(BuilderNotation.number(t)));
        fields.text(deviceBlocksField, "device.blocks", () -> String.valueOf(model.deviceBlocksProperty().get()),
            t -> model.setDeviceBlocks(BuilderNotation.number(t)));
        fields.text(maxSectorsField, "device.maxSectors", () -> String.valueOf(model.maxSectorsProperty().get()),
            t -> model.setMaxSectors((int) BuilderNotation.number(t)));
        fields.text(maxSegmentsField, "device.maxSegments", () -> String.valueOf(model.maxSegmentsProperty().get()),
            t -> model.setMaxSegments((int) BuilderNotation.number(t)));
        fields.text(allocatorField, "file.allocator", () -> BuilderNotation.allocator(model.allocatorProperty().get()),
            t -> model.setAllocator(BuilderNotation.parseAllocator(t)));
        fields.check(bufferHeadsOverLimitBox, model.bufferHeadsOverLimitProperty(), model::setBufferHeadsOverLimit);
        fields.refreshOn(titleField, model.titleProperty());
        // Notes are free text: committed when the area loses focus, shown again after undo.
        UndoKeys.show(notesArea, model.notesProperty().get());
        notesArea.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                model.setNotes(notesArea.getText());
            }
        });
        model.notesProperty().addListener((o, was, now) -> UndoKeys.show(notesArea, now));
        fields.refreshOn(fileSizeField, model.fileSizeProperty());
        fields.refreshOn(deviceBlocksField, model.deviceBlocksProperty());
        fields.refreshOn(maxSectorsField, model.maxSectorsProperty());
        fields.refreshOn(maxSegmentsField, model.maxSegmentsProperty());
        fields.refreshOn(allocatorField, model.allocatorProperty());
    }

    // ---- block map and page cache buttons (their forms do the work) ----

    @FXML
    private void onAddExtent() {
        blockMap.addExtent();
    }

    @FXML
    private void onRemoveExtent() {
        blockMap.removeExtent();
    }

    @FXML
    private void onToggleBoundary() {
        blockMap.toggleBoundary();
    }

    @FXML
    private void onAddMetadata() {
        blockMap.addMetadata();
    }

    @FXML
    private void onRemoveMetadata() {
        blockMap.removeMetadata();
    }

    @FXML
    private void onAddPage() {
        pageCache.addPage();
    }

    @FXML
    private void onRemovePage() {
        pageCache.removePage();
    }

    // ---- painting the block map ----

    private void wirePaint() {
        paintPane = new PaintPane(model);
        paintHost.getChildren().add(paintPane);
    }

    /** The painting canvas (for tests and screenshots). */
    public BlockPaintCanvas paintCanvas() {
        return paintPane.canvas();
    }

    // ---- toolbar ----

    @FXML
    private void onUndo() {
        model.undo();
    }

    @FXML
    private void onRedo() {
        model.redo();
    }

    @FXML
    private void onRun() {
        if (model.validBinding().get() && problems.textOkProperty().get()) {
            onRun.accept(model.toLayout());
        }
    }

    @FXML
    private void onNew() {
        files.newLayout();
    }

    @FXML
    private void onOpen() {
        files.open();
    }

    @FXML
    private boolean onSave() {
        return files.save();
    }

    @FXML
    private boolean onSaveAs() {
        return files.saveAs();
    }

    /** Opens one of the shipped samples to edit; Save then asks where to put the copy. */
    public void openSample(String name) {
        files.openSample(name);
    }

    /** Opens a layout file in the builder (the Open button after its chooser); errors go to the status line. */
    public void openFile(Path file) {
        files.openFile(file);
    }

    /** Saves the layout (Save and Save as after their chooser); errors go to the status line. */
    public boolean saveFile(Path file) {
        return files.saveFile(file);
    }

    /** Brings the control a message names into view: its tab, the table row it names, and the focus. */
    public void showProblem(String problem) {
        problems.showProblem(problem);
    }
}
