package mpageviz.layout.ext2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import mpageviz.engine.Runner;
import mpageviz.layout.Layout;
import mpageviz.layout.LayoutValidator;
import mpageviz.layout.ext2.Ext2Images.Fs;
import mpageviz.testutil.PageBytes;
import mpageviz.trace.Summary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Superblock, group descriptors, inodes, directories and lookup, checked against what debugfs reports. */
class Ext2ImageTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        Ext2Images.assumeTools();
    }

    static Stream<Fs> filesystems() {
        return Stream.of(new Fs(1024, 128, 1, 4096), new Fs(1024, 128, 0, 4096), new Fs(2048, 256, 1, 4096),
                new Fs(4096, 256, 1, 2048), new Fs(4096, 1024, 1, 2048));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesystems")
    void superblock_matchesDebugfsStats(Fs fs) throws Exception {
        Path img = Ext2Images.mkfs(dir.resolve("fs.img"), fs);
        Map<String, String> stats = Ext2Images.stats(img);
        try (Ext2Image image = Ext2Image.open(img)) {
            Ext2Superblock sb = image.superblock();
            assertEquals(fs.blockSize(), sb.blockSize());
            assertEquals(Long.parseLong(stats.get("Block count")), sb.blocksCount());
            assertEquals(fs.blocks(), sb.blocksCount());
            assertEquals(Long.parseLong(stats.get("Inode count")), sb.inodesCount());
            assertEquals(Long.parseLong(stats.get("First block")), sb.firstDataBlock());
            assertEquals(Long.parseLong(stats.get("Blocks per group")), sb.blocksPerGroup());
            assertEquals(Long.parseLong(stats.get("Inodes per group")), sb.inodesPerGroup());
            if (fs.rev() == 1) { // debugfs prints these only for dynamic revisions
                assertEquals(Integer.parseInt(stats.get("Inode size")), sb.inodeSize());
                assertEquals(Long.parseLong(stats.get("First inode")), sb.firstIno());
            }
            assertEquals(fs.rev(), sb.revLevel());
            assertEquals(fs.rev() == 0 ? 128 : fs.inodeSize(), sb.inodeSize());
            assertEquals(fs.rev() == 1, sb.hasFileType(), "rev 0 directories have no file type byte");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filesystems")
    void listing_matchesDebugfsLs(Fs fs) throws Exception {
        Path img = Ext2Images.mkfs(dir.resolve("fs.img"), fs);
        Path src = Files.createDirectory(dir.resolve("src"));
        Ext2Images.denseFile(src, "one", 5000, fs.blockSize(), 1);
        Ext2Images.denseFile(src, "two", 0, fs.blockSize(), 2);
        List<String> cmds = new ArrayList<>(List.of("write " + src.resolve("one") + " one", "mkdir sub",
                "mkdir sub/deeper", "write " + src.resolve("two") + " sub/deeper/two", "symlink ln /sub/deeper/two"));
        // Enough entries to spill the directory into a second block.
        for (int i = 0; i < fs.blockSize() / 36 + 10; i++) {
            cmds.add("write " + src.resolve("two") + " sub/a-file-with-a-longer-name-" + i);
        }
        Ext2Images.debugfs(img, true, cmds.toArray(new String[0]));
        try (Ext2Image image = Ext2Image.open(img)) {
            for (String path : List.of("/", "/sub", "/sub/deeper", "/lost+found")) {
                assertEquals(debugfsLs(img, path), set(image.list(path)), path);
            }
            assertTrue(image.lookup("/sub").size() > fs.blockSize(), "/sub spans several blocks");
            Ext2DirEntry one = image.list("/one").get(0);
            assertEquals(new Ext2DirEntry("one", one.inode(), "file", 5000), one);
            assertEquals("symlink", image.list("/ln").get(0).type());
            assertEquals("dir", image.list("/").get(0).type());
            assertEquals(image.lookup("/sub/deeper/two").number(), image.lookup("sub//deeper/two/").number());
            assertEquals(Ext2Image.ROOT_INO, image.lookup("/").number());

            assertEquals("/sub/nope: no such file or directory (/sub has no entry \"nope\")",
                    assertThrows(Ext2Exception.class, () -> image.lookup("/sub/nope")).getMessage());
            assertEquals("/one/x: /one is a file, not a directory",
                    assertThrows(Ext2Exception.class, () -> image.lookup("/one/x")).getMessage());
            assertEquals("/ln/x: /ln is a symlink, not a directory (links are not followed)",
                    assertThrows(Ext2Exception.class, () -> image.lookup("/ln/x")).getMessage());
            assertEquals("inode 0 is out of range 1.." + image.superblock().inodesCount() + " (s_inodes_count)",
                    assertThrows(Ext2Exception.class, () -> image.inode(0)).getMessage());
        }
    }

    /** (name, inode, size) of every entry {@code debugfs ls -l} lists. */
    private static Set<String> debugfsLs(Path img, String path) {
        Set<String> out = new HashSet<>();
        for (String line : Ext2Images.debugfs(img, false, "ls -l " + path).split("\\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 9 && f[0].matches("\\d+") && !line.startsWith("debugfs")) {
                out.add(f[8] + " " + f[0] + " " + f[5]);
            }
        }
        return out;
    }

    private static Set<String> set(List<Ext2DirEntry> entries) {
        Set<String> out = new HashSet<>();
        for (Ext2DirEntry e : entries) {
            out.add(e.name() + " " + e.inode() + " " + e.size());
        }
        return out;
    }

    @Test
    void manyGroupsAndMetaBg_inodesAndFilesInLaterGroupsAreFound() throws Exception {
        // 64 groups of 256 blocks, 8 inodes each; with META_BG the second descriptor block sits in group 32.
        for (String features : List.of("^meta_bg", "meta_bg,^resize_inode")) {
            Path img = Ext2Images.mkfs(dir.resolve("groups.img"), 16384, "-b", "1024", "-g", "256", "-N", "512",
                    "-O", features);
            Path src = Files.createDirectories(dir.resolve("src"));
            Ext2Images.denseFile(src, "tiny", 10, 1024, 1);
            Ext2Images.denseFile(src, "data", 300 * 1024 + 5, 1024, 2);
            List<String> cmds = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                cmds.add("write " + src.resolve("tiny") + " t" + i);
            }
            cmds.add("write " + src.resolve("data") + " data");
            Ext2Images.debugfs(img, true, cmds.toArray(new String[0]));
            try (Ext2Image image = Ext2Image.open(img)) {
                assertEquals(64, image.superblock().groups());
                Ext2Inode data = image.lookup("/data");
                assertTrue(data.number() > 32 * image.superblock().inodesPerGroup(), "inode in a group past 32: "
                        + data.number());
                assertEquals(debugfsLs(img, "/"), set(image.list("/")), features);
                Ext2Images.Stat stat = Ext2Images.stat(img, "/data", 1024);
                Ext2BlockMap map = image.blockMap(data);
                TreeMap<Long, Long> mapped = new TreeMap<>();
                for (int i = 0; i < map.size(); i++) {
                    mapped.put(map.logical(i), map.physical(i));
                }
                assertEquals(stat.data(), mapped, features);
                Layout layout = Ext2LayoutBuilder.build(image, "/data", Ext2LayoutBuilder.Call.readpages(), 4096,
                        null);
                assertEquals(List.of(), LayoutValidator.problems(layout));
                byte[] dumped = Ext2Images.dump(img, "/data", dir);
                Summary summary = Runner.run(layout, Runner.Options.quiet()).summary();
                for (Summary.PageResult p : summary.pages()) {
                    byte[] page = new byte[4096];
                    int from = (int) p.index() * 4096;
                    System.arraycopy(dumped, from, page, 0, Math.min(4096, dumped.length - from));
                    assertEquals(PageBytes.sha256(page), p.sha256(), features + ": page " + p.index());
                }
            }
            Files.delete(img);
        }
    }
}
