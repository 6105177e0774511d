package mpageviz.ui.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import mpageviz.layout.Layout;
import mpageviz.layout.Layout.BufferSpec;
import mpageviz.layout.Layout.Extent;
import mpageviz.layout.Layout.MetadataBlock;
import mpageviz.layout.Layout.PageSpec;
import mpageviz.layout.LayoutReader;
import mpageviz.layout.LayoutWriter;
import mpageviz.layout.RunSpec;

/** BuilderModel without a toolkit: edits, undo, redo and the live validator messages. */
class LayoutBuilderModelTest {
    private static final Path SAMPLE = Path.of("samples/07-boundary.layout.json");
    private Layout sample;
    private BuilderModel model;

    @BeforeEach
    void load() throws Exception {
        sample = LayoutReader.read(SAMPLE);
        model = new BuilderModel(sample);
    }

    @Test
    void load_sample_isValidAndEqual() {
        assertEquals(sample, model.toLayout());
        assertTrue(model.problems().isEmpty());
        assertTrue(model.validBinding().get());
        assertFalse(model.canUndoProperty().get());
        assertFalse(model.canRedoProperty().get());
    }

    @Test
    void setFileSize_undoRedo_restoresEachState() {
        model.setFileSize(8192);
        assertEquals(8192, model.toLayout().file().size());
        assertTrue(model.canUndoProperty().get());
        model.undo();
        assertEquals(sample, model.toLayout());
        assertTrue(model.canRedoProperty().get());
        assertFalse(model.canUndoProperty().get());
        model.redo();
        assertEquals(8192, model.toLayout().file().size());
        assertFalse(model.canRedoProperty().get());
    }

    @Test
    void edit_thatChangesNothing_leavesNoUndoEntry() {
        model.setFileSize(sample.file().size());
        assertFalse(model.canUndoProperty().get());
    }

    @Test
    void newEdit_afterUndo_clearsRedo() {
        model.setDeviceBlocks(9000);
        model.undo();
        model.setMaxSectors(256);
        assertFalse(model.canRedoProperty().get());
    }

    @Test
    void overlappingExtent_showsMessage_andUndoClearsIt() {
        model.addExtent(new Extent(2, 1005, 3));
        assertTrue(model.problems().stream().anyMatch(p -> p.startsWith("file.extents[2]: overlaps")),
                model.problems().toString());
        assertFalse(model.validBinding().get());
        model.undo();
        assertTrue(model.problems().isEmpty());
        model.redo();
        assertFalse(model.problems().isEmpty());
        model.removeExtent(2);
        assertTrue(model.problems().isEmpty());
    }

    @Test
    void badPageSize_namesTheField() {
        model.setPageSize(3000);
        assertEquals(List.of("geometry.pageSize: 3000 is not a power of two"), model.problems());
    }

    @Test
    void moveExtent_keepsLogicalRange() {
        model.moveExtent(1, 2000);
        assertEquals(new Extent(12, 2000, 4), model.extents().get(1));
    }

    @Test
    void toggleBoundary_addsSortedThenRemoves() {
        model.toggleBoundary(3);
        assertEquals(List.of(3L, 11L), model.boundaries());
        model.toggleBoundary(11);
        assertEquals(List.of(3L), model.boundaries());
        model.undo();
        model.undo();
        assertEquals(List.of(11L), model.boundaries());
    }

    @Test
    void metadata_addAndRemove() {
        model.addMetadata(new MetadataBlock(2000, 300, 400, true, true));
        assertEquals(2, model.metadata().size());
        model.addMetadata(new MetadataBlock(2001, 5, 4, false, true));
        assertTrue(model.problems().contains("file.metadata[2]: first 5 is greater than last 4"), model.problems()
                .toString());
        model.removeMetadata(2);
        assertTrue(model.problems().isEmpty());
    }

