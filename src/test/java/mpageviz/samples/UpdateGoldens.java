package mpageviz.samples;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import mpageviz.engine.Runner;
import mpageviz.layout.LayoutReader;
import mpageviz.trace.SummaryCodec;

/** Rewrites samples/expected/*.summary.json from the engine. Run by hand, then review the diff. */
public final class UpdateGoldens {
    private UpdateGoldens() {
    }

    public static void main(String[] args) throws Exception {
        Files.createDirectories(SamplesTest.SAMPLES.resolve("expected"));
        for (Path sample : SamplesTest.samples()) {
            String json = SummaryCodec.toJson(Runner.run(LayoutReader.read(sample), Runner.Options.quiet()).summary());
            Files.writeString(SamplesTest.golden(sample), json, StandardCharsets.UTF_8);
            System.out.println("wrote " + SamplesTest.golden(sample));
        }
    }
}
