package mpageviz.ui.dialog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogEvent;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.layout.ext2.Ext2DirEntry;
import mpageviz.layout.ext2.Ext2Exception;
import mpageviz.layout.ext2.Ext2Image;
import mpageviz.layout.ext2.Ext2LayoutBuilder;
import mpageviz.ui.run.Jobs;

/**
 * Picks a regular file of a real ext2 image and the call to make on it, then builds its layout with
 * {@link Ext2LayoutBuilder} (what {@code ext2 layout} does on the command line). Directories are read when they are
 * first expanded; all reads of the image go through {@link Jobs}. A layout that cannot be built (a write over a
 * hole, a corrupt block map) is reported here and the dialog stays open. The dialog owns the open image and closes
 * it when it is hidden.
 */
public final class Ext2ImportDialog extends Dialog<Layout> {
    public static final ButtonType IMPORT = new ButtonType("Import", ButtonBar.ButtonData.OK_DONE);
    private static final String FILE = "file";
    private static final String DIR = "dir";

    /** An open image with its root directory already read, so a bad image is refused before the dialog opens. */
    public record Source(Ext2Image image, List<Ext2DirEntry> root) {
        /** Opens the image and lists "/"; on any problem the image is closed again. */
        public static Source open(Path file) throws Ext2Exception {
            Ext2Image image = Ext2Image.open(file);
            try {
                return new Source(image, image.list("/"));
            } catch (Ext2Exception | RuntimeException e) {
                try {
                    image.close();
                } catch (IOException ignored) {
                    // the listing error says more
                }
                throw e;
            }
        }
    }

    /** One node of the tree: its full path in the image and its directory entry. */
    public record Entry(String path, Ext2DirEntry dirEntry) {
        public boolean isDirectory() {
            return DIR.equals(dirEntry.type());
        }

        public boolean isRegular() {
            return FILE.equals(dirEntry.type());
        }
    }

    private final Ext2Image image;
    private final Jobs jobs;
    private final TreeView<Entry> tree = new TreeView<>();
    private final ComboBox<String> opBox = new ComboBox<>();
    private final TextField pageField = new TextField("0");
    private final TextField firstField = new TextField("0");
    private final TextField countField = new TextField();
    private final ComboBox<Integer> pageSizeBox = new ComboBox<>();
    private final Label fileLabel = new Label();
    private final Label problemLabel = new Label();
    /** Why the last build or directory read failed; cleared when the choice changes. */
    private String failure;
    private boolean building;
    private String importedPath;

