package mpageviz.layout.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import mpageviz.cli.GenerateCommand;
import mpageviz.layout.Layout;
import mpageviz.layout.LayoutReader;
import mpageviz.layout.LayoutWriter;

/** {@code generate}: the files it writes, their names and contents, what it prints, and its errors. */
class GenerateCommandTest {
    @TempDir
    Path tmp;

    /** What one call printed and returned. */
    private record Outcome(int code, String out, String err) {
        List<String> outLines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }

        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }
    }

    private static Outcome generate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = GenerateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8).replace("\r", ""),
                err.toString(StandardCharsets.UTF_8).replace("\r", ""));
    }

    private List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writesCountFiles_namedByBehaviourSeedAndIndex_withTheGeneratorsLayouts() throws Exception {
        Path dir = tmp.resolve("new/sub");
        Outcome r = generate("--seed", "7", "--count", "3", "--out", dir.toString(), "--behaviour", "hole-then-data");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertEquals(List.of("gen-hole-then-data-7-0.layout.json", "gen-hole-then-data-7-1.layout.json",
                "gen-hole-then-data-7-2.layout.json"), files(dir));
        List<String> lines = r.outLines();
        assertEquals(3, lines.size());
        for (int i = 0; i < 3; i++) {
            Path file = dir.resolve("gen-hole-then-data-7-" + i + ".layout.json");
            Layout expected = LayoutGenerator.generate(Behaviour.HOLE_THEN_DATA, LayoutGenerator.seedOf(7, i));
            assertEquals(LayoutWriter.toJson(expected), Files.readString(file), "file " + i);
            Layout read = LayoutReader.read(file);
            assertEquals(file + ": " + read.title(), lines.get(i));
        }
    }

    @Test
    void defaultsToMix_andTheSameSeedGivesTheSameBytes() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, generate("--out", a.toString(), "--count", "4", "--seed", "-12").code());
        assertEquals(0, generate("--seed", "-12", "--count", "4", "--out", b.toString()).code());
        assertEquals(List.of("gen-mix--12-0.layout.json", "gen-mix--12-1.layout.json", "gen-mix--12-2.layout.json",
                "gen-mix--12-3.layout.json"), files(a));
        for (String name : files(a)) {
            assertEquals(Files.readString(a.resolve(name)), Files.readString(b.resolve(name)), name);
        }
    }

    @Test
    void rerunningIntoTheSameFolder_replacesTheFiles() throws Exception {
        Path dir = tmp.resolve("again");
        assertEquals(0, generate("--seed", "3", "--count", "2", "--out", dir.toString(), "--behaviour", "BIO_FULL")
                .code());
        String first = Files.readString(dir.resolve("gen-bio-full-3-0.layout.json"));
        assertEquals(0, generate("--seed", "3", "--count", "2", "--out", dir.toString(), "--behaviour", "bio-full")
                .code());
        assertEquals(first, Files.readString(dir.resolve("gen-bio-full-3-0.layout.json")));
        assertEquals(2, files(dir).size(), "no temporary files left behind");
    }

    @Test
    void help_listsEveryBehaviourName() {
        Outcome r = generate("--help");
        assertEquals(0, r.code());
        for (Behaviour b : Behaviour.values()) {
            assertTrue(r.out().contains(" " + b.kebabName() + " "), b.kebabName());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--count 2 --out D",                          // no seed
        "--seed 1 --out D",                           // no count
        "--seed 1 --count 2",                         // no out
        "--seed x1 --count 2 --out D",                // seed not a number
        "--seed 1 --count 0 --out D",                 // count too small
        "--seed 1 --count 10001 --out D",             // count too large
        "--seed 1 --count two --out D",               // count not a number
        "--seed 1 --count 2 --out D --behaviour nope", // unknown behaviour
        "--seed 1 --count 2 --out D --verbose",       // unknown option
        "--seed 1 --count 2 --out D extra",           // stray argument
        "--seed 1 --seed 2 --count 2 --out D",        // option twice
        "--seed --count 2 --out D",                   // value missing in the middle
        "--seed 1 --count 2 --out",                   // value missing at the end
    })
    void badArguments_exit2WithOneLineAndWriteNothing(String line) throws Exception {
        Path dir = tmp.resolve("out");
        String[] args = line.replace(" D", " " + dir).split(" ");
        Outcome r = generate(args);
        assertEquals(2, r.code(), line);
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("mpageviz: generate: "), r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(dir), "nothing written for: " + line);
    }

    @Test
    void badArguments_sayWhatIsWrong() {
        assertTrue(generate("--seed", "1", "--count", "2", "--out", "x", "--behaviour", "nope").err()
                .contains("unknown behaviour 'nope' (one of page-has-buffers,"));
        assertTrue(generate("--count", "2", "--out", "x").err().contains("--seed is required"));
        assertTrue(generate("--seed", "1", "--count", "0", "--out", "x").err().contains("out of range 1..10000"));
    }

    @Test
    void outIsAFile_exit1WithOneLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain.txt"), "not a folder");
        Outcome r = generate("--seed", "1", "--count", "2", "--out", file.toString());
        assertEquals(1, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("mpageviz: generate: cannot create " + file), r.err());
        assertEquals("", r.out());
    }

    @Test
    void outUnderAFile_exit1WithOneLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain.txt"), "not a folder");
        Outcome r = generate("--seed", "1", "--count", "1", "--out", file.resolve("below").toString());
        assertEquals(1, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("mpageviz: generate: cannot create "), r.err());
    }
}
