package mpageviz.layout.ext2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

import mpageviz.testutil.E2fsTools;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import mpageviz.layout.Layout;
import mpageviz.layout.LayoutReader;
import mpageviz.layout.LayoutValidator;
import mpageviz.layout.RunSpec;
import mpageviz.layout.ext2.Ext2Images.Fixture;
import mpageviz.layout.ext2.Ext2Images.Fs;
import mpageviz.layout.gen.Behaviour;
import mpageviz.layout.gen.LayoutGenerator;
import mpageviz.testutil.LayoutBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scripts run for real: mke2fs makes the image, debugfs runs the script, and the file read back with the ext2
 * importer (and listed by {@code debugfs stat}) has the source layout's block map, i_size and indirect blocks;
 * e2fsck finds nothing to fix. Also checks {@link Mke2fsPlan}'s prediction against what mke2fs really leaves free.
 */
class DebugfsScriptRoundTripTest {
    @TempDir
    static Path dir;

    private static final Map<Fs, Fixture> FIXTURES = new HashMap<>();
    private static int runs;

    @BeforeAll
    static void tools() {
        Ext2Images.assumeTools();
    }

    private static synchronized Fixture fixture(Fs fs) {
        return FIXTURES.computeIfAbsent(fs, f -> Ext2Images.standard(Tools.folder(dir.resolve("sources")), f));
    }

