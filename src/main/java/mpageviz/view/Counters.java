package mpageviz.view;

import java.util.Map;
import java.util.TreeMap;

/** Running totals at a step, for the stats panel; {@code bioPages} counts the pages of the mpage bios sent. */
public record Counters(int biosSubmitted, int bhSubmitted, int metaReads, int requestsServed, int getBlockCalls,
                       Map<String, Integer> fallbacks, long bytesRead, long bytesWritten, long seekSectors,
                       long headSector, int pagesBegun, int bioPages) {
    public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, Map.of(), 0, 0, 0, -1, 0, 0);

    public int fallbackPages() {
        int n = 0;
        for (int v : fallbacks.values()) {
            n += v;
        }
        return n;
    }

    Counters withFallback(String reason) {
        Map<String, Integer> m = new TreeMap<>(fallbacks);
        m.merge(reason, 1, Integer::sum);
        return new Counters(biosSubmitted, bhSubmitted, metaReads, requestsServed, getBlockCalls, Map.copyOf(m),
                bytesRead, bytesWritten, seekSectors, headSector, pagesBegun, bioPages);
    }
}
