package mpageviz.kernel;

/**
 * Where page bytes come from: slabs that hold many pages each, growing from 16 pages to 8 MiB. A big run holds
 * hundreds of thousands of pages for its whole length; carving them from large arrays keeps the garbage collector
 * from copying each 4 KiB array through the young generation, and lets a bio's adjacent pages be read with one
 * transfer.
 */
final class PageSlabs {
    private static final int MAX_SLAB = 8 << 20;

    /** One page's place: bytes [base, base + pageSize) of {@code bytes}. */
    record Slice(byte[] bytes, int base) {
    }

    private final int pageSize;
    private byte[] slab = new byte[0];
    private int used;
    private int nextSlabPages = 16;

    PageSlabs(int pageSize) {
        this.pageSize = pageSize;
    }

    Slice next() {
        if (used + pageSize > slab.length) {
            int pages = Math.max(1, Math.min(nextSlabPages, MAX_SLAB / pageSize));
            slab = new byte[pages * pageSize];
            used = 0;
            nextSlabPages = pages * 2;
        }
        Slice s = new Slice(slab, used);
        used += pageSize;
        return s;
    }
}
