package mpageviz.layout.ext2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import mpageviz.engine.Runner;
import mpageviz.layout.Layout;
import mpageviz.layout.LayoutValidator;
import mpageviz.layout.RunSpec;
import mpageviz.layout.SyntheticImage;
import mpageviz.layout.ext2.Ext2Images.Fixture;
import mpageviz.layout.ext2.Ext2Images.Fs;
import mpageviz.layout.ext2.Ext2Images.Stat;
import mpageviz.testutil.PageBytes;
import mpageviz.trace.Summary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Layouts built from real images made by mke2fs and debugfs: the block map equals what {@code debugfs stat} lists,
 * the layout follows ext2_get_blocks (boundaries, metadata chains), and a run does real I/O: readpages yields the
 * bytes {@code debugfs dump} writes, writepages changes the file's blocks in a copy of the image only.
 */
class Ext2LayoutTest {
    private static final int PAGE = 4096;

    @TempDir
    static Path dir;

    private static final Map<Fs, Fixture> FIXTURES = new HashMap<>();

    static Stream<Fs> filesystems() {
        return Stream.of(new Fs(1024, 128, 1, 8192), new Fs(1024, 128, 0, 8192), new Fs(2048, 256, 1, 8192),
                new Fs(4096, 256, 1, 8192), new Fs(4096, 128, 1, 8192));
    }

    @BeforeAll
    static void tools() {
        Ext2Images.assumeTools();
    }

    private static synchronized Fixture fixture(Fs fs) {
        return FIXTURES.computeIfAbsent(fs, f -> Ext2Images.standard(dir, f));
    }

    private static Layout layout(Fixture fx, String file, Ext2LayoutBuilder.Call call, int pageSize)
            throws Ext2Exception, IOException {
        try (Ext2Image img = Ext2Image.open(fx.image())) {
            return Ext2LayoutBuilder.build(img, file, call, pageSize, null);
        }
    }

