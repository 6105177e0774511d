package mpageviz.layout.ext2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

import mpageviz.cli.DebugfsCommand;
import mpageviz.layout.Layout;
import mpageviz.layout.LayoutReader;
import mpageviz.layout.LayoutWriter;
import mpageviz.layout.ext2.DebugfsScriptRoundTripTest.Tools;
import mpageviz.testutil.LayoutBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mpageviz debugfs-script}: the file it writes, the commands it prints (run here as printed), errors. */
class DebugfsScriptCliTest {
    private static final Path SAMPLE = Path.of("samples", "07-boundary.layout.json");

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int cli(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = DebugfsCommand.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private void assertOneErrorLine(String start) {
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith(start), err);
        assertEquals("", out);
    }

    @Test
    void writesTheScript_andPrintsCommandsThatRecreateTheFile() throws Exception {
        Ext2Images.assumeTools();
        Path script = dir.resolve("scripts/boundary.debugfs");
        assertEquals(0, cli(SAMPLE.toString(), "--out", script.toString()), err);
        assertEquals("", err);
        DebugfsScript expected = DebugfsScript.from(LayoutReader.read(SAMPLE), "07-boundary");
        assertEquals(expected.commands(), Files.readString(script));
        List<String> lines = out.lines().toList();
        assertEquals(List.of(script + ": debugfs commands that recreate the layout's file as /07-boundary (16384 "
                        + "bytes, 16 data blocks, 1 indirect block) on a new ext2 image",
                "run (IMAGE: the image file to make):",
                "  mke2fs -q -F -t ext2 -b 1024 -r 1 -I 256 -N 16 -O none,filetype,sparse_super,large_file IMAGE 4096",
                "  debugfs -w -f " + script + " IMAGE"), lines);

        // Run the two printed lines as a user would, in a folder of their own.
        Path work = Files.createDirectory(dir.resolve("work"));
        for (String line : lines.subList(2, 4)) {
            Tools.ok(Tools.run(List.of("sh", "-c", line.trim()), work));
        }
        TreeMap<Long, Long> blocks = new TreeMap<>();
        for (long l = 0; l < 16; l++) {
            blocks.put(l, l < 12 ? 1000 + l : 1001 + l);
        }
        Ext2Images.Stat stat = Ext2Images.stat(work.resolve("IMAGE"), "/07-boundary", 1024);
        assertEquals(blocks, stat.data());
        assertEquals(List.of(1012L), stat.indirect());
    }

    @Test
    void name_andNotes_arePrinted() throws Exception {
        Path layout = dir.resolve("my layout.layout.json");
        LayoutWriter.save(LayoutBuilder.layout().geometry(4096, 1024).size(16384).extent(0, 1000, 12)
                .extent(12, 1013, 4).device(4096, 1024, 128).build(), layout);
        Path script = dir.resolve("s.debugfs");
        assertEquals(0, cli(layout.toString(), "--out", script.toString()), err);
        assertTrue(out.startsWith(script + ": debugfs commands that recreate the layout's file as /my_layout ("), out);
        assertTrue(out.contains("\n  note: file.metadata lists no IND for logical blocks 12..267: this script puts it "
                + "on block 1012\n"), out);
        assertEquals(0, cli(layout.toString(), "--name", "f.v2", "--out", script.toString()), err);
        assertTrue(out.contains("as /f.v2 ("), out);
        assertTrue(Files.readString(script).contains("\nwrite /dev/null f.v2\n"));
    }

    @Test
    void usageErrors_exit2_withOneLine() {
        String usage = "mpageviz: debugfs-script: ";
        assertEquals(2, cli());
        assertOneErrorLine(usage + "name a layout (usage: debugfs-script LAYOUT [--name NAME] --out SCRIPT)");
        assertEquals(2, cli(SAMPLE.toString()));
        assertOneErrorLine(usage + "--out is required");
        assertEquals(2, cli(SAMPLE.toString(), "--out"));
        assertOneErrorLine(usage + "--out needs a value");
        assertEquals(2, cli(SAMPLE.toString(), "--out", "a", "--out", "b"));
        assertOneErrorLine(usage + "--out is given twice");
        assertEquals(2, cli(SAMPLE.toString(), "--image", "x", "--out", "a"));
        assertOneErrorLine(usage + "unknown option --image");
        assertEquals(2, cli(SAMPLE.toString(), SAMPLE.toString(), "--out", "a"));
        assertOneErrorLine(usage + "unexpected argument");
        assertEquals(2, cli(SAMPLE.toString(), "--name", "a b", "--out", "a"));
        assertOneErrorLine(usage + "--name 'a b' is not 1..255 of the characters");
    }

    @Test
    void badOrUnrecreatableLayouts_exit1() throws Exception {
        Path missing = dir.resolve("missing.layout.json");
        assertEquals(1, cli(missing.toString(), "--out", dir.resolve("s").toString()));
        assertTrue(err.startsWith(missing + ": "), err);
        assertEquals("", out);

        Path small = dir.resolve("small.layout.json");
        Layout halfK = LayoutBuilder.layout().geometry(4096, 512).size(4096).extent(0, 100, 8).build();
        LayoutWriter.save(halfK, small);
        assertEquals(1, cli(small.toString(), "--out", dir.resolve("s").toString()));
        assertOneErrorLine(small + ": geometry.blockSize 512 cannot be recreated");
        assertFalse(Files.exists(dir.resolve("s")), "nothing is written for a refused layout");
    }

    @Test
    void anUnwritableScript_exits1() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        assertEquals(1, cli(SAMPLE.toString(), "--out", file.resolve("s.debugfs").toString()));
        assertOneErrorLine("mpageviz: debugfs-script: cannot write " + file.resolve("s.debugfs") + ": ");
    }
}
