package mpageviz.layout.ext2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import mpageviz.engine.Runner;
import mpageviz.layout.Layout;
import mpageviz.layout.LayoutReader;
import mpageviz.layout.RunSpec;
import mpageviz.samples.SamplesTestAccess;
import mpageviz.trace.Summary;
import mpageviz.trace.Trace;
import mpageviz.view.PageBytes;
import mpageviz.view.RunHistory;
import mpageviz.view.RunState;

/**
 * The ext2 samples and the image they read, samples/ext2/teaching.img, agree: each sample's block map is the one
 * the importer reads from the image (so neither can change without the other), that map is what {@code debugfs
 * stat} lists, and reading a whole file through the sample shows the text make-teaching-image.sh wrote, the same
 * bytes {@code debugfs dump} gives. The debugfs checks are skipped on a machine without e2fsprogs.
 */
class Ext2SamplesTest {
    private static final Path SAMPLES = Path.of("samples");
    private static final Path IMAGE = SAMPLES.resolve("ext2/teaching.img");
    private static final int BLOCK = 1024;

    /** Each ext2 sample and the file of the image it shows. */
    private static final Map<String, String> FILES = Map.of(
            "32-ext2-boundary.layout.json", "/boundary.txt",
            "33-ext2-holes.layout.json", "/holes.txt",
            "34-ext2-fragmented.layout.json", "/fragmented.txt",
            "35-ext2-double-indirect.layout.json", "/double-indirect.txt");

    @TempDir
    static Path dir;

    static Stream<String> ext2Samples() {
        return FILES.keySet().stream().sorted();
    }

    private static Layout sample(String name) throws Exception {
        return LayoutReader.read(SAMPLES.resolve(name));
    }

    @Test
    void everySampleThatNamesAnImage_isAnExt2SampleListedHere() throws Exception {
        List<String> named = new ArrayList<>();
        for (Path p : SamplesTestAccess.samples()) {
            Layout layout = LayoutReader.read(p);
            if (layout.device().image() != null) {
                named.add(p.getFileName().toString());
                assertEquals("ext2/teaching.img", layout.device().image(), p.toString());
            }
        }
        assertEquals(ext2Samples().toList(), named);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ext2Samples")
    void sample_hasTheBlockMapTheImporterReadsFromTheImage(String name) throws Exception {
        Layout sample = sample(name);
        Layout imported;
        try (Ext2Image image = Ext2Image.open(IMAGE)) {
            imported = Ext2LayoutBuilder.build(image, FILES.get(name), Ext2LayoutBuilder.Call.readpages(),
                    sample.geometry().pageSize(), SAMPLES);
        }
        assertEquals(imported.geometry(), sample.geometry(), name);
        assertEquals(imported.file(), sample.file(), name + ": size, extents, boundaries, indirect blocks");
        assertEquals(imported.device(), sample.device(), name);
        assertEquals(imported.pageCache(), sample.pageCache(), name);
        assertEquals(imported.getBlock(), sample.getBlock(), name);
        assertEquals(imported.cleancache(), sample.cleancache(), name);
        assertEquals(imported.faults(), sample.faults(), name);
        assertEquals(imported.blockLayer(), sample.blockLayer(), name);
        assertEquals(imported.memory(), sample.memory(), name);
        assertEquals(IMAGE.toRealPath(), sample.imagePath().toRealPath(), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ext2Samples")
    void readingTheWholeFile_showsTheTextTheScriptWrote(String name) throws Exception {
        Layout sample = sample(name);
        String file = FILES.get(name).substring(1);
        byte[] expected = new byte[(int) sample.file().size()];
        for (Layout.Extent e : sample.file().extents()) {
            for (long l = e.logical(); l < e.logical() + e.count(); l++) {
                byte[] text = blockText(file, l);
                System.arraycopy(text, 0, expected, (int) l * BLOCK, text.length);
            }
        }
        assertArrayEquals(expected, readWholeFile(sample), name + ": text in data blocks, zeros in holes");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ext2Samples")
    void readingTheWholeFile_givesWhatDebugfsDumps(String name) throws Exception {
        Ext2Images.assumeTools();
        byte[] dumped = Ext2Images.dump(IMAGE, FILES.get(name), dir);
        assertArrayEquals(dumped, readWholeFile(sample(name)), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ext2Samples")
    void sampleBlockMap_isWhatDebugfsStatLists(String name) throws Exception {
        Ext2Images.assumeTools();
        Layout sample = sample(name);
        Ext2Images.Stat stat = Ext2Images.stat(IMAGE, FILES.get(name), BLOCK);
        TreeMap<Long, Long> data = new TreeMap<>();
        for (Layout.Extent e : sample.file().extents()) {
            for (long i = 0; i < e.count(); i++) {
                data.put(e.logical() + i, e.physical() + i);
            }
        }
        assertEquals(stat.data(), data, name + ": data blocks");
        assertEquals(stat.indirect(), sample.file().metadata().stream().map(Layout.MetadataBlock::block).toList(),
                name + ": indirect blocks, outer level first");
    }

    /**
     * The file's bytes as the window shows them after readpages of every page: the pages' data spans read back
     * from the image (view.PageBytes), up to i_size. The bytes past i_size must be zeros.
     */
    private static byte[] readWholeFile(Layout sample) throws Exception {
        int pageSize = sample.geometry().pageSize();
        long size = sample.file().size();
        long pages = (size + pageSize - 1) / pageSize;
        Trace trace = Runner.trace(sample.withRun(RunSpec.readpages(0, pages)));
        for (Summary.PageResult p : trace.summary().pages()) {
            assertTrue(p.flags().contains("uptodate"), "page " + p.index() + " " + p.flags());
            assertFalse(p.flags().contains("error"), "page " + p.index() + " " + p.flags());
        }
        RunState end = new RunHistory(trace).stateAt(trace.publishedSize());
        PageBytes.Disk disk = PageBytes.image(sample.imagePath());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (long q = 0; q < pages; q++) {
            all.writeBytes(PageBytes.of(end.page(q), pageSize, disk));
        }
        byte[] bytes = all.toByteArray();
        byte[] tail = Arrays.copyOfRange(bytes, (int) size, bytes.length);
        assertArrayEquals(new byte[tail.length], tail, "past i_size");
        return Arrays.copyOf(bytes, (int) size);
    }

    /** One block of make-teaching-image.sh's text: 16 lines of 64 bytes naming the file and the logical block. */
    private static byte[] blockText(String file, long logical) {
        StringBuilder sb = new StringBuilder(BLOCK);
        for (int k = 1; k <= 16; k++) {
            sb.append(String.format("%-63s", file + " logical block " + logical + " line " + k)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
