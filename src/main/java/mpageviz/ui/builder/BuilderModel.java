package mpageviz.ui.builder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import mpageviz.layout.Layout;
import mpageviz.layout.Layout.Allocator;
import mpageviz.layout.Layout.Extent;
import mpageviz.layout.Layout.Faults;
import mpageviz.layout.Layout.GetBlockSpec;
import mpageviz.layout.Layout.MetadataBlock;
import mpageviz.layout.Layout.PageSpec;
import mpageviz.layout.LayoutException;
import mpageviz.layout.LayoutReader;
import mpageviz.layout.LayoutValidator;
import mpageviz.layout.LayoutWriter;
import mpageviz.layout.RunSpec;

/**
 * The layout builder's editable copy of a {@link Layout}, as javafx.beans properties and observable lists, with
 * live validation (layout-format.md messages) and undo/redo. Every change goes through an edit method, so each
 * one lands on the undo stack; the properties and lists handed out are for reading and binding only.
 */
public final class BuilderModel {
    private final StringProperty title = new SimpleStringProperty(this, "title", "");
    private final StringProperty notes = new SimpleStringProperty(this, "notes", "");
    private final IntegerProperty pageSize = new SimpleIntegerProperty(this, "pageSize");
    private final IntegerProperty blockSize = new SimpleIntegerProperty(this, "blockSize");
    private final LongProperty fileSize = new SimpleLongProperty(this, "fileSize");
    private final ObservableList<Extent> extents = FXCollections.observableArrayList();
    private final ObservableList<Long> boundaries = FXCollections.observableArrayList();
    private final ObservableList<MetadataBlock> metadata = FXCollections.observableArrayList();
    private final ObjectProperty<Allocator> allocator = new SimpleObjectProperty<>(this, "allocator");
    private final LongProperty deviceBlocks = new SimpleLongProperty(this, "deviceBlocks");
    private final IntegerProperty maxSectors = new SimpleIntegerProperty(this, "maxSectors");
    private final IntegerProperty maxSegments = new SimpleIntegerProperty(this, "maxSegments");
    private final ObjectProperty<String> image = new SimpleObjectProperty<>(this, "image");
    private final ObservableList<PageSpec> pageCache = FXCollections.observableArrayList();
    private final ObjectProperty<GetBlockSpec> getBlock = new SimpleObjectProperty<>(this, "getBlock");
    private final ObservableList<Long> cleancache = FXCollections.observableArrayList();
    private final ObjectProperty<Faults> faults = new SimpleObjectProperty<>(this, "faults");
    private final BooleanProperty plug = new SimpleBooleanProperty(this, "plug");
    private final BooleanProperty merge = new SimpleBooleanProperty(this, "merge");
    private final BooleanProperty sortOnFlush = new SimpleBooleanProperty(this, "sortOnFlush");
    private final BooleanProperty bufferHeadsOverLimit = new SimpleBooleanProperty(this, "bufferHeadsOverLimit");
    private final ObjectProperty<RunSpec> run = new SimpleObjectProperty<>(this, "run");
    private Path baseDir;

    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final BooleanBinding valid = Bindings.isEmpty(problems);
    // Read-only views kept in fields: an unmodifiable wrapper only weakly listens to its list, so a fresh one per
    // call could be collected together with the listeners added to it.
    private final ObservableList<Extent> extentsView = FXCollections.unmodifiableObservableList(extents);
    private final ObservableList<Long> boundariesView = FXCollections.unmodifiableObservableList(boundaries);
    private final ObservableList<MetadataBlock> metadataView = FXCollections.unmodifiableObservableList(metadata);
    private final ObservableList<PageSpec> pageCacheView = FXCollections.unmodifiableObservableList(pageCache);
    private final ObservableList<Long> cleancacheView = FXCollections.unmodifiableObservableList(cleancache);
    private final ObservableList<String> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final Deque<Edit> undoStack = new ArrayDeque<>();
    private final Deque<Edit> redoStack = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyStringWrapper lastEdit = new ReadOnlyStringWrapper(this, "lastEdit", "");
    // The layout as last opened or saved, and the file it lives in (null until saved or opened from a file).
    private Layout saved;
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyBooleanWrapper unsaved = new ReadOnlyBooleanWrapper(this, "unsaved");

    /** One undoable change: the whole layout before and after it (layouts are small, so snapshots are cheap). */
    public record Edit(String name, Layout before, Layout after) {
        void redo(BuilderModel model) {
            model.load(after);
        }

        void undo(BuilderModel model) {
            model.load(before);
        }
    }

