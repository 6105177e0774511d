package mpageviz.samples;

import java.nio.file.Path;
import java.util.List;

/** Lets tests in other packages iterate over the samples. */
public final class SamplesTestAccess {
    private SamplesTestAccess() {
    }

    public static List<Path> samples() throws java.io.IOException {
        return SamplesTest.samples();
    }
}
