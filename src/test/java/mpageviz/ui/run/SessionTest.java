package mpageviz.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import mpageviz.engine.Runner;
import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.testutil.LayoutBuilder;
import mpageviz.trace.Trace;

/** The live session: the gate, running to the end with progress, cancelling, and equality with a plain run. */
class SessionTest {

    private static Layout contiguous(long pages) {
        return LayoutBuilder.layout().geometry(4096, 4096).size(pages * 4096).extent(0, 10, pages)
                .device(pages + 64, 1024, 128).run(RunSpec.readpages(0, pages)).build();
    }

    @Test
    void gate_holdsTheEngineNearTheCursor() throws Exception {
        try (Session s = Session.live(contiguous(2048), null, 100)) {
            long until = System.nanoTime() + 5_000_000_000L;
            while (s.available() < 100 && System.nanoTime() < until) {
                Thread.sleep(2);
            }
            Thread.sleep(50);
            assertEquals(100, s.available(), "the engine stops at the gate");
            s.allowUpTo(300);
            while (s.available() < 300 && System.nanoTime() < until) {
                Thread.sleep(2);
            }
            Thread.sleep(50);
            assertEquals(300, s.available());
        }
    }

    @Test
    void prepareToEnd_foldsEverythingAndMatchesAPlainTracedRun() throws Exception {
        Layout l = contiguous(4096);
        Trace plain = Runner.trace(l);
        try (Session s = Session.live(l, null, 64)) {
            List<Double> progress = new ArrayList<>();
            int n = s.prepareToEnd((folded, f) -> progress.add(f), () -> false);
            assertEquals(plain.publishedSize(), n);
            assertEquals(n, s.history().folded());
            assertTrue(s.finished());
            assertEquals(plain.summary(), s.summary());
            assertEquals(1.0, progress.get(progress.size() - 1));
            for (int i = 1; i < progress.size(); i++) {
                assertTrue(progress.get(i) >= 0 && progress.get(i) <= 1, "progress " + progress.get(i));
            }
            assertEquals(plain.summary().pages().size(), s.stateAt(n).pageCount());
        }
    }

    @Test
    void prepareToEnd_cancelled_closesTheGateAgain() throws Exception {
        Layout l = contiguous(16_384);
        try (Session s = Session.live(l, null, 64)) {
            int reached = s.prepareToEnd((folded, f) -> { }, () -> true);
            // The engine may still be writing its synthetic image; once it emits, it stops at the gate.
            long until = System.nanoTime() + 10_000_000_000L;
            while (s.available() == 0 && !s.finished() && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            Thread.sleep(100);
            int held = s.available();
            Thread.sleep(200);
            assertEquals(held, s.available(), "after a cancel the engine waits at the gate (or has finished)");
            assertTrue(reached <= held);
            if (!s.finished()) {
                s.runToEnd();
                until = System.nanoTime() + 10_000_000_000L;
                while (!s.finished() && System.nanoTime() < until) {
                    Thread.sleep(5);
                }
                assertTrue(s.finished(), "a held run goes on when allowed");
            }
        }
    }
}
