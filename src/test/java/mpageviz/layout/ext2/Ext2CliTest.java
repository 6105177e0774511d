package mpageviz.layout.ext2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import mpageviz.cli.Cli;
import mpageviz.layout.Layout;
import mpageviz.layout.LayoutReader;
import mpageviz.layout.LayoutWriter;
import mpageviz.layout.RunSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mpageviz ext2 ls} and {@code mpageviz ext2 layout}: output, the layout file, errors and exit codes. */
class Ext2CliTest {
    @TempDir
    static Path dir;
    private static Path img;
    private static Path layouts;

    private String out;
    private String err;

    @BeforeAll
    static void image() throws Exception {
        Ext2Images.assumeTools();
        img = Ext2Images.mkfs(Files.createDirectory(dir.resolve("images")).resolve("fs.img"),
                new Ext2Images.Fs(1024, 128, 1, 4096));
        layouts = Files.createDirectory(dir.resolve("layouts"));
        Path src = Files.createDirectory(dir.resolve("src"));
        Ext2Images.debugfs(img, true, "write " + Ext2Images.denseFile(src, "small", 3000, 1024, 1) + " small",
                "write " + Ext2Images.denseFile(src, "big", 600 * 1024, 1024, 2) + " big",
                "write " + Ext2Images.sparseFile(src, "holes", 40 * 1024, 1024, 3, new long[] {0, 3},
                        new long[] {20, 20}) + " holes", "mkdir sub");
    }

