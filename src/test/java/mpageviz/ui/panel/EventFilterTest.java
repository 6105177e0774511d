package mpageviz.ui.panel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import mpageviz.engine.Runner;
import mpageviz.layout.LayoutReader;
import mpageviz.trace.EventText;
import mpageviz.trace.Trace;

/** The event log's filter: by kind, by text, and in pieces as a live run grows, with the same rows as one scan. */
class EventFilterTest {
    private static Trace trace() throws Exception {
        return Runner.trace(LayoutReader.read(Path.of("samples/06-discontiguous.layout.json")));
    }

    @Test
    void kindAndText_keepExactlyTheMatchingEvents() throws Exception {
        Trace t = trace();
        int n = t.publishedSize();
        EventFilter f = EventFilter.of("buffer-state", "  BLOCK=5 ", "all kinds");
        int[] expected = IntStream.range(0, n).filter(i -> t.get(i).kind().equals("buffer-state")
                && EventText.describe(i, t.get(i)).toLowerCase(Locale.ROOT).contains("block=5")).toArray();
        assertTrue(expected.length > 0);
        assertArrayEquals(expected, f.scan(t, 0, n));
        assertTrue(EventFilter.of("all kinds", " ", "all kinds").keepsAll());
    }

    @Test
    void scanningInPieces_givesTheRowsOfOneScan() throws Exception {
        Trace t = trace();
        int n = t.publishedSize();
        EventFilter f = EventFilter.of(null, "bio", "all kinds");
        EventRows rows = new EventRows();
        rows.showOnly(new int[0], 0);
        for (int from = 0; from < n; from += 7) {
            rows.keepMore(f.scan(t, from, Math.min(n, from + 7)));
        }
        int[] whole = f.scan(t, 0, n);
        assertEquals(whole.length, rows.size());
        for (int r = 0; r < whole.length; r++) {
            assertEquals(whole[r], rows.get(r));
            assertEquals(r, rows.positionOf(whole[r]));
        }
    }
}
