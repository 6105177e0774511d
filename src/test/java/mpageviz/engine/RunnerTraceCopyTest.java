package mpageviz.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.layout.SyntheticImage;
import mpageviz.testutil.LayoutBuilder;

/** Runner.trace of a write layout on a real image must not leave its image copy behind. */
class RunnerTraceCopyTest {

    private static List<Path> copies() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("mpageviz-copy-")).toList();
        }
    }

    @Test
    void traceOfAWriteRunDeletesItsImageCopy() throws Exception {
        Path image = Files.createTempFile("mpageviz-tracecopy-", ".img");
        try {
            SyntheticImage.write(image, 64, 1024);
            Layout layout = LayoutBuilder.layout().geometry(4096, 1024).size(4096).extent(0, 8, 4)
                    .image(image.toString(), 64).page(0, "uptodate", "dirty")
                    .run(RunSpec.writepages("all", 0, -1)).build();
            List<Path> before = copies();
            Runner.trace(layout);
            List<Path> leaked = copies().stream().filter(p -> !before.contains(p)).toList();
            leaked.forEach(p -> p.toFile().delete());
            assertEquals(List.of(), leaked, "Runner.trace left the write run's image copy behind");
        } finally {
            Files.deleteIfExists(image);
        }
    }
}