    @Test
    void setPage_replacesByIndex_andValidatesBuffers() {
        model.setRun(RunSpec.readpage(0));
        BufferSpec mapped = new BufferSpec(List.of("mapped", "uptodate"), 1004L);
        model.setPage(new PageSpec(1, List.of("uptodate"), List.of(mapped, mapped), false));
        assertTrue(model.problems().stream().anyMatch(p -> p.startsWith("pageCache[0].buffers")),
                model.problems().toString());
        model.setPage(new PageSpec(1, List.of("uptodate"), List.of(mapped, mapped, mapped, mapped), false));
        assertEquals(1, model.pageCache().size());
        assertTrue(model.problems().isEmpty(), model.problems().toString());
        model.removePage(1);
        assertTrue(model.pageCache().isEmpty());
    }

    @Test
    void save_thenOpen_givesTheSameLayout(@TempDir Path dir) throws Exception {
        model.setFileSize(20480);
        Path file = dir.resolve("edited.layout.json");
        model.save(file);
        BuilderModel other = new BuilderModel(sample);
        other.open(file);
        assertEquals(LayoutWriter.toJson(model.toLayout()), LayoutWriter.toJson(other.toLayout()));
        assertFalse(other.canUndoProperty().get());
    }

    @Test
    void unmapRange_splitsExtent_andMapRangeFillsTheHole() {
        model.unmapRange(4, 2);
        assertEquals(List.of(new Extent(0, 1000, 4), new Extent(6, 1006, 6), new Extent(12, 1013, 4)),
                model.extents());
        model.mapRange(4, 2, 2000);
        assertEquals(new Extent(4, 2000, 2), model.extents().get(1));
        assertTrue(model.problems().isEmpty(), model.problems().toString());
        model.undo();
        model.undo();
        assertEquals(sample.file().extents(), model.extents());
    }

    @Test
    void unsaved_followsEditsUndoAndSave(@TempDir Path dir) throws Exception {
        assertFalse(model.unsavedProperty().get(), "the layout it opened on counts as saved");
        model.setFileSize(8192);
        assertTrue(model.unsavedProperty().get());
        model.undo();
        assertFalse(model.unsavedProperty().get(), "undo back to the saved layout is clean");
        model.redo();
        Path file = dir.resolve("a.layout.json");
        model.save(file);
        assertFalse(model.unsavedProperty().get());
        assertEquals(file, model.fileProperty().get());
        model.undo();
        assertTrue(model.unsavedProperty().get(), "undo past the save differs from the file");
    }

    @Test
    void blank_isValidAndAllHoles() {
        model.replace(BuilderModel.blank(), null);
        assertTrue(model.problems().isEmpty(), model.problems().toString());
        assertTrue(model.extents().isEmpty());
        assertFalse(model.unsavedProperty().get());
        assertEquals(null, model.fileProperty().get());
    }

    @Test
    void save_elsewhere_keepsTheImagePathPointingAtTheSameFile(@TempDir Path dir) throws Exception {
        Path imageDir = java.nio.file.Files.createDirectories(dir.resolve("images"));
        Path image = imageDir.resolve("disk.img");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(2048 * 1024);
        }
        Path layoutDir = java.nio.file.Files.createDirectories(dir.resolve("layouts"));
        Layout withImage = sample.withDevice(new Layout.Device(2048, 1024, 128, "disk.img"));
        Layout fromImageDir = new Layout(withImage.title(), withImage.notes(), withImage.geometry(),
                withImage.file(), withImage.device(), withImage.pageCache(), withImage.getBlock(),
                withImage.cleancache(), withImage.faults(), withImage.blockLayer(), withImage.memory(),
                withImage.run(), imageDir);
        model.replace(fromImageDir, null);

        Path elsewhere = layoutDir.resolve("moved.layout.json");
        model.save(elsewhere);
        Layout reread = LayoutReader.read(elsewhere);
        assertEquals(image.toAbsolutePath().normalize().toString(), reread.device().image());
        assertFalse(model.unsavedProperty().get());

        Path beside = imageDir.resolve("beside.layout.json");
        model.save(beside);
        assertEquals("disk.img", LayoutReader.read(beside).device().image(), "inside the folder: relative");
    }
}
