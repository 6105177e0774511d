package mpageviz.view;

import java.util.Arrays;

/**
 * A growable list that copies cheaply: elements live in chunks of 64, and a {@link #copy()} shares every chunk
 * until one side writes to it (copy-on-write per chunk). A fold writes into a working list and takes a copy as a
 * snapshot every few thousand events; the snapshot costs one small array of chunk references plus the chunks
 * written since, not the whole list.
 */
public final class ChunkedList<T> {
    private static final int SHIFT = 6;
    private static final int SIZE = 1 << SHIFT;
    private static final int MASK = SIZE - 1;

    /** Chunks this list may write without copying carry this list's token. */
    private static final class Chunk {
        final Object owner;
        final Object[] items;

        Chunk(Object owner, Object[] items) {
            this.owner = owner;
            this.items = items;
        }
    }

    private Object token = new Object();
    private Chunk[] chunks;
    private int size;

    public ChunkedList() {
        this.chunks = new Chunk[4];
    }

    private ChunkedList(Chunk[] chunks, int size) {
        this.chunks = chunks;
        this.size = size;
    }

    public int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    public T get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return (T) chunks[i >>> SHIFT].items[i & MASK];
    }

    public void set(int i, T value) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        writable(i >>> SHIFT).items[i & MASK] = value;
    }

    public void add(T value) {
        int c = size >>> SHIFT;
        if (c == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunks.length * 2);
        }
        if (chunks[c] == null) {
            chunks[c] = new Chunk(token, new Object[SIZE]);
        }
        size++;
        set(size - 1, value);
    }

    private Chunk writable(int c) {
        Chunk chunk = chunks[c];
        if (chunk.owner != token) {
            chunk = new Chunk(token, chunk.items.clone());
            chunks[c] = chunk;
        }
        return chunk;
    }

    /** A copy that shares every chunk; from now on neither list writes to a shared chunk in place. */
    public ChunkedList<T> copy() {
        token = new Object();
        return new ChunkedList<>(chunks.clone(), size);
    }
}
