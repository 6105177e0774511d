package mpageviz.kernel;

import mpageviz.trace.Events;

/**
 * A page-cache page: its index, PG_* flags, real bytes and, when PG_private is set, its ring of buffer heads.
 * Flag changes go through {@link #set}/{@link #clear} so that each one is traced as a delta.
 */
public final class Page {
    private final Kernel k;
    public final long index;
    /** The page's bytes are data[base .. base+pageSize): pages are carved from shared slabs (see PageSlabs). */
    public final byte[] data;
    public final int base;
    private int flags;
    private boolean touched;
    private BufferHead buffers;
    /** The radix-tree tags write_cache_pages looks pages up by. */
    boolean tagDirty;
    boolean tagTowrite;
    /** null until the page is in the page cache (add_to_page_cache_lru). */
    AddressSpace mapping;

    Page(Kernel k, long index, int flags) {
        this.k = k;
        this.index = index;
        PageSlabs.Slice slice = k.slabs.next();
        this.data = slice.bytes();
        this.base = slice.base();
        this.flags = flags;
    }

    public int flags() {
        return flags;
    }

    public boolean has(PageFlag f) {
        return (flags & f.bit()) != 0;
    }

    public AddressSpace mapping() {
        return mapping;
    }

    /** page_has_buffers (PG_private). */
    public boolean hasBuffers() {
        return buffers != null;
    }

    /** page_buffers: the head buffer; a BUG when the page has none. */
    public BufferHead buffers() {
        if (buffers == null) {
            throw new KernelBug("page_buffers of page " + index + " without buffers");
        }
        return buffers;
    }

    void attachBuffers(BufferHead head) {
        this.buffers = head;
    }

    void detachBuffers() {
        this.buffers = null;
    }

    public void set(String fn, PageFlag f) {
        change(fn, f.bit(), 0);
    }

    public void clear(String fn, PageFlag f) {
        change(fn, 0, f.bit());
    }

    /** Test-and-clear; returns whether the flag was set. */
    public boolean testClear(String fn, PageFlag f) {
        boolean was = has(f);
        if (was) {
            change(fn, 0, f.bit());
        }
        return was;
    }

    /** Sets and clears flags at once and traces what actually changed. */
    void change(String fn, int set, int clear) {
        int before = flags;
        flags = (flags | set) & ~clear;
        int added = flags & ~before;
        int removed = before & ~flags;
        if ((added & PageFlag.LOCKED.bit()) != 0) {
            if (!touched) {
                touched = true;
                k.touched.add(this);
            }
        }
        if ((added | removed) != 0 && k.tracing) {
            k.emit(new Events.PageFlags(k.line, fn, index, added, removed));
        }
    }

    /** lock_page on a page nobody else holds (the simulation has one task). */
    public void lock(String fn) {
        if (has(PageFlag.LOCKED)) {
            throw new KernelBug("lock_page of page " + index + " that this task already holds");
        }
        set(fn, PageFlag.LOCKED);
    }

    /** unlock_page: a BUG when the page is not locked. */
    public void unlock(String fn) {
        if (!has(PageFlag.LOCKED)) {
            throw new KernelBug("unlock_page of unlocked page " + index);
        }
        clear(fn, PageFlag.LOCKED);
    }

    /** zero_user_segment(page, from, to). */
    public void zeroSegment(String fn, int from, int to) {
        if (to > data.length || from > to) {
            throw new KernelBug("zero_user_segment " + from + ".." + to + " of page " + index);
        }
        if (from == to) {
            return;
        }
        java.util.Arrays.fill(data, base + from, base + to, (byte) 0);
        if (k.tracing) {
            k.emit(new Events.PageData(k.line, fn, index, from, to - from, "zero", -1));
        }
    }

    /** PAGE_CACHE_SIZE. */
    public int size() {
        return k.pageSize;
    }

    /** A copy of the page's bytes. */
    public byte[] bytes() {
        return java.util.Arrays.copyOfRange(data, base, base + k.pageSize);
    }

    /** Overwrites the page's bytes (setting up a run). */
    public void fill(byte[] src) {
        System.arraycopy(src, 0, data, base, k.pageSize);
    }

    @Override
    public String toString() {
        return "page " + index + " " + PageFlag.names(flags);
    }
}
