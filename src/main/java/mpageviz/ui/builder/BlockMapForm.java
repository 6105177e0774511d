package mpageviz.ui.builder;

import java.util.List;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.util.StringConverter;
import javafx.util.converter.LongStringConverter;

import mpageviz.layout.Layout.Extent;
import mpageviz.layout.Layout.MetadataBlock;

/**
 * The "Block map" tab as tables: the file's extents (what get_block maps), its boundary blocks and its indirect
 * (metadata) blocks, each cell edited in place; the Paint tab edits the same lists by drawing.
 */
final class BlockMapForm {
    private final BuilderModel model;
    private final ProblemMarks problems;
    private final FieldBinder fields;
    private final TableView<Extent> extentsTable;
    private final TableColumn<Extent, Long> logicalColumn;
    private final TableColumn<Extent, Long> physicalColumn;
    private final TableColumn<Extent, Long> countColumn;
    private final ListView<Long> boundariesList;
    private final TextField boundaryField;
    private final TableView<MetadataBlock> metadataTable;
    private final TableColumn<MetadataBlock, Long> metaBlockColumn;
    private final TableColumn<MetadataBlock, Long> metaFirstColumn;
    private final TableColumn<MetadataBlock, Long> metaLastColumn;
    private final TableColumn<MetadataBlock, Boolean> metaCachedColumn;
    private final TableColumn<MetadataBlock, Boolean> metaDirtyColumn;

    BlockMapForm(BuilderModel model, ProblemMarks problems, FieldBinder fields, TableView<Extent> extentsTable,
            TableColumn<Extent, Long> logicalColumn, TableColumn<Extent, Long> physicalColumn,
            TableColumn<Extent, Long> countColumn, ListView<Long> boundariesList, TextField boundaryField,
            TableView<MetadataBlock> metadataTable, TableColumn<MetadataBlock, Long> metaBlockColumn,
            TableColumn<MetadataBlock, Long> metaFirstColumn, TableColumn<MetadataBlock, Long> metaLastColumn,
            TableColumn<MetadataBlock, Boolean> metaCachedColumn, TableColumn<MetadataBlock, Boolean> metaDirtyColumn) {
        this.model = model;
        this.problems = problems;
        this.fields = fields;
        this.extentsTable = extentsTable;
        this.logicalColumn = logicalColumn;
        this.physicalColumn = physicalColumn;
        this.countColumn = countColumn;
        this.boundariesList = boundariesList;
        this.boundaryField = boundaryField;
        this.metadataTable = metadataTable;
        this.metaBlockColumn = metaBlockColumn;
        this.metaFirstColumn = metaFirstColumn;
        this.metaLastColumn = metaLastColumn;
        this.metaCachedColumn = metaCachedColumn;
        this.metaDirtyColumn = metaDirtyColumn;
    }

    void wire() {
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
        boundaryField.setOnAction(e -> toggleBoundary());
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

    /** Add: a one-block extent after everything mapped so far. */
    void addExtent() {
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

    void removeExtent() {
        int i = extentsTable.getSelectionModel().getSelectedIndex();
        if (i >= 0) {
            model.removeExtent(i);
        }
    }

    /** Marks (or unmarks) the block in the boundary field as a boundary block. */
    void toggleBoundary() {
        fields.parsed(boundaryField, t -> model.toggleBoundary(BuilderNotation.number(t)));
    }

    /**
     * Adds an indirect block on the first disk block after everything the file uses, covering the logical blocks
     * after the last metadata block's range (or the whole file), for the user to adjust in place.
     */
    void addMetadata() {
        long disk = 0;
        long first = 0;
        for (Extent e : model.extents()) {
            disk = Math.max(disk, e.physical() + e.count());
        }
        for (MetadataBlock m : model.metadata()) {
            disk = Math.max(disk, m.block() + 1);
            first = Math.max(first, m.last() + 1);
        }
        long fileBlocks = model.fileBlocks();
        model.addMetadata(new MetadataBlock(disk, first, Math.max(first, fileBlocks - 1), false, false));
        metadataTable.getSelectionModel().selectLast();
    }

    void removeMetadata() {
        int i = metadataTable.getSelectionModel().getSelectedIndex();
        if (i >= 0) {
            model.removeMetadata(i);
        }
    }

    /** Reads a long, or null for text that is not one (the cell then keeps its old value). */
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
