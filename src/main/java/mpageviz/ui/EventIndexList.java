package mpageviz.ui;

import java.util.Arrays;

import javafx.collections.ObservableListBase;

/**
 * The event log's items without boxing millions of numbers: either every event 0..size-1, or the indexes
 * of the events a filter kept. Growing (a live run) fires one add change.
 */
public final class EventIndexList extends ObservableListBase<Integer> {
    private int size;
    private int[] kept;

    @Override
    public Integer get(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException(i);
        }
        return kept == null ? i : kept[i];
    }

    @Override
    public int size() {
        return size;
    }

    /** Shows all events 0..n-1. */
    public void showAll(int n) {
        boolean grow = kept == null && n > size;
        int old = size;
        kept = null;
        size = n;
        fire(grow, old);
    }

    /** Shows only the given (ascending) event indexes. */
    public void showOnly(int[] indexes, int n) {
        boolean grow = kept != null && n > size && startsWith(indexes, kept, size);
        int old = size;
        kept = Arrays.copyOf(indexes, n);
        size = n;
        fire(grow, old);
    }

    private static boolean startsWith(int[] a, int[] prefix, int n) {
        for (int i = 0; i < n; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The position of event {@code seq} in the list, or -1. */
    public int positionOf(int seq) {
        if (kept == null) {
            return seq < size ? seq : -1;
        }
        int p = Arrays.binarySearch(kept, 0, size, seq);
        return p >= 0 ? p : -1;
    }

    private void fire(boolean grow, int old) {
        beginChange();
        if (grow) {
            nextAdd(old, size);
        } else {
            nextRemove(0, java.util.Collections.nCopies(old, 0));
            nextAdd(0, size);
        }
        endChange();
    }
}
