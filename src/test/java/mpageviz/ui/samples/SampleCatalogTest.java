package mpageviz.ui.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import mpageviz.engine.Runner;
import mpageviz.layout.Layout;
import mpageviz.layout.LayoutReader;
import mpageviz.layout.LayoutWriter;
import mpageviz.layout.ext2.Ext2Image;
import mpageviz.trace.SummaryCodec;

/**
 * The Samples menu's catalog reads the samples from the application's resources, as the window does from the jar:
 * an ext2 sample's image is copied out to a real file its layout resolves, and the sample then runs as it does
 * from samples/.
 */
class SampleCatalogTest {
    private static final String EXT2_SAMPLE = "32-ext2-boundary.layout.json";

    @Test
    void load_ext2Sample_givesALayoutWhoseImageOpens() throws Exception {
        Layout layout = SampleCatalog.load(EXT2_SAMPLE);
        Path image = layout.imagePath();
        assertTrue(Files.isRegularFile(image), image.toString());
        assertEquals(-1, Files.mismatch(image, Path.of("samples/ext2/teaching.img")), "a byte-for-byte copy");
        try (Ext2Image ext2 = Ext2Image.open(image)) {
            assertEquals(24576, ext2.lookup("/boundary.txt").size());
        }
        Layout fromFolder = LayoutReader.read(Path.of("samples", EXT2_SAMPLE));
        assertEquals(LayoutWriter.toJson(fromFolder), LayoutWriter.toJson(layout));
    }

    @Test
    void load_ext2Sample_runsToItsGoldenSummary() throws Exception {
        String summary = SummaryCodec.toJson(Runner.run(SampleCatalog.load(EXT2_SAMPLE), Runner.Options.quiet())
                .summary());
        assertEquals(Files.readString(Path.of("samples/expected/32-ext2-boundary.summary.json"),
                StandardCharsets.UTF_8), summary);
    }

    @Test
    void load_copiesAnImageOnce_forEverySampleThatNamesIt() throws Exception {
        Path first = SampleCatalog.load(EXT2_SAMPLE).baseDir();
        assertEquals(first, SampleCatalog.load("33-ext2-holes.layout.json").baseDir());
        assertEquals(first, SampleCatalog.load(EXT2_SAMPLE).baseDir());
    }

    @Test
    void load_syntheticSample_hasNoBaseDir() throws Exception {
        assertNull(SampleCatalog.load("07-boundary.layout.json").baseDir());
    }

    @Test
    void list_titlesEverySample_theExt2OnesToo() {
        Map<String, String> titles = SampleCatalog.list().stream()
                .collect(Collectors.toMap(SampleCatalog.Sample::name, SampleCatalog.Sample::title));
        for (String name : List.of(EXT2_SAMPLE, "33-ext2-holes.layout.json", "34-ext2-fragmented.layout.json",
                "35-ext2-double-indirect.layout.json")) {
            assertTrue(titles.containsKey(name), name);
            assertTrue(titles.get(name).startsWith("ext2 image: "), titles.get(name));
        }
        assertFalse(titles.values().stream().anyMatch(t -> t.contains("unreadable")), titles.toString());
    }

    @Test
    void sampleImages_refusesImagesItDoesNotShip() throws Exception {
        SampleImages images = new SampleImages("/samples/");
        IOException missing = assertThrows(IOException.class, () -> images.folderWith("ext2/nope.img"));
        assertEquals("the sample's image ext2/nope.img is missing from the application", missing.getMessage());
        IOException outside = assertThrows(IOException.class, () -> images.folderWith("../pom.xml"));
        assertTrue(outside.getMessage().contains("outside the samples folder"), outside.getMessage());
        assertNull(images.folderWith(Path.of("samples/ext2/teaching.img").toAbsolutePath().toString()),
                "an absolute path names a file of its own");
        Path folder = images.folderWith("ext2/./teaching.img");
        assertSame(folder, images.folderWith("ext2/teaching.img"));
        assertTrue(Files.isRegularFile(folder.resolve("ext2/teaching.img")));
    }
}
