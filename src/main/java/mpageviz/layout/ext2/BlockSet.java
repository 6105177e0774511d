package mpageviz.layout.ext2;

import java.util.HashMap;
import java.util.Map;

/**
 * A set of disk block numbers kept as a bitmap in 64 Ki-block chunks, so a file's blocks cost about one bit each
 * where they cluster, and a pointer far out allocates one small chunk rather than a bitmap up to it.
 */
final class BlockSet {
    private static final int CHUNK_SHIFT = 16;
    private static final int WORDS = (1 << CHUNK_SHIFT) / 64;

    private final Map<Long, long[]> chunks = new HashMap<>();

    /** Adds {@code block}; false when it was already there. */
    boolean add(long block) {
        long[] words = chunks.computeIfAbsent(block >>> CHUNK_SHIFT, k -> new long[WORDS]);
        int bit = (int) (block & ((1 << CHUNK_SHIFT) - 1));
        long mask = 1L << (bit & 63);
        if ((words[bit >>> 6] & mask) != 0) {
            return false;
        }
        words[bit >>> 6] |= mask;
        return true;
    }

    boolean contains(long block) {
        long[] words = chunks.get(block >>> CHUNK_SHIFT);
        if (words == null) {
            return false;
        }
        int bit = (int) (block & ((1 << CHUNK_SHIFT) - 1));
        return (words[bit >>> 6] & (1L << (bit & 63))) != 0;
    }
}