    public Ext2ImportDialog(Source source, Jobs jobs, Window owner) {
        this.image = source.image();
        this.jobs = jobs;
        int blockSize = image.superblock().blockSize();
        setTitle("Import a file from an ext2 image");
        setHeaderText("Run mpage on a file of " + image.path().getFileName() + " (" + blockSize + "-byte blocks)");
        initOwner(owner);
        getDialogPane().setId("ext2ImportDialog");
        if (owner != null && owner.getScene() != null) {
            getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }

        EntryItem root = new EntryItem(new Entry("/", new Ext2DirEntry("/", Ext2Image.ROOT_INO, DIR, 0)));
        root.loaded = true;
        root.getChildren().setAll(children("/", source.root()));
        root.setExpanded(true);
        tree.setRoot(root);
        tree.setId("ext2Tree");
        tree.setPrefSize(520, 320);
        tree.setCellFactory(t -> new EntryCell());
        tree.getSelectionModel().selectedItemProperty().addListener(o -> changed());

        opBox.setId("ext2OpBox");
        opBox.getItems().addAll(RunSpec.READPAGES, RunSpec.WRITEPAGES, RunSpec.READPAGE, RunSpec.WRITEPAGE);
        opBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(String op) {
                return op == null ? "" : describe(op);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        opBox.setValue(RunSpec.READPAGES);
        pageField.setId("ext2PageField");
        pageField.setPrefColumnCount(8);
        pageSizeBox.setId("pageSizeBox");
        // A page never holds less than one block, so smaller page sizes are not offered.
        for (int size = Math.max(1024, blockSize); size <= 65536; size *= 2) {
            pageSizeBox.getItems().add(size);
        }
        pageSizeBox.setValue(pageSizeBox.getItems().contains(Ext2LayoutBuilder.DEFAULT_PAGE_SIZE)
                ? Ext2LayoutBuilder.DEFAULT_PAGE_SIZE : pageSizeBox.getItems().get(0));
        firstField.setId("ext2FirstField");
        firstField.setPrefColumnCount(8);
        countField.setId("ext2CountField");
        countField.setPrefColumnCount(8);
        countField.setPromptText("to the end");
        opBox.valueProperty().addListener(o -> changed());
        pageField.textProperty().addListener(o -> changed());
        firstField.textProperty().addListener(o -> changed());
        countField.textProperty().addListener(o -> changed());
        pageSizeBox.valueProperty().addListener(o -> changed());

        fileLabel.setId("importFileLabel");
        problemLabel.setId("importProblemLabel");
        problemLabel.setWrapText(true);
        problemLabel.setMaxWidth(520);
        problemLabel.setStyle("-fx-text-fill: #c83c00; -fx-font-weight: bold");
        Label copyNote = new Label("Writes go to a copy of the image: the image file itself is never changed.");
        copyNote.getStyleClass().add("muted");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.addRow(0, new Label("operation"), opBox);
        grid.addRow(1, new Label("page N (readpage / writepage)"), pageField);
        grid.addRow(2, new Label("readpages: first page"), firstField);
        grid.addRow(3, new Label("readpages: pages (empty: to the end)"), countField);
        grid.addRow(4, new Label("page size"), pageSizeBox);
        VBox box = new VBox(8, tree, fileLabel, grid, copyNote, problemLabel);
        VBox.setVgrow(tree, Priority.ALWAYS);
        getDialogPane().setContent(box);
        getDialogPane().getButtonTypes().addAll(IMPORT, ButtonType.CANCEL);
        Node importButton = getDialogPane().lookupButton(IMPORT);
        importButton.setId("importButton");
        // Import builds the layout in the background; the dialog closes only once it exists (setResult closes it).
        importButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            build();
        });
        setResultConverter(b -> null);
        addEventHandler(DialogEvent.DIALOG_HIDDEN, e -> closeImage());
        revalidate();
    }

    /** The path of the file the layout was built from, once the dialog closed with one. */
    public String importedPath() {
        return importedPath;
    }

    private static String describe(String op) {
        switch (op) {
            case RunSpec.READPAGES:
                return "readpages of the file (or a window of its pages)";
            case RunSpec.WRITEPAGES:
                return "writepages of the whole file (every page dirty)";
            case RunSpec.READPAGE:
                return "readpage of page N";
            default:
                return "writepage of page N";
        }
    }

    // ------------------------------------------------------------------ the tree

    /** A tree item that knows whether it is a directory, so it shows an arrow before its children are read. */
    private static final class EntryItem extends TreeItem<Entry> {
        private boolean loaded;

        EntryItem(Entry entry) {
            super(entry);
        }

        @Override
        public boolean isLeaf() {
            return getValue() != null && !getValue().isDirectory();
        }
    }

    /** Name, type and size; entries that cannot be imported are dimmed. */
    private static final class EntryCell extends TreeCell<Entry> {
        @Override
        protected void updateItem(Entry item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("muted");
            if (empty) {
                setText(null);
            } else if (item == null) {
                setText("reading\u2026");
                getStyleClass().add("muted");
            } else if (item.isRegular()) {
                setText(item.dirEntry().name() + "    file, " + String.format("%,d", item.dirEntry().size())
                        + " bytes");
            } else {
                setText(item.dirEntry().name() + "    " + item.dirEntry().type());
                if (!item.isDirectory()) {
                    getStyleClass().add("muted");
                }
            }
        }
    }

    /** Directories first, then files, each by name; "." and ".." are left out. */
    private List<TreeItem<Entry>> children(String dirPath, List<Ext2DirEntry> entries) {
        List<Entry> sorted = new ArrayList<>();
        for (Ext2DirEntry e : entries) {
            if (!e.name().equals(".") && !e.name().equals("..")) {
                sorted.add(new Entry(dirPath.equals("/") ? "/" + e.name() : dirPath + "/" + e.name(), e));
            }
        }
        sorted.sort(Comparator.comparing((Entry e) -> !e.isDirectory()).thenComparing(e -> e.dirEntry().name()));
        List<TreeItem<Entry>> out = new ArrayList<>();
        for (Entry e : sorted) {
            EntryItem item = new EntryItem(e);
            if (e.isDirectory()) {
                item.expandedProperty().addListener((o, was, now) -> {
                    if (now && !item.loaded) {
                        load(item);
                    }
                });
            }
            out.add(item);
        }
        return out;
    }

    /** Reads a directory the first time it is expanded; until then it shows one "reading..." row. */
    private void load(EntryItem item) {
        String path = item.getValue().path();
        item.loaded = true;
        item.getChildren().setAll(List.of(new TreeItem<>(null)));
        jobs.submit("Reading " + path, Jobs.plain(() -> image.list(path)),
                entries -> item.getChildren().setAll(children(path, entries)),
                error -> {
                    // Let the next expansion try again, and say why this one failed.
                    item.loaded = false;
                    item.getChildren().clear();
                    item.setExpanded(false);
                    failure = "Cannot read " + path + ": " + message(error);
                    revalidate();
                });
    }

    // ------------------------------------------------------------------ choosing and building

    private Entry selected() {
        TreeItem<Entry> item = tree.getSelectionModel().getSelectedItem();
        return item == null ? null : item.getValue();
    }

    private boolean single() {
        return RunSpec.READPAGE.equals(opBox.getValue()) || RunSpec.WRITEPAGE.equals(opBox.getValue());
    }

    private void changed() {
        failure = null;
        revalidate();
    }

    /** What keeps Import off, naming the field, or null when the choice can be built. */
    private String problem() {
        Entry e = selected();
        if (e == null) {
            return "choose a regular file in the tree";
        }
        if (!e.isRegular()) {
            return "file: " + e.path() + " is a " + e.dirEntry().type() + "; only regular files can be imported";
        }
        long pages = pages(e);
        if (pages == 0) {
            return "file: " + e.path() + " is empty: it has no page to read or write";
        }
        if (single()) {
            long page;
            try {
                page = Long.parseLong(pageField.getText().trim());
            } catch (NumberFormatException ex) {
                return "page N: \u201c" + pageField.getText() + "\u201d is not a page number";
            }
            if (page < 0 || page >= pages) {
                return "page N: " + page + " is outside the file (pages 0.." + (pages - 1) + ")";
            }
        }
        if (readpages()) {
            Long first = optionalNumber(firstField);
            Long count = optionalNumber(countField);
            if (first == null && !firstField.getText().isBlank() || count == null && !countField.getText().isBlank()) {
                return "readpages: \u201c" + (first == null ? firstField : countField).getText()
                        + "\u201d is not a number of pages";
            }
            String window = Ext2LayoutBuilder.windowProblem(pages, first, count);
            if (window != null) {
                return "readpages: " + window;
            }
        }
        return null;
    }

    private boolean readpages() {
        return RunSpec.READPAGES.equals(opBox.getValue());
    }

    /** The number in a field, or null when it is blank or not a number. */
    private static Long optionalNumber(TextField f) {
        try {
            return f.getText().isBlank() ? null : Long.parseLong(f.getText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private long pages(Entry e) {
        long pageSize = pageSizeBox.getValue();
        return (e.dirEntry().size() + pageSize - 1) / pageSize;
    }

    private void revalidate() {
        pageField.setDisable(!single());
        firstField.setDisable(!readpages());
        countField.setDisable(!readpages());
        Entry e = selected();
        fileLabel.setText(e == null || !e.isRegular() ? "" : e.path() + ": inode " + e.dirEntry().inode() + ", "
                + String.format("%,d", e.dirEntry().size()) + " bytes = " + pages(e) + " page"
                + (pages(e) == 1 ? "" : "s") + " of " + pageSizeBox.getValue() + " bytes");
        String problem = problem();
        problemLabel.setText(building ? "Building the layout\u2026" : problem != null ? problem
                : failure != null ? failure : "");
        getDialogPane().lookupButton(IMPORT).setDisable(building || problem != null);
    }

    /** Builds the layout off the FX thread; success closes the dialog with it, failure is shown here. */
    private void build() {
        Entry e = selected();
        if (building || problem() != null) {
            return;
        }
        long page = single() ? Long.parseLong(pageField.getText().trim()) : -1;
        Ext2LayoutBuilder.Call call = new Ext2LayoutBuilder.Call(opBox.getValue(), page);
        int pageSize = pageSizeBox.getValue();
        Long first = readpages() ? optionalNumber(firstField) : null;
        Long count = readpages() ? optionalNumber(countField) : null;
        building = true;
        revalidate();
        jobs.submit("Importing " + e.path() + " from " + image.path().getFileName(),
                Jobs.plain(() -> {
                    Layout whole = Ext2LayoutBuilder.build(image, e.path(), call, pageSize, null);
                    return first == null && count == null ? whole
                            : Ext2LayoutBuilder.readaheadWindow(whole, first, count);
                }),
                layout -> {
                    building = false;
                    if (isShowing()) {
                        importedPath = e.path();
                        setResult(layout);
                    }
                },
                error -> {
                    building = false;
                    failure = "Cannot import " + e.path() + ": " + message(error);
                    revalidate();
                });
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private void closeImage() {
        try {
            image.close();
        } catch (IOException ignored) {
            // nothing was written to it
        }
    }
}