    private int cli(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8)).execute(args);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private void assertOneErrorLine() {
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void ls_printsTypeInodeSizeAndName() {
        assertEquals(0, cli("ext2", "ls", img.toString()));
        List<String> lines = out.lines().toList();
        assertEquals(List.of(".", "..", "lost+found", "small", "big", "holes", "sub"),
                lines.stream().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList());
        assertTrue(lines.get(0).matches("dir +2 +1024 \\."), lines.get(0));
        assertTrue(lines.get(3).matches("file +12 +3000 small"), lines.get(3));
        assertEquals("", err);

        assertEquals(0, cli("ext2", "ls", img.toString(), "/sub"));
        assertEquals(2, out.lines().count());
        assertEquals(0, cli("ext2", "ls", img.toString(), "/big"));
        assertTrue(out.matches("file +13 +614400 big\\R"), out);
    }

    @Test
    void ls_errors() throws Exception {
        assertEquals(1, cli("ext2", "ls", img.toString(), "/nope"));
        assertEquals(img + ": /nope: no such file or directory (/ has no entry \"nope\")\n", err);
        Path bad = dir.resolve("bad.img");
        Files.write(bad, new byte[4096]);
        assertEquals(1, cli("ext2", "ls", bad.toString()));
        assertEquals(bad + ": superblock: bad magic 0x0000 (expected 0xEF53)\n", err);
        assertEquals(2, cli("ext2", "ls"));
        assertOneErrorLine();
        assertEquals(2, cli("ext2", "ls", "a", "b", "c"));
        assertOneErrorLine();
        assertEquals(2, cli("ext2"));
        assertOneErrorLine();
        assertEquals(2, cli("ext2", "frob"));
        assertEquals("mpageviz: ext2: unknown subcommand 'frob' (ls or layout)\n", err);
    }

    @Test
    void layout_writesAFileThatReadsBackAndRuns() throws Exception {
        Path target = layouts.resolve("big.layout.json");
        assertEquals(0, cli("ext2", "layout", img.toString(), "/big", "--out", target.toString()));
        assertEquals(target + ": ext2: /big, 614400 bytes, 600 data blocks in 4 extents, 4 indirect blocks, 3 "
                + "boundaries; readpages of 150 pages 0..149\n", out);
        assertEquals("", err);
        Layout read = LayoutReader.read(target);
        assertEquals("../images/fs.img", read.device().image(), "relative to the layout's folder");
        try (Ext2Image image = Ext2Image.open(img)) {
            Layout built = Ext2LayoutBuilder.build(image, "/big", Ext2LayoutBuilder.Call.readpages(), 4096,
                    layouts);
            assertEquals(LayoutWriter.toJson(built), LayoutWriter.toJson(read));
        }
        assertEquals(0, cli("run", target.toString()), err);
        assertTrue(out.contains("readpages of 150 pages"), out);
    }

    @Test
    void layout_options() throws Exception {
        Path target = layouts.resolve("opts.layout.json");
        assertEquals(0, cli("ext2", "layout", img.toString(), "/big", "--op", "readpage", "3", "--page-size",
                "16384", "--out", target.toString()));
        Layout l = LayoutReader.read(target);
        assertEquals(RunSpec.readpage(3), l.run());
        assertEquals(16384, l.geometry().pageSize());
        assertTrue(out.endsWith("; readpage of page 3\n"), out);

        assertEquals(0, cli("ext2", "layout", img.toString(), "/big", "--op", "writepage", "0", "--out",
                target.toString()));
        assertEquals(RunSpec.writepage(0, "none"), LayoutReader.read(target).run());
        assertEquals(0, cli("ext2", "layout", img.toString(), "small", "--op", "writepages", "--out",
                target.toString()));
        assertTrue(out.endsWith("; writepages of 1 dirty page\n"), out);
        assertEquals(0, cli("run", target.toString()), err);
        assertTrue(out.contains("wrote to a copy of the image"), out);
    }

    @Test
    void layout_firstAndCountPickAReadaheadWindow() throws Exception {
        Path target = layouts.resolve("window.layout.json");
        assertEquals(0, cli("ext2", "layout", img.toString(), "/big", "--first", "64", "--count", "5", "--out",
                target.toString()));
        assertTrue(out.endsWith("; readpages of 5 pages 64..68\n"), out);
        assertEquals(RunSpec.readpages(64, 5), LayoutReader.read(target).run());
        assertEquals(0, cli("ext2", "layout", img.toString(), "/big", "--first", "148", "--out", target.toString()));
        assertEquals(RunSpec.readpages(148, 2), LayoutReader.read(target).run(), "to the end of the file");
        assertEquals(0, cli("ext2", "layout", img.toString(), "/big", "--count", "1", "--out", target.toString()));
        assertTrue(out.endsWith("; readpages of page 0\n"), out);

        assertEquals(1, cli("ext2", "layout", img.toString(), "/big", "--first", "149", "--count", "2", "--out",
                target.toString()));
        assertEquals(img + ": /big: pages 149..150 are not all in the file (pages 0..149)\n", err);
        assertEquals(1, cli("ext2", "layout", img.toString(), "/big", "--first", "150", "--out", target.toString()));
        assertOneErrorLine();
    }

    @Test
    void layout_badInputExitsOne() {
        String target = layouts.resolve("x.layout.json").toString();
        assertEquals(1, cli("ext2", "layout", img.toString(), "/holes", "--op", "writepages", "--out", target));
        assertEquals(img + ": /holes: page 1 covers a hole at logical block 4: writing there needs ext2 block "
                + "allocation, which is not supported\n", err);
        assertEquals(1, cli("ext2", "layout", img.toString(), "/sub", "--out", target));
        assertEquals(img + ": /sub: is a dir, not a regular file\n", err);
        assertEquals(1, cli("ext2", "layout", img.toString(), "/small", "--op", "readpage", "9", "--out", target));
        assertOneErrorLine();
        assertEquals(1, cli("ext2", "layout", img.toString(), "/small", "--page-size", "512", "--out", target));
        assertOneErrorLine();
        assertEquals(1, cli("ext2", "layout", img.toString(), "/small", "--out",
                dir.resolve("no/such/folder/x.json").toString()));
        assertTrue(err.contains("cannot write the layout"), err);
        assertOneErrorLine();
    }

    @Test
    void layout_usageErrorsExitTwo() {
        String i = img.toString();
        String[][] bad = {
            {"ext2", "layout", i, "/small"},
            {"ext2", "layout", i, "--out", "x.json"},
            {"ext2", "layout", i, "/small", "extra", "--out", "x.json"},
            {"ext2", "layout", i, "/small", "--out"},
            {"ext2", "layout", i, "/small", "--frob", "--out", "x.json"},
            {"ext2", "layout", i, "/small", "--op", "readpage", "--out", "x.json"},
            {"ext2", "layout", i, "/small", "--op", "readpage"},
            {"ext2", "layout", i, "/small", "--op", "readpage", "-1", "--out", "x.json"},
            {"ext2", "layout", i, "/small", "--op", "bogus", "--out", "x.json"},
            {"ext2", "layout", i, "/small", "--page-size", "big", "--out", "x.json"},
            {"ext2", "layout", i, "/small", "--count", "0", "--out", "x.json"},
            {"ext2", "layout", i, "/small", "--first", "-2", "--out", "x.json"},
            {"ext2", "layout", i, "/small", "--op", "writepages", "--first", "0", "--out", "x.json"},
            {"ext2", "layout", i, "/small", "--op", "readpage", "0", "--count", "1", "--out", "x.json"},
        };
        for (String[] args : bad) {
            assertEquals(2, cli(args), String.join(" ", args));
            assertOneErrorLine();
            assertTrue(err.startsWith("mpageviz: "), err);
        }
    }

    @Test
    void help_mentionsTheExt2Commands() {
        assertEquals(0, cli("help"));
        assertTrue(out.contains("ext2 ls IMAGE [PATH]"), out);
        assertTrue(out.contains("ext2 layout IMAGE PATH [--op readpages|writepages|readpage N|writepage N] "
                + "[--first N] [--count N] [--page-size N] --out LAYOUT"), out);
    }
}
