package mpageviz.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import mpageviz.engine.Runner;
import mpageviz.layout.Layout;
import mpageviz.layout.LayoutReader;
import mpageviz.trace.SummaryCodec;

/**
 * Every sample layout is valid, has a title and notes, and its run reproduces the golden summary kept beside it
 * in samples/expected/ byte for byte. The goldens were checked against outcomes worked out by hand from mpage.c
 * (samples/README.md); regenerate them with {@code UpdateGoldens} only after such a check.
 */
class SamplesTest {
    static final Path SAMPLES = Path.of("samples");

    static List<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".layout.json")).sorted().collect(Collectors.toList());
        }
    }

    static Path golden(Path sample) {
        String name = sample.getFileName().toString().replace(".layout.json", ".summary.json");
        return SAMPLES.resolve("expected").resolve(name);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sample_reproducesItsGoldenSummary(Path sample) throws Exception {
        Layout layout = LayoutReader.read(sample);
        assertFalse(layout.title().isBlank(), "title");
        assertTrue(layout.notes().length() > 40, "notes say what to watch");
        String summary = SummaryCodec.toJson(Runner.run(layout, Runner.Options.quiet()).summary());
        assertEquals(Files.readString(golden(sample), StandardCharsets.UTF_8), summary, sample.toString());
    }
}
