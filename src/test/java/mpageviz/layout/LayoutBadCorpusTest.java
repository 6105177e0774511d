package mpageviz.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of malformed layouts in {@code src/test/resources/layouts/bad}: each file breaks one rule, and
 * {@code expected-messages.txt} says which problem the reader must report for it.
 */
class LayoutBadCorpusTest {

    static Path corpusDir() throws URISyntaxException {
        URL url = LayoutBadCorpusTest.class.getResource("/layouts/bad");
        assertNotNull(url, "layouts/bad is on the test class path");
        return Path.of(url.toURI());
    }

    /** File name to expected problem (the whole message or its start), in file order. */
    static Map<String, String> expectations() throws IOException, URISyntaxException {
        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(corpusDir().resolve("expected-messages.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf(" | ");
            assertTrue(bar > 0, "line has FILE | MESSAGE: " + line);
            String previous = expected.put(line.substring(0, bar), line.substring(bar + 3));
            assertEquals(null, previous, "listed twice: " + line);
        }
        return expected;
    }

    static Stream<Arguments> corpus() throws IOException, URISyntaxException {
        List<Arguments> args = new ArrayList<>();
        expectations().forEach((file, message) -> args.add(Arguments.of(file, message)));
        return args.stream();
    }

    @Test
    void everyCorpusFileHasOneExpectation() throws IOException, URISyntaxException {
        TreeSet<String> files;
        try (Stream<Path> list = Files.list(corpusDir())) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".layout.json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(files, new TreeSet<>(expectations().keySet()));
        assertTrue(files.size() >= 45, "at least 45 malformed layouts, found " + files.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badLayout_isRejectedWithItsOneProblem(String fileName, String expected) throws URISyntaxException {
        Path file = corpusDir().resolve(fileName);
        LayoutException e = assertThrows(LayoutException.class, () -> LayoutReader.read(file));
        assertEquals(file, e.file());
        assertEquals(1, e.problems().size(), () -> "exactly one problem, got:\n" + e.getMessage());
        assertTrue(e.problems().get(0).startsWith(expected),
                () -> "expected a problem starting with\n  " + expected + "\ngot\n  " + e.getMessage());
        assertEquals(String.join("\n", e.problems()), e.getMessage());
    }
}
