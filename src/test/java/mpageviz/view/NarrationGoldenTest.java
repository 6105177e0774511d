package mpageviz.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import mpageviz.layout.Layout;
import mpageviz.layout.LayoutReader;
import mpageviz.testutil.Traces;
import mpageviz.trace.Trace;

/**
 * The words of every step of a few runs, kept byte for byte in src/test/resources/narration/, so that a change to
 * the narrator's code (a refactoring, a shared helper) cannot change what a student reads by accident. Seven
 * samples (the read side with BH_Boundary and a metadata read, a hole then data through the buffer path, a full
 * bio, a skipped page, a failed bio, a plug front merge, the write side with write_boundary_block) and the small
 * layouts of {@link NarratorTest#extraLayouts()} between them reach all 28 event kinds.
 *
 * <p>When the wording is changed on purpose, rewrite the goldens with
 * {@code mvn -o test -Dtest=NarrationGoldenTest -DupdateNarrationGoldens=true} and review the diff.
 */
class NarrationGoldenTest {
    private static final Path GOLDENS = Path.of("src", "test", "resources", "narration");

    /** The golden's name and the layout it narrates. */
    static List<Arguments> runs() throws Exception {
        List<Arguments> out = new ArrayList<>();
        for (String s : List.of("05-hole-then-data", "07-boundary", "09-bio-full", "10-already-cached",
                "16-bad-sector", "21-front-merge", "27-writepages-boundary")) {
            out.add(Arguments.of(s, LayoutReader.read(Path.of("samples", s + ".layout.json"))));
        }
        for (Arguments a : NarratorTest.extraLayouts().toList()) {
            out.add(Arguments.of("extra-" + a.get()[0], a.get()[1]));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void everyStepOfTheRun_readsAsItsGolden(String name, Layout layout) throws Exception {
        String text = narration(layout, name);
        Path golden = GOLDENS.resolve(name + ".txt");
        if (Boolean.getBoolean("updateNarrationGoldens")) {
            Files.createDirectories(GOLDENS);
            Files.writeString(golden, text, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), text, golden.toString());
    }

    /** The start narration, then one block per event: seq, kind, tone, fn:line, reason, headline and why. */
    private static String narration(Layout layout, String name) throws Exception {
        Trace trace = Traces.traced(layout);
        RunHistory history = new RunHistory(trace, 32);
        StringBuilder out = new StringBuilder("# " + name + ": what the narration panel says at each step\n\n");
        RunState before = history.stateAt(0);
        append(out, "start", Narrator.atStart(before));
        for (int k = 0; k < trace.publishedSize(); k++) {
            RunState after = history.stateAt(k + 1);
            append(out, k + " " + trace.get(k).kind(), Narrator.narrate(before, trace.get(k), after));
            before = after;
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String step, Narration n) {
        out.append(step).append(" [").append(n.tone()).append("] ").append(n.fn()).append(':').append(n.line());
        if (n.reason() != null) {
            out.append(" reason=").append(n.reason());
        }
        out.append("\n  ").append(n.headline()).append("\n  ").append(n.why()).append("\n\n");
    }
}