    private static Layout readpages(Fixture fx, String file) throws Exception {
        return layout(fx, file, Ext2LayoutBuilder.Call.readpages(), PAGE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesystems")
    void blockMap_equalsDebugfsStat(Fs fs) throws Exception {
        Fixture fx = fixture(fs);
        try (Ext2Image img = Ext2Image.open(fx.image())) {
            for (String file : Ext2Images.STANDARD_FILES) {
                Stat stat = Ext2Images.stat(fx.image(), file, fs.blockSize());
                Ext2BlockMap map = img.blockMap(img.lookup(file));
                TreeMap<Long, Long> data = new TreeMap<>();
                for (int i = 0; i < map.size(); i++) {
                    data.put(map.logical(i), map.physical(i));
                }
                assertEquals(stat.data(), data, file + ": data blocks");
                List<Long> indirect = new ArrayList<>();
                List<Integer> levels = new ArrayList<>();
                for (Ext2BlockMap.Indirect ind : map.indirect()) {
                    indirect.add(ind.block());
                    levels.add(ind.level());
                }
                assertEquals(stat.indirect(), indirect, file + ": indirect blocks, in debugfs order");
                assertEquals(stat.levels(), levels, file + ": indirect levels");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesystems")
    void layout_followsExt2GetBlocks(Fs fs) throws Exception {
        Fixture fx = fixture(fs);
        long p = fs.blockSize() / 4;
        for (String file : Ext2Images.STANDARD_FILES) {
            Stat stat = Ext2Images.stat(fx.image(), file, fs.blockSize());
            Layout layout = readpages(fx, file);
            assertEquals(List.of(), LayoutValidator.problems(layout), file);
            assertEquals(new Layout.Geometry(PAGE, fs.blockSize()), layout.geometry());
            assertEquals(Files.size(fx.sources().get(file)), layout.file().size(), file + ": i_size");
            assertEquals(fs.blocks(), layout.device().blocks());
            assertEquals(fx.image().toAbsolutePath(), layout.imagePath().toAbsolutePath().normalize());

            // The extents cover exactly the mapped blocks, and only the last block of an extent can be a boundary.
            TreeMap<Long, Long> mapped = new TreeMap<>();
            for (Layout.Extent e : layout.file().extents()) {
                for (long i = 0; i < e.count(); i++) {
                    mapped.put(e.logical() + i, e.physical() + i);
                    if (i < e.count() - 1) {
                        assertFalse(btbZero(e.logical() + i, p), file + ": extent " + e + " runs past a boundary");
                    }
                }
            }
            assertEquals(stat.data(), mapped, file + ": extents");
            List<Long> boundaries = new ArrayList<>();
            for (long l : stat.data().keySet()) {
                if (btbZero(l, p)) {
                    boundaries.add(l);
                }
            }
            assertEquals(boundaries, layout.file().boundaries(), file + ": boundaries");

            // For every mapped block, the metadata covering it is the chain ext2_get_branch reads, outermost first.
            assertEquals(stat.indirect().size(), layout.file().metadata().size(), file + ": metadata entries");
            for (Map.Entry<Long, List<Long>> e : stat.chains().entrySet()) {
                List<Long> covering = new ArrayList<>();
                for (Layout.MetadataBlock md : layout.file().metadata()) {
                    assertFalse(md.cached() || md.dirty());
                    if (md.first() <= e.getKey() && e.getKey() <= md.last()) {
                        covering.add(md.block());
                    }
                }
                assertEquals(e.getValue(), covering, file + ": metadata covering logical block " + e.getKey());
            }
        }
    }

    /** blocks_to_boundary == 0, written out from kernel-semantics.md §9.2's table rather than the importer. */
    private static boolean btbZero(long l, long ptrs) {
        return l == 11 || l >= 12 && (l - 12) % ptrs == ptrs - 1;
    }

    @Test
    void metadataRanges_ofAFileIntoTheDoubleIndirectRange_with1KiBBlocks() throws Exception {
        Fixture fx = fixture(new Fs(1024, 128, 1, 8192));
        Layout layout = readpages(fx, "/dind");
        List<Long> ranges = new ArrayList<>();
        for (Layout.MetadataBlock md : layout.file().metadata()) {
            ranges.add(md.first());
            ranges.add(md.last());
        }
        // ind, dind, then the dind's three ind blocks (the file has 12 + 3*256 + 5 blocks).
        assertEquals(List.of(12L, 267L, 268L, 65803L, 268L, 523L, 524L, 779L, 780L, 1035L), ranges);
        assertEquals(List.of(11L, 267L, 523L, 779L), layout.file().boundaries());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesystems")
    void fragmentedFile_hasAnExtentPerPiece(Fs fs) throws Exception {
        Fixture fx = fixture(fs);
        Stat stat = Ext2Images.stat(fx.image(), "/frag", fs.blockSize());
        int pieces = 0;
        long prev = -2;
        for (long block : stat.data().values()) {
            pieces += block == prev + 1 ? 0 : 1;
            prev = block;
        }
        assertTrue(pieces >= 3, "/frag lies in " + pieces + " pieces: " + stat.data());
        // Pieces, plus a split at L11 when a piece runs across the end of the direct blocks.
        int extents = readpages(fx, "/frag").file().extents().size();
        assertTrue(extents == pieces || extents == pieces + 1, extents + " extents for " + pieces + " pieces");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesystems")
    void readpages_ofTheWholeFile_yieldsTheBytesDebugfsDumps(Fs fs) throws Exception {
        Fixture fx = fixture(fs);
        for (String file : Ext2Images.STANDARD_FILES) {
            if (file.equals("/tind")) {
                continue; // hundreds of MiB of holes: see the next test
            }
            byte[] dumped = Ext2Images.dump(fx.image(), file, dir);
            assertEquals(Files.size(fx.sources().get(file)), dumped.length);
            assertPagesHold(readpages(fx, file), dumped, file);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesystems")
    void readpages_ofATripleIndirectFile_pagesHoldTheFileBytes(Fs fs) throws Exception {
        Fixture fx = fixture(fs);
        Layout whole = readpages(fx, "/tind");
        int bpp = PAGE / fs.blockSize();
        long t = fx.tripleStart();
        long lastPage = (whole.file().size() - 1) / PAGE;
        List<Long> pages = new ArrayList<>(List.of(0L, 1L, (t + 5) / bpp - 3));
        for (long q = (t + 5) / bpp; q <= lastPage; q++) {
            pages.add(q);
        }
        Layout layout = whole.withRun(RunSpec.readpages(pages));
        assertEquals(List.of(), LayoutValidator.problems(layout));
        Map<Long, String> expected = new HashMap<>();
        try (RandomAccessFile src = new RandomAccessFile(fx.sources().get("/tind").toFile(), "r")) {
            for (long q : pages) {
                byte[] page = new byte[PAGE];
                src.seek(q * PAGE);
                int n = (int) Math.min(PAGE, src.length() - q * PAGE);
                src.readFully(page, 0, n);
                expected.put(q, PageBytes.sha256(page));
            }
        }
        assertEquals(expected, pageHashes(run(layout), true));
        assertTrue(layout.file().metadata().stream().anyMatch(md -> md.first() == t), "a triple-indirect entry");
    }

    @Test
    void largerPages_readTheSameBytes() throws Exception {
        Fixture small = fixture(new Fs(1024, 128, 1, 8192));
        Fixture large = fixture(new Fs(4096, 256, 1, 8192));
        for (String file : List.of("/dind", "/holes", "/frag")) {
            assertPagesHold(layout(small, file, Ext2LayoutBuilder.Call.readpages(), 16384),
                    Ext2Images.dump(small.image(), file, dir), file);
            assertPagesHold(layout(large, file, Ext2LayoutBuilder.Call.readpages(), 65536),
                    Ext2Images.dump(large.image(), file, dir), file);
        }
    }

    @Test
    void readpage_ofOnePage_holdsThatPage() throws Exception {
        Fixture fx = fixture(new Fs(1024, 128, 1, 8192));
        Layout layout = layout(fx, "/holes", Ext2LayoutBuilder.Call.readpage(67), PAGE);
        assertEquals(RunSpec.readpage(67), layout.run());
        byte[] dumped = Ext2Images.dump(fx.image(), "/holes", dir);
        assertEquals(Map.of(67L, PageBytes.sha256(page(dumped, 67, PAGE))), pageHashes(run(layout), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesystems")
    void writepages_overwritesTheFileInACopyOfTheImage(Fs fs) throws Exception {
        Fixture fx = fixture(fs);
        for (String file : List.of("/small", "/dind", "/frag")) {
            Layout layout = layout(fx, file, Ext2LayoutBuilder.Call.writepages(), PAGE);
            assertEquals(List.of(), LayoutValidator.problems(layout));
            long pages = (layout.file().size() + PAGE - 1) / PAGE;
            assertEquals(pages, layout.pageCache().size());
            for (Layout.PageSpec spec : layout.pageCache()) {
                assertEquals(List.of("uptodate", "dirty"), spec.flags());
                assertEquals(null, spec.buffers());
            }
            String before = PageBytes.sha256(Files.readAllBytes(fx.image()));
            Runner.Result r = Runner.run(layout, Runner.Options.quiet());
            try {
                assertEquals(0, r.ret());
                assertTrue(r.imageCopy());
                byte[] written = Ext2Images.dump(r.image(), file, dir);
                byte[] expected = new byte[(int) layout.file().size()];
                for (long q = 0; q < pages; q++) {
                    byte[] stamp = SyntheticImage.pageStamp(q, PAGE);
                    int n = (int) Math.min(PAGE, expected.length - q * PAGE);
                    System.arraycopy(stamp, 0, expected, (int) (q * PAGE), n);
                }
                assertArrayEquals(expected, written, file + ": the copy holds the written pages");
                assertEquals(Ext2Images.stat(fx.image(), file, fs.blockSize()).data(),
                        Ext2Images.stat(r.image(), file, fs.blockSize()).data(), "no block moved");
            } finally {
                Files.deleteIfExists(r.image());
            }
            assertEquals(before, PageBytes.sha256(Files.readAllBytes(fx.image())), "the image is untouched");
        }
    }

    @Test
    void writepage_overwritesOnePage() throws Exception {
        Fixture fx = fixture(new Fs(1024, 128, 1, 8192));
        Layout layout = layout(fx, "/twelve", Ext2LayoutBuilder.Call.writepage(2), PAGE);
        assertEquals(1, layout.pageCache().size());
        assertEquals(2, layout.pageCache().get(0).index());
        byte[] original = Ext2Images.dump(fx.image(), "/twelve", dir);
        Runner.Result r = Runner.run(layout, Runner.Options.quiet());
        try {
            byte[] written = Ext2Images.dump(r.image(), "/twelve", dir);
            byte[] expected = original.clone();
            System.arraycopy(SyntheticImage.pageStamp(2, PAGE), 0, expected, 2 * PAGE, PAGE);
            assertArrayEquals(expected, written);
        } finally {
            Files.deleteIfExists(r.image());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesystems")
    void writingOverAHole_isRefused(Fs fs) throws Exception {
        Fixture fx = fixture(fs);
        Stat stat = Ext2Images.stat(fx.image(), "/holes", fs.blockSize());
        long hole = 0;
        while (stat.data().containsKey(hole)) {
            hole++;
        }
        long page = hole / (PAGE / fs.blockSize());
        Ext2Exception e = assertThrows(Ext2Exception.class,
                () -> layout(fx, "/holes", Ext2LayoutBuilder.Call.writepages(), PAGE));
        assertEquals("/holes: page " + page + " covers a hole at logical block " + hole
                + ": writing there needs ext2 block allocation, which is not supported", e.getMessage());
        assertThrows(Ext2Exception.class, () -> layout(fx, "/holes", Ext2LayoutBuilder.Call.writepage(page), PAGE));
        if (page > 0) {
            // A page before the first hole is wholly mapped and may be written.
            assertNotEquals(null, layout(fx, "/holes", Ext2LayoutBuilder.Call.writepage(0), PAGE));
        }
    }

    @Test
    void filesWithoutPages_orNotRegular_areRefused() throws Exception {
        Fixture fx = fixture(new Fs(1024, 128, 1, 8192));
        assertEquals("/empty: is empty: it has no page to read",
                assertThrows(Ext2Exception.class, () -> readpages(fx, "/empty")).getMessage());
        assertEquals("/sub: is a dir, not a regular file",
                assertThrows(Ext2Exception.class, () -> readpages(fx, "/sub")).getMessage());
        assertEquals("/small: page 1 is outside the file (pages 0..0)", assertThrows(Ext2Exception.class,
                () -> layout(fx, "/small", Ext2LayoutBuilder.Call.readpage(1), PAGE)).getMessage());
        assertEquals("page size 1024 is smaller than the block size 4096", assertThrows(Ext2Exception.class,
                () -> layout(fixture(new Fs(4096, 256, 1, 8192)), "/small", Ext2LayoutBuilder.Call.readpages(),
                        1024)).getMessage());
        assertEquals("page size 3000 is not a power of two in 1024..65536", assertThrows(Ext2Exception.class,
                () -> layout(fx, "/small", Ext2LayoutBuilder.Call.readpages(), 3000)).getMessage());
    }

    // ---- helpers ----

    private static Summary run(Layout layout) throws IOException {
        Runner.Result r = Runner.run(layout, Runner.Options.quiet());
        assertEquals(0, r.ret());
        assertFalse(r.imageCopy());
        return r.summary();
    }

    /** Every page of the file holds {@code content}, zero-padded to the page end. */
    private static void assertPagesHold(Layout layout, byte[] content, String file) throws IOException {
        assertEquals(List.of(), LayoutValidator.problems(layout), file);
        int pageSize = layout.geometry().pageSize();
        long pages = (content.length + pageSize - 1) / pageSize;
        Map<Long, String> expected = new HashMap<>();
        for (long q = 0; q < pages; q++) {
            expected.put(q, PageBytes.sha256(page(content, q, pageSize)));
        }
        assertEquals(expected, pageHashes(run(layout), true), file + ": page contents");
    }

    private static byte[] page(byte[] content, long q, int pageSize) {
        int from = (int) Math.min(content.length, q * pageSize);
        return Arrays.copyOf(Arrays.copyOfRange(content, from, Math.min(content.length, from + pageSize)), pageSize);
    }

    private static Map<Long, String> pageHashes(Summary summary, boolean uptodate) {
        Map<Long, String> out = new HashMap<>();
        for (Summary.PageResult p : summary.pages()) {
            assertEquals(uptodate, p.flags().contains("uptodate"), "page " + p.index() + " " + p.flags());
            assertFalse(p.flags().contains("error"), "page " + p.index() + " " + p.flags());
            out.put(p.index(), p.sha256());
        }
        return out;
    }
}