    /** Starts on {@code initial}, which counts as saved: closing without edits asks nothing. */
    public BuilderModel(Layout initial) {
        load(initial);
        saved = initial;
    }

    // Loads every property from a layout and revalidates once; no undo entry.
    private void load(Layout l) {
        title.set(l.title());
        notes.set(l.notes());
        pageSize.set(l.geometry().pageSize());
        blockSize.set(l.geometry().blockSize());
        fileSize.set(l.file().size());
        extents.setAll(l.file().extents());
        boundaries.setAll(l.file().boundaries());
        metadata.setAll(l.file().metadata());
        allocator.set(l.file().allocator());
        deviceBlocks.set(l.device().blocks());
        maxSectors.set(l.device().maxSectors());
        maxSegments.set(l.device().maxSegments());
        image.set(l.device().image());
        pageCache.setAll(l.pageCache());
        getBlock.set(l.getBlock());
        cleancache.setAll(l.cleancache());
        faults.set(l.faults());
        plug.set(l.blockLayer().plug());
        merge.set(l.blockLayer().merge());
        sortOnFlush.set(l.blockLayer().sortOnFlush());
        bufferHeadsOverLimit.set(l.memory().bufferHeadsOverLimit());
        run.set(l.run());
        baseDir = l.baseDir();
        problems.setAll(LayoutValidator.problems(l));
    }

    /** Blocks per page of the geometry being edited (at least 1, even while a size is being typed). */
    public int blocksPerPage() {
        return Math.max(1, pageSize.get() / Math.max(1, blockSize.get()));
    }

    /** Logical blocks inside i_size. */
    public long fileBlocks() {
        long b = Math.max(1, blockSize.get());
        return (fileSize.get() + b - 1) / b;
    }

    /** The layout as it stands now. */
    public Layout toLayout() {
        return new Layout(title.get(), notes.get(), new Layout.Geometry(pageSize.get(), blockSize.get()),
                new Layout.FileMap(fileSize.get(), extents, boundaries, metadata, allocator.get()),
                new Layout.Device(deviceBlocks.get(), maxSectors.get(), maxSegments.get(), image.get()),
                pageCache, getBlock.get(), cleancache, faults.get(),
                new Layout.BlockLayerSpec(plug.get(), merge.get(), sortOnFlush.get()),
                new Layout.MemorySpec(bufferHeadsOverLimit.get()), run.get(), baseDir);
    }

    // ---- undo and redo ----

    /** Applies {@code change} to the properties as one undoable edit; a change that changes nothing is dropped. */
    private void edit(String name, Runnable change) {
        Layout before = toLayout();
        change.run();
        Layout after = toLayout();
        if (before.equals(after)) {
            return;
        }
        undoStack.push(new Edit(name, before, after));
        redoStack.clear();
        problems.setAll(LayoutValidator.problems(after));
        lastEdit.set(name);
        updateStacks(after);
    }

    public void undo() {
        if (!undoStack.isEmpty()) {
            Edit e = undoStack.pop();
            e.undo(this);
            redoStack.push(e);
            lastEdit.set("undo " + e.name());
            updateStacks(e.before());
        }
    }

    public void redo() {
        if (!redoStack.isEmpty()) {
            Edit e = redoStack.pop();
            e.redo(this);
            undoStack.push(e);
            lastEdit.set("redo " + e.name());
            updateStacks(e.after());
        }
    }

    /** After a change that left the model holding {@code now}: what can be undone, and whether it is saved. */
    private void updateStacks(Layout now) {
        canUndo.set(!undoStack.isEmpty());
        canRedo.set(!redoStack.isEmpty());
        // Undoing back to the saved layout makes it clean again.
        unsaved.set(!now.equals(saved));
    }

    /**
     * Replaces the whole layout (a sample, a new layout, or a file's content) and takes it as the saved state,
     * kept in {@code from} (null when it has no file yet); the undo history starts afresh.
     */
    public void replace(Layout layout, Path from) {
        saved = layout;
        file.set(from);
        load(layout);
        undoStack.clear();
        redoStack.clear();
        lastEdit.set("");
        updateStacks(layout);
    }

    /** Reads a layout file and makes it the one being edited. */
    public void open(Path from) throws LayoutException {
        replace(LayoutReader.read(from), from);
    }

    /** Writes the layout to {@code to} (atomically, through LayoutWriter.save); it becomes the saved state. */
    public void save(Path to) throws IOException {
        Layout now = toLayout().movedTo(to.toAbsolutePath().getParent());
        LayoutWriter.save(now, to);
        // The image path may have been rewritten for the new folder; that is not an edit of its own.
        image.set(now.device().image());
        baseDir = now.baseDir();
        saved = toLayout();
        file.set(to);
        updateStacks(saved);
    }

