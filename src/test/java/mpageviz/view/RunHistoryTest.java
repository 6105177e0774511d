package mpageviz.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import mpageviz.engine.Runner;
import mpageviz.kernel.PageFlag;
import mpageviz.layout.LayoutReader;
import mpageviz.trace.Summary;
import mpageviz.trace.Trace;

/** The fold is a pure function of the trace: seeking equals folding from 0, and the end matches the engine. */
class RunHistoryTest {

    static java.util.List<Path> samples() throws Exception {
        return mpageviz.samples.SamplesTestAccess.samples();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void stateAt_fromSnapshots_equalsFoldFromZero_atEveryStep(Path sample) throws Exception {
        Trace trace = Runner.trace(LayoutReader.read(sample));
        RunHistory history = new RunHistory(trace, 7);
        Fold fold = Fold.start(trace.layout());
        assertEquals(fold.snapshot(), history.stateAt(0));
        for (int k = 1; k <= trace.publishedSize(); k++) {
            fold.apply(trace.get(k - 1));
            assertEquals(fold.snapshot(), history.stateAt(k), sample + " step " + k);
        }
        // Stepping back after a seek lands where seeking there directly does.
        for (int k = trace.publishedSize(); k > 0; k -= 3) {
            assertEquals(history.stateAt(k - 1), new RunHistory(trace, 5).stateAt(k - 1));
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void finalState_matchesTheEnginesSummary_flagsAndBytes(Path sample) throws Exception {
        Trace trace = Runner.trace(LayoutReader.read(sample));
        RunState end = new RunHistory(trace).stateAt(trace.publishedSize());
        int pageSize = trace.layout().geometry().pageSize();
        Path image = trace.layout().imagePath();
        PageBytes.Disk disk = image == null ? PageBytes.synthetic(trace.layout().geometry().blockSize())
                : PageBytes.image(image);
        for (Summary.PageResult p : trace.summary().pages()) {
            PageView v = end.page(p.index());
            assertNotNull(v, "page " + p.index());
            assertEquals(p.flags(), PageFlag.names(v.flags()), sample + " page " + p.index() + " flags");
            byte[] bytes = PageBytes.of(v, pageSize, disk);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertEquals(p.sha256(), sha, sample + " page " + p.index() + " bytes");
        }
        assertEquals(trace.summary().requests().size(), end.servedCount());
        assertEquals(trace.summary().stats().seekSectors(), end.counters().seekSectors());
        assertEquals(trace.summary().stats().fallbackPages(), end.counters().fallbackPages());
    }
}
