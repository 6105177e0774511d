package mpageviz.ui.builder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
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
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import javafx.util.converter.LongStringConverter;

import mpageviz.layout.Layout;
import mpageviz.layout.Layout.Extent;
import mpageviz.layout.Layout.MetadataBlock;
import mpageviz.layout.Layout.PageSpec;
import mpageviz.layout.LayoutValidator;
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
    private PageBuffersEditor pageBuffers;
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
        wireBlockMap();
        wirePaint();
        wirePageCache();
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

    // ---- block map ----

    private void wireBlockMap() {
        extentsTable.setItems(model.extents());
        logicalColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().logical()));
        physicalColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().physical()));
        countColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().count()));
        for (TableColumn<Extent, Long> col : List.of(logicalColumn, physicalColumn, countColumn)) {
            col.setCellFactory(TextFieldTableCell.forTableColumn(new LenientLongConverter()));
            col.setOnEditCommit(e -> {
                Long v = e.getNewValue();
                int row = e.getTablePosition().getRow();
                Extent old = e.getRowValue();
                if (v == null) {
                    extentsTable.refresh();
                    return;
                }
                model.setExtent(row, new Extent(col == logicalColumn ? v : old.logical(),
                        col == physicalColumn ? v : old.physical(), col == countColumn ? v : old.count()));
            });
        }
        extentsTable.setRowFactory(problems.rows("file.extents["));
        problems.register("file.extents", extentsTable);
        boundariesList.setItems(model.boundaries());
        problems.register("file.boundaries", boundariesList);
        boundaryField.setOnAction(e -> onToggleBoundary());
        wireMetadata();
    }

    private void wireMetadata() {
        metadataTable.setItems(model.metadata());
        metaBlockColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().block()));
        metaFirstColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().first()));
        metaLastColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().last()));
        for (TableColumn<MetadataBlock, Long> col : List.of(metaBlockColumn, metaFirstColumn, metaLastColumn)) {
            col.setCellFactory(TextFieldTableCell.forTableColumn(new LenientLongConverter()));
            col.setOnEditCommit(e -> {
                Long v = e.getNewValue();
                MetadataBlock m = e.getRowValue();
                if (v == null) {
                    metadataTable.refresh();
                    return;
                }
                model.setMetadata(e.getTablePosition().getRow(), new MetadataBlock(
                        col == metaBlockColumn ? v : m.block(), col == metaFirstColumn ? v : m.first(),
                        col == metaLastColumn ? v : m.last(), m.cached(), m.dirty()));
            });
        }
        metaCachedColumn.setCellValueFactory(c -> metadataToggle(c.getValue(), true));
        metaCachedColumn.setCellFactory(CheckBoxTableCell.forTableColumn(metaCachedColumn));
        metaDirtyColumn.setCellValueFactory(c -> metadataToggle(c.getValue(), false));
        metaDirtyColumn.setCellFactory(CheckBoxTableCell.forTableColumn(metaDirtyColumn));
        metadataTable.setRowFactory(problems.rows("file.metadata["));
        problems.register("file.metadata", metadataTable);
    }

    /** A check box value for a metadata block's cached (or dirty) bit that edits the model. */
    private ObservableValue<Boolean> metadataToggle(MetadataBlock m, boolean cachedBit) {
        SimpleBooleanProperty p = new SimpleBooleanProperty(cachedBit ? m.cached() : m.dirty());
        p.addListener((o, was, on) -> {
            int i = model.metadata().indexOf(m);
            if (i >= 0) {
                model.setMetadata(i, new MetadataBlock(m.block(), m.first(), m.last(),
                        cachedBit ? on : m.cached(), cachedBit ? m.dirty() : on));
            }
        });
        return p;
    }

    @FXML
    private void onAddExtent() {
        // The new extent starts where the file's mapped blocks end, on the first disk block nobody uses.
        long logical = 0;
        long physical = 0;
        for (Extent e : model.extents()) {
            logical = Math.max(logical, e.logical() + e.count());
            physical = Math.max(physical, e.physical() + e.count());
        }
        model.addExtent(new Extent(logical, physical, 1));
        extentsTable.getSelectionModel().selectLast();
    }

    @FXML
    private void onRemoveExtent() {
        int i = extentsTable.getSelectionModel().getSelectedIndex();
        if (i >= 0) {
            model.removeExtent(i);
        }
    }

    @FXML
    private void onToggleBoundary() {
        fields.parsed(boundaryField, t -> model.toggleBoundary(BuilderNotation.number(t)));
    }

    /**
     * Adds an indirect block on the first disk block after everything the file uses, covering the logical blocks
     * after the last metadata block's range (or the whole file), for the user to adjust in place.
     */
    @FXML
    private void onAddMetadata() {
        long disk = 0;
        long first = 0;
        for (Extent e : model.extents()) {
            disk = Math.max(disk, e.physical() + e.count());
        }
        for (MetadataBlock m : model.metadata()) {
            disk = Math.max(disk, m.block() + 1);
            first = Math.max(first, m.last() + 1);
        }
        long blockSize = Math.max(1, model.blockSizeProperty().get());
        long fileBlocks = (model.fileSizeProperty().get() + blockSize - 1) / blockSize;
        model.addMetadata(new MetadataBlock(disk, first, Math.max(first, fileBlocks - 1), false, false));
        metadataTable.getSelectionModel().selectLast();
    }

    @FXML
    private void onRemoveMetadata() {
        int i = metadataTable.getSelectionModel().getSelectedIndex();
        if (i >= 0) {
            model.removeMetadata(i);
        }
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

    // ---- page cache ----

    private void wirePageCache() {
        pageCacheTable.setItems(model.pageCache());
        pageIndexColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().index()));
        alreadyCachedColumn.setCellValueFactory(c -> pageToggle(c.getValue(), null));
        alreadyCachedColumn.setCellFactory(CheckBoxTableCell.forTableColumn(alreadyCachedColumn));
        for (String flag : LayoutValidator.PAGE_FLAGS) {
            TableColumn<PageSpec, Boolean> col = new TableColumn<>(flag);
            col.setCellValueFactory(c -> pageToggle(c.getValue(), flag));
            col.setCellFactory(CheckBoxTableCell.forTableColumn(col));
            col.setEditable(true);
            pageFlagsColumn.getColumns().add(col);
        }
        buffersColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                BuilderNotation.buffers(c.getValue().buffers())));
        buffersColumn.setCellFactory(TextFieldTableCell.forTableColumn());
        buffersColumn.setOnEditCommit(e -> {
            PageSpec p = e.getRowValue();
            try {
                model.setPage(new PageSpec(p.index(), p.flags(), BuilderNotation.parseBuffers(e.getNewValue()),
                        p.alreadyCached()));
                problems.unparsed(pageCacheTable, null);
            } catch (IllegalArgumentException ex) {
                problems.unparsed(pageCacheTable, "pageCache[" + p.index() + "].buffers: " + ex.getMessage());
                pageCacheTable.refresh();
            }
        });
        pageCacheTable.setRowFactory(problems.rows("pageCache["));
        problems.register("pageCache", pageCacheTable);
        pageIndexField.setOnAction(e -> onAddPage());
        pageBuffers = new PageBuffersEditor(model);
        buffersEditor.getChildren().add(pageBuffers);
        problems.alsoWatch(pageBuffers.unparsableProperty());
        // Every edit replaces the page list, which drops the table's selection: keep the edited page selected.
        pageCacheTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                pageBuffers.showPage(now.index());
            }
        });
        model.pageCache().addListener((ListChangeListener<PageSpec>) c -> reselectPage());
    }

    private void reselectPage() {
        List<PageSpec> pages = model.pageCache();
        for (int i = 0; i < pages.size(); i++) {
            if (pages.get(i).index() == pageBuffers.pageIndex()) {
                pageCacheTable.getSelectionModel().select(i);
                return;
            }
        }
        pageBuffers.showPage(-1);
    }

    /** A check box value for one page flag (or alreadyCached when {@code flag} is null) that edits the model. */
    private ObservableValue<Boolean> pageToggle(PageSpec page, String flag) {
        SimpleBooleanProperty p = new SimpleBooleanProperty(flag == null ? page.alreadyCached() : page.has(flag));
        p.addListener((o, was, on) -> {
            List<String> flags = new ArrayList<>(page.flags());
            if (flag != null) {
                flags.remove(flag);
                if (on) {
                    flags.add(flag);
                }
            }
            boolean cached = flag == null ? on : page.alreadyCached();
            model.setPage(new PageSpec(page.index(), flags, page.buffers(), cached));
        });
        return p;
    }

    @FXML
    private void onAddPage() {
        fields.parsed(pageIndexField, t -> {
            long index = BuilderNotation.number(t);
            pageBuffers.showPage(index);
            model.setPage(new PageSpec(index, List.of(), null, false));
        });
    }

    @FXML
    private void onRemovePage() {
        PageSpec p = pageCacheTable.getSelectionModel().getSelectedItem();
        if (p != null) {
            model.removePage(p.index());
        }
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

    // ---- small wiring pieces ----

    /** Reads a long, or null for text that is not one (the cell then keeps its old value). */
    /** Brings the control a message names into view: its tab, the table row it names, and the focus. */
    public void showProblem(String problem) {
        problems.showProblem(problem);
    }

    private static final class LenientLongConverter extends StringConverter<Long> {
        private final LongStringConverter inner = new LongStringConverter();

        @Override
        public String toString(Long value) {
            return inner.toString(value);
        }

        @Override
        public Long fromString(String text) {
            try {
                return inner.fromString(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
