package mpageviz.ui.panel;

import java.util.Arrays;

/**
 * The event log's rows without boxing millions of numbers: either every event 0..size-1, or the ascending
 * indexes of the events a filter kept.
 */
final class EventRows {
    private int size;
    private int[] kept;

    /** The event shown in a row. */
    int get(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException(row);
        }
        return kept == null ? row : kept[row];
    }

    int size() {
        return size;
    }

    void showAll(int n) {
        kept = null;
        size = n;
    }

    void showOnly(int[] indexes, int n) {
        kept = indexes;
        size = n;
    }

    /** Keeps only the given events (ascending, after every event kept so far) in addition to the ones kept. */
    void keepMore(int[] more) {
        if (kept == null) {
            kept = new int[Math.max(16, more.length)];
            size = 0;
        }
        if (size + more.length > kept.length) {
            kept = Arrays.copyOf(kept, Math.max(size + more.length, kept.length * 2));
        }
        System.arraycopy(more, 0, kept, size, more.length);
        size += more.length;
    }

    /** The row showing event {@code seq}, or -1. */
    int positionOf(int seq) {
        if (kept == null) {
            return seq >= 0 && seq < size ? seq : -1;
        }
        int p = Arrays.binarySearch(kept, 0, size, seq);
        return p >= 0 ? p : -1;
    }
}