    static Stream<String> samples() {
        return Stream.of("07-boundary", "06-discontiguous", "04-hole-page");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sample_isRecreatedExactly(String sample) throws Exception {
        Layout source = LayoutReader.read(Path.of("samples", sample + ".layout.json"));
        Recreated r = recreate(source, "f");
        assertSameFile(source, r);
        assertTrue(r.script().notes().isEmpty(), sample + ": " + r.script().notes());
    }

    @Test
    void everySample_isRecreatedExactly() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("samples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".layout.json")).sorted().toList()) {
                Layout source = LayoutReader.read(file);
                assertSameFile(source, recreate(source, "sample"));
            }
        }
    }

    static Stream<Fs> filesystems() {
        return Stream.of(new Fs(1024, 128, 1, 8192), new Fs(2048, 256, 1, 8192), new Fs(4096, 256, 1, 8192));
    }

    /** Files of the standard fixture: past the direct blocks, double indirect with holes, fragmented, triple. */
    private static final List<String> IMPORTED = List.of("/small", "/twelve", "/dind", "/holes", "/frag",
            "/sub/nested", "/tind");

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesystems")
    void importedLayouts_areRecreatedWithTheirIndirectBlocksInPlace(Fs fs) throws Exception {
        Fixture fx = fixture(fs);
        for (String file : IMPORTED) {
            Layout source = imported(fx, file);
            Recreated r = recreate(source, file.substring(file.lastIndexOf('/') + 1));
            assertSameFile(source, r);
            assertTrue(r.script().notes().isEmpty(), file + ": " + r.script().notes());
            // The importer lists every indirect block, so the copy has them all on the same blocks.
            assertEquals(metadataOf(source), metadataOf(r.imported()), file + ": indirect blocks");
            assertEquals(Ext2Images.stat(fx.image(), file, fs.blockSize()).indirect(), r.stat().indirect(),
                    file + ": indirect blocks in debugfs stat order");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesystems")
    void importedLayoutsWithoutMetadata_getIndirectBlocksTheScriptPicks(Fs fs) throws Exception {
        Fixture fx = fixture(fs);
        for (String file : List.of("/twelve", "/dind", "/holes", "/tind")) {
            Layout full = imported(fx, file);
            Layout.FileMap f = full.file();
            Layout source = withFile(full, new Layout.FileMap(f.size(), f.extents(), f.boundaries(), List.of(), null));
            Recreated r = recreate(source, "bare");
            assertSameFile(source, r);
            List<DebugfsScript.IndirectBlock> chosen = r.script().indirect();
            assertEquals(metadataOf(full).size(), chosen.size(), file + ": one indirect block per ext2 one");
            for (DebugfsScript.IndirectBlock ib : chosen) {
                assertTrue(ib.chosen(), file + ": " + ib);
                assertTrue(r.script().commands().contains("# Note: file.metadata lists no "), file);
            }
            assertEquals(r.script().notes().size(), chosen.size(), file + ": " + r.script().notes());
        }
    }

    @Test
    void aDoubleIndirectBlockTheScriptPicks_sitsRightBeforeItsIndAndData() throws Exception {
        Layout source = LayoutBuilder.layout().geometry(4096, 1024).size(300L * 1024).extent(0, 3000, 12)
                .extent(268, 4002, 32).device(8192, 1024, 128).build();
        Recreated r = recreate(source, "dind");
        assertSameFile(source, r);
        // As ext2 allocates a new branch: [DIND][IND][data].
        assertEquals(List.of(4000L, 4001L), blocksOf(r.script().indirect()));
        assertEquals(List.of(4000L, 4001L), r.stat().indirect());
    }

    @Test
    void aFileInLaterBlockGroups_avoidsTheirMetadata_andKeepsTheFreeCounts() throws Exception {
        // 1 KiB blocks, 5 groups: group 1 and 3 hold backup superblocks; the file spans groups 2 to 4.
        Layout source = LayoutBuilder.layout().geometry(4096, 1024).size(2000L * 1024)
                .extent(0, 16391, 12).extent(12, 24575, 2).extent(14, 24585, 500).extent(600, 32775, 900)
                .metadata(16403, 12, 267, false, false).metadata(30000, 268, 65803, false, false)
                .metadata(30001, 524, 779, false, false).device(40000, 1024, 128).build();
        Recreated r = recreate(source, "groups");
        assertSameFile(source, r);
        // The INDs file.metadata leaves out cannot go right before their data (a data block is there): they go on
        // the first free blocks above the file's.
        assertEquals(List.of(16403L, 30000L, 33675L, 30001L, 33676L, 33677L, 33678L), blocksOf(r.script().indirect()));
    }

    @Test
    void aFileOfMoreThan4GiB_keepsItsSize() throws Exception {
        long t = 12 + 1024 + 1024L * 1024; // the first triple-indirect block of 4 KiB blocks
        Layout source = LayoutBuilder.layout().geometry(4096, 4096).size(6L << 30).extent(0, 100, 2)
                .extent(t + 7, 200, 3).extent((6L << 18) - 1, 300, 1).device(4096, 1024, 128).build();
        Recreated r = recreate(source, "big");
        assertSameFile(source, r);
        assertEquals(6L << 30, r.imported().file().size());
    }

    @Test
    void generatedLayouts_areRecreatedOrRefusedWithAReason() throws Exception {
        int recreated = 0;
        for (Layout source : LayoutGenerator.generate(Behaviour.MIX, 7, 40)) {
            try {
                DebugfsScript.from(source, "g");
            } catch (Ext2Exception e) {
                String fields = "(geometry\\.blockSize|device\\.blocks|file\\.extents\\[|file\\.metadata\\[)";
                assertTrue(e.getMessage().matches(fields + ".*"), e.getMessage());
                continue;
            }
            assertSameFile(source, recreate(source, "g"));
            recreated++;
        }
        assertTrue(recreated >= 10, recreated + " of 40 recreated");
    }

    /** mke2fs leaves free exactly what the plan says, for one and several groups and every block size. */
    @ParameterizedTest(name = "{0}-byte blocks, {1} blocks")
    @MethodSource("devices")
    void plan_matchesWhatMke2fsMakes(int blockSize, long deviceBlocks) throws Exception {
        Layout empty = LayoutBuilder.layout().geometry(4096, blockSize).size(0).device(deviceBlocks, 1024, 128)
                .build();
        DebugfsScript script = DebugfsScript.from(empty, "x");
        Mke2fsPlan plan = Mke2fsPlan.forDevice(blockSize, deviceBlocks);
        assertEquals(plan.blocksCount, script.blocksCount());
        Path img = dir.resolve("plan-" + blockSize + "-" + deviceBlocks + ".img");
        Tools.ok(Tools.run(Tools.argv(script.mke2fsArgv(img.toString())), dir));
        String dump = Tools.ok(Tools.run(List.of(Tools.path("dumpe2fs"), img.toString()), dir)).out();
        Matcher count = Pattern.compile("Block count:\\s+(\\d+)").matcher(dump);
        assertTrue(count.find());
        assertEquals(plan.blocksCount, Long.parseLong(count.group(1)), "the image has the planned size");
        Matcher free = Pattern.compile("\\n  Free blocks: (\\d+)-(\\d+)\\n").matcher(dump);
        List<String> actual = new ArrayList<>();
        while (free.find()) {
            actual.add(free.group(1) + "-" + free.group(2));
        }
        List<String> planned = new ArrayList<>();
        for (long g = 0; g < plan.groups; g++) {
            planned.add(plan.firstFree(g) + "-" + plan.groupLast(g));
        }
        assertEquals(planned, actual, "free blocks by group");
        assertTrue(dump.contains("Filesystem features:      filetype sparse_super large_file\n"), dump);
    }

    static Stream<Object[]> devices() {
        return Stream.of(new Object[] {1024, 1L}, new Object[] {4096, 1L}, new Object[] {1024, 60L}, new Object[] {1024, 4096L}, new Object[] {1024, 8193L},
                new Object[] {1024, 8200L}, new Object[] {1024, 83000L}, new Object[] {2048, 4096L},
                new Object[] {2048, 70000L}, new Object[] {4096, 4096L}, new Object[] {4096, 300000L});
    }

    // ---- helpers ----

    /** A recreated file: the script, the image, the file imported back and debugfs stat's listing of it. */
    record Recreated(DebugfsScript script, Path image, Layout imported, Ext2Images.Stat stat) {
    }

    /** Writes the script, runs mke2fs and debugfs as the script's header says, and reads the file back. */
    static Recreated recreate(Layout source, String name) throws Exception {
        DebugfsScript script = DebugfsScript.from(source, name);
        Path work = Tools.folder(dir.resolve("run-" + runs++));
        Path file = work.resolve(name + ".debugfs");
        Files.writeString(file, script.commands());
        Path img = work.resolve(name + ".img");
        Tools.ok(Tools.run(Tools.argv(script.mke2fsArgv(img.toString())), work));
        Tools.ok(Tools.run(Tools.argv(DebugfsScript.debugfsArgv(file.toString(), img.toString())), work));
        if (Tools.path("e2fsck") != null && script.notes().stream().noneMatch(n -> n.contains("past i_size"))) {
            Tools.ok(Tools.run(List.of(Tools.path("e2fsck"), "-fn", img.toString()), work));
        }
        Layout back;
        try (Ext2Image image = Ext2Image.open(img)) {
            int pageSize = Math.max(source.geometry().pageSize(), source.geometry().blockSize());
            back = Ext2LayoutBuilder.build(image, "/" + name, Ext2LayoutBuilder.Call.readpages(), pageSize, work);
        }
        return new Recreated(script, img, back, Ext2Images.stat(img, "/" + name, source.geometry().blockSize()));
    }

    /** The copy maps each logical block as the source does, has its i_size and the indirect blocks the script says. */
    private static void assertSameFile(Layout source, Recreated r) {
        String what = source.title();
        assertEquals(blockMap(source), blockMap(r.imported()), what + ": logical -> disk blocks");
        assertEquals(blockMap(source), r.stat().data(), what + ": debugfs stat's blocks");
        assertEquals(source.file().size(), r.imported().file().size(), what + ": i_size");
        assertEquals(List.of(), LayoutValidator.problems(r.imported()), what);
        List<Long> indirect = new ArrayList<>();
        for (Layout.MetadataBlock md : r.imported().file().metadata()) {
            indirect.add(md.block());
        }
        assertEquals(blocksOf(r.script().indirect()), indirect, what + ": indirect blocks, outer level first");
        assertEquals(indirect, r.stat().indirect(), what + ": debugfs stat's indirect blocks");
        // Where the source lists an indirect block, the copy has that block for the same logical range.
        Set<List<Long>> copied = metadataOf(r.imported());
        for (List<Long> md : metadataOf(source)) {
            assertTrue(copied.contains(md), what + ": file.metadata entry " + md + " is not in " + copied);
        }
    }

    private static TreeMap<Long, Long> blockMap(Layout layout) {
        TreeMap<Long, Long> out = new TreeMap<>();
        for (Layout.Extent e : layout.file().extents()) {
            for (long i = 0; i < e.count(); i++) {
                out.put(e.logical() + i, e.physical() + i);
            }
        }
        return out;
    }

    /** file.metadata as (block, first, last), without the cache flags. */
    private static Set<List<Long>> metadataOf(Layout layout) {
        Set<List<Long>> out = new HashSet<>();
        for (Layout.MetadataBlock md : layout.file().metadata()) {
            out.add(List.of(md.block(), md.first(), md.last()));
        }
        return out;
    }

    private static List<Long> blocksOf(List<DebugfsScript.IndirectBlock> indirect) {
        List<Long> out = new ArrayList<>();
        for (DebugfsScript.IndirectBlock ib : indirect) {
            out.add(ib.block());
        }
        return out;
    }

    private static Layout imported(Fixture fx, String file) throws Exception {
        try (Ext2Image img = Ext2Image.open(fx.image())) {
            return Ext2LayoutBuilder.build(img, file, Ext2LayoutBuilder.Call.readpages(), 4096, null);
        }
    }

    private static Layout withFile(Layout l, Layout.FileMap file) {
        return new Layout(l.title(), l.notes(), l.geometry(), file, l.device(), l.pageCache(), l.getBlock(),
                l.cleancache(), l.faults(), l.blockLayer(), l.memory(), RunSpec.readpages(0, 1), l.baseDir());
    }

    /** e2fsprogs, run for these tests and the command line's. */
    static final class Tools {

        private Tools() {
        }

        /** What a tool printed, and its exit code. */
        record Result(List<String> argv, int exit, String out, String err) {
        }

        /** The tool's path, or null when it is not installed. */
        static String path(String name) {
            return E2fsTools.path(name);
        }

        /** PATH with the folders e2fsprogs lives in, for shell lines that name the tools bare. */
        static String searchPath() {
            return E2fsTools.searchPath();
        }

        /** The same command with the tool's full path. */
        static List<String> argv(List<String> argv) {
            List<String> out = new ArrayList<>(argv);
            out.set(0, path(argv.get(0)));
            return out;
        }

        static Result run(List<String> argv, Path cwd) {
            try {
                Path err = Files.createTempFile("debugfs-script-test-", ".err");
                Path out = Files.createTempFile("debugfs-script-test-", ".out");
                try {
                    ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile()).redirectError(err.toFile())
                            .redirectOutput(out.toFile())
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                    pb.environment().put("E2FSPROGS_SKIP_PROGRESS", "1");
                    pb.environment().put("PATH", searchPath());
                    Process p = pb.start();
                    if (!p.waitFor(120, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                        throw new IllegalStateException(argv + ": timed out");
                    }
                    return new Result(argv, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                            Files.readString(err, StandardCharsets.UTF_8));
                } finally {
                    Files.deleteIfExists(err);
                    Files.deleteIfExists(out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /**
         * Exit 0 and nothing on stderr but version banners: debugfs exits 0 even when a command fails, so a failed
         * or complaining command shows only there.
         */
        static Result ok(Result r) {
            List<String> complaints = new ArrayList<>();
            for (String line : r.err().split("\n")) {
                if (!line.isBlank() && !line.matches("(debugfs|e2fsck|dumpe2fs) \\d.*")) {
                    complaints.add(line);
                }
            }
            assertEquals(List.of(), complaints, r.argv() + " complained; stdout:\n" + r.out());
            assertEquals(0, r.exit(), r.argv() + " failed:\n" + r.out());
            return r;
        }

        static Path folder(Path p) {
            try {
                return Files.createDirectories(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