    /**
     * Where the layout's image resolves now: the image path made absolute against the folder the layout came
     * from; null for a synthetic image.
     */
    public Path imagePath() {
        Path p = toLayout().imagePath();
        return p == null ? null : p.toAbsolutePath().normalize();
    }

    /** Makes relative image paths resolve against {@code dir} from now on; not an edit. */
    void rebase(Path dir) {
        baseDir = dir;
    }

    /** The file the layout was opened from or last saved to; null for a sample or a new layout. */
    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** True when the layout differs from the one last opened or saved. */
    public ReadOnlyBooleanProperty unsavedProperty() {
        return unsaved.getReadOnlyProperty();
    }

    /**
     * A new layout to paint on: 4 KiB pages over 1 KiB blocks, a 16-block file with no blocks mapped yet (all
     * holes), a synthetic 4096-block disk, and a readpages of its four pages. Valid as it stands, so Run works
     * from the first edit on.
     */
    public static Layout blank() {
        return new Layout("New layout", "", new Layout.Geometry(4096, 1024),
                new Layout.FileMap(16 * 1024, List.of(), List.of(), List.of(), null),
                new Layout.Device(4096, 1024, 128, null), List.of(), new GetBlockSpec(0, List.of(), List.of()),
                List.of(), new Faults(List.of(), List.of()), new Layout.BlockLayerSpec(true, true, false),
                new Layout.MemorySpec(false), RunSpec.readpages(0, 4), null);
    }

    // ---- edits ----

    public void setTitle(String value) {
        edit("title", () -> title.set(value));
    }

    public void setNotes(String value) {
        edit("notes", () -> notes.set(value));
    }

    public void setPageSize(int value) {
        edit("page size", () -> pageSize.set(value));
    }

    public void setBlockSize(int value) {
        edit("block size", () -> blockSize.set(value));
    }

    public void setFileSize(long value) {
        edit("file size", () -> fileSize.set(value));
    }

    public void setDeviceBlocks(long value) {
        edit("device size", () -> deviceBlocks.set(value));
    }

    public void setMaxSectors(int value) {
        edit("max sectors", () -> maxSectors.set(value));
    }

    public void setMaxSegments(int value) {
        edit("max segments", () -> maxSegments.set(value));
    }

    public void setPlug(boolean value) {
        edit("plug", () -> plug.set(value));
    }

    public void setMerge(boolean value) {
        edit("merge", () -> merge.set(value));
    }

    public void setSortOnFlush(boolean value) {
        edit("sort on flush", () -> sortOnFlush.set(value));
    }

    public void setBufferHeadsOverLimit(boolean value) {
        edit("buffer heads over limit", () -> bufferHeadsOverLimit.set(value));
    }

    public void setRun(RunSpec value) {
        edit("operation", () -> run.set(value));
    }

    public void setAllocator(Allocator value) {
        edit("allocator", () -> allocator.set(value));
    }

    public void setGetBlock(GetBlockSpec value) {
        edit("get_block quirks", () -> getBlock.set(value));
    }

    public void setFaults(Faults value) {
        edit("faults", () -> faults.set(value));
    }

    public void setCleancache(List<Long> pages) {
        edit("cleancache", () -> cleancache.setAll(pages));
    }

    public void addExtent(Extent e) {
        edit("add extent", () -> extents.add(e));
    }

    public void setExtent(int i, Extent e) {
        edit("edit extent", () -> extents.set(i, e));
    }

    public void removeExtent(int i) {
        edit("remove extent", () -> extents.remove(i));
    }

    /** Moves extent {@code i} to another disk position, keeping its logical range. */
    public void moveExtent(int i, long physical) {
        Extent e = extents.get(i);
        edit("move extent", () -> extents.set(i, new Extent(e.logical(), physical, e.count())));
    }

    /** Maps logical blocks {@code logical..+count-1} onto disk blocks from {@code physical}, as one edit. */
    public void mapRange(long logical, long count, long physical) {
        edit("map " + logical + ".." + (logical + count - 1) + " to " + physical, () -> {
            List<Extent> list = without(logical, count);
            list.add(new Extent(logical, physical, count));
            list.sort((a, b) -> Long.compare(a.logical(), b.logical()));
            extents.setAll(list);
        });
    }

