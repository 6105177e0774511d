package mpageviz.layout.gen;

import java.util.List;

/**
 * The generator's random numbers: SplitMix64, written out here so that a seed gives the same layouts on every JDK
 * (java.util.Random's bounded helpers are not pinned down across versions).
 */
final class Dice {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;

    Dice(long seed) {
        this.state = seed;
    }

    /** The SplitMix64 output function: a good 64-bit mix of one value. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The seed of the i-th layout of a batch generated from {@code seed}. */
    static long derive(long seed, int i) {
        return mix(seed + GOLDEN * (i + 1L));
    }

    long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** A uniform integer in lo..hi, both included; hi below lo gives lo. */
    int between(int lo, int hi) {
        return (int) between((long) lo, hi);
    }

    /** A uniform long in lo..hi, both included; hi below lo gives lo. */
    long between(long lo, long hi) {
        if (hi <= lo) {
            return lo;
        }
        // The modulo bias is below 2^-40 for the small ranges used here.
        return lo + Long.remainderUnsigned(nextLong(), hi - lo + 1);
    }

    /** True with the given chance in percent. */
    boolean chance(int percent) {
        return between(0, 99) < percent;
    }

    @SafeVarargs
    final <T> T pick(T... choices) {
        return choices[between(0, choices.length - 1)];
    }

    <T> T pick(List<T> choices) {
        return choices.get(between(0, choices.size() - 1));
    }
}
