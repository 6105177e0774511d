package mpageviz.ui.builder;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.VBox;

import mpageviz.layout.Layout.PageSpec;
import mpageviz.layout.LayoutValidator;

/**
 * The "Page cache" tab: which pages are already in the page cache before the call, with their flags and buffer
 * heads, as a table plus the {@link PageBuffersEditor} for the selected page.
 */
final class PageCacheForm {
    private final BuilderModel model;
    private final ProblemMarks problems;
    private final FieldBinder fields;
    private final TableView<PageSpec> pageCacheTable;
    private final TableColumn<PageSpec, Long> pageIndexColumn;
    private final TableColumn<PageSpec, Boolean> alreadyCachedColumn;
    private final TableColumn<PageSpec, Boolean> pageFlagsColumn;
    private final TableColumn<PageSpec, String> buffersColumn;
    private final TextField pageIndexField;
    private final VBox buffersEditor;
    private PageBuffersEditor pageBuffers;

    PageCacheForm(BuilderModel model, ProblemMarks problems, FieldBinder fields, TableView<PageSpec> pageCacheTable,
            TableColumn<PageSpec, Long> pageIndexColumn, TableColumn<PageSpec, Boolean> alreadyCachedColumn,
            TableColumn<PageSpec, Boolean> pageFlagsColumn, TableColumn<PageSpec, String> buffersColumn,
            TextField pageIndexField, VBox buffersEditor) {
        this.model = model;
        this.problems = problems;
        this.fields = fields;
        this.pageCacheTable = pageCacheTable;
        this.pageIndexColumn = pageIndexColumn;
        this.alreadyCachedColumn = alreadyCachedColumn;
        this.pageFlagsColumn = pageFlagsColumn;
        this.buffersColumn = buffersColumn;
        this.pageIndexField = pageIndexField;
        this.buffersEditor = buffersEditor;
    }

    void wire() {
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
        pageIndexField.setOnAction(e -> addPage());
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

    /** Adds the page whose index is in the page index field, and shows its buffers. */
    void addPage() {
        fields.parsed(pageIndexField, t -> {
            long index = BuilderNotation.number(t);
            pageBuffers.showPage(index);
            model.setPage(new PageSpec(index, List.of(), null, false));
        });
    }

    void removePage() {
        PageSpec p = pageCacheTable.getSelectionModel().getSelectedItem();
        if (p != null) {
            model.removePage(p.index());
        }
    }
}