    /** Makes logical blocks {@code logical..+count-1} holes, trimming or splitting the extents that cover them. */
    public void unmapRange(long logical, long count) {
        edit("hole " + logical + ".." + (logical + count - 1), () -> extents.setAll(without(logical, count)));
    }

    // The extents with the logical range cut out; a cut in the middle of an extent leaves two pieces.
    private List<Extent> without(long logical, long count) {
        long end = logical + count;
        List<Extent> out = new ArrayList<>();
        for (Extent e : extents) {
            long eEnd = e.logical() + e.count();
            if (eEnd <= logical || e.logical() >= end) {
                out.add(e);
                continue;
            }
            if (e.logical() < logical) {
                out.add(new Extent(e.logical(), e.physical(), logical - e.logical()));
            }
            if (eEnd > end) {
                out.add(new Extent(end, e.physical() + (end - e.logical()), eEnd - end));
            }
        }
        return out;
    }

    /** Marks a logical block as a boundary, or unmarks it; the list stays ascending. */
    public void toggleBoundary(long logical) {
        edit("boundary " + logical, () -> {
            if (!boundaries.remove(Long.valueOf(logical))) {
                List<Long> sorted = new ArrayList<>(boundaries);
                sorted.add(logical);
                sorted.sort(null);
                boundaries.setAll(sorted);
            }
        });
    }

    public void addMetadata(MetadataBlock m) {
        edit("add metadata", () -> metadata.add(m));
    }

    public void setMetadata(int i, MetadataBlock m) {
        edit("edit metadata", () -> metadata.set(i, m));
    }

    public void removeMetadata(int i) {
        edit("remove metadata", () -> metadata.remove(i));
    }

    /** Puts a page into the initial page cache, replacing the entry with the same index; kept in index order. */
    public void setPage(PageSpec page) {
        edit("page " + page.index(), () -> {
            List<PageSpec> list = new ArrayList<>(pageCache);
            list.removeIf(p -> p.index() == page.index());
            list.add(page);
            list.sort((a, b) -> Long.compare(a.index(), b.index()));
            pageCache.setAll(list);
        });
    }

    public void removePage(long index) {
        edit("remove page " + index, () -> pageCache.removeIf(p -> p.index() == index));
    }

    // ---- read-only views ----

    public ReadOnlyStringProperty titleProperty() {
        return title;
    }

    public ReadOnlyStringProperty notesProperty() {
        return notes;
    }

    public ReadOnlyIntegerProperty pageSizeProperty() {
        return pageSize;
    }

    public ReadOnlyIntegerProperty blockSizeProperty() {
        return blockSize;
    }

    public ReadOnlyLongProperty fileSizeProperty() {
        return fileSize;
    }

    public ReadOnlyLongProperty deviceBlocksProperty() {
        return deviceBlocks;
    }

    public ReadOnlyIntegerProperty maxSectorsProperty() {
        return maxSectors;
    }

    public ReadOnlyIntegerProperty maxSegmentsProperty() {
        return maxSegments;
    }

    public ReadOnlyBooleanProperty plugProperty() {
        return plug;
    }

    public ReadOnlyBooleanProperty mergeProperty() {
        return merge;
    }

    public ReadOnlyBooleanProperty sortOnFlushProperty() {
        return sortOnFlush;
    }

    public ReadOnlyBooleanProperty bufferHeadsOverLimitProperty() {
        return bufferHeadsOverLimit;
    }

    public ReadOnlyObjectProperty<RunSpec> runProperty() {
        return run;
    }

    public ReadOnlyObjectProperty<Allocator> allocatorProperty() {
        return allocator;
    }

    public ReadOnlyObjectProperty<GetBlockSpec> getBlockProperty() {
        return getBlock;
    }

    public ReadOnlyObjectProperty<Faults> faultsProperty() {
        return faults;
    }

    public ObservableList<Extent> extents() {
        return extentsView;
    }

    public ObservableList<Long> boundaries() {
        return boundariesView;
    }

    public ObservableList<MetadataBlock> metadata() {
        return metadataView;
    }

    public ObservableList<PageSpec> pageCache() {
        return pageCacheView;
    }

    public ObservableList<Long> cleancache() {
        return cleancacheView;
    }

    /** The validator's messages ("field.path: message") for the layout as it stands. */
    public ObservableList<String> problems() {
        return problemsView;
    }

    /** True while the layout has no problems (the Run button's condition). */
    public BooleanBinding validBinding() {
        return valid;
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** The name of the last edit, undo or redo, for a status line. */
    public ReadOnlyStringProperty lastEditProperty() {
        return lastEdit.getReadOnlyProperty();
    }
}
