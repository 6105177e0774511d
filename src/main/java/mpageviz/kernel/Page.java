package mpageviz.kernel;

import mpageviz.trace.Events;

/**
 * A page-cache page: its index, PG_* flags, real bytes and, when PG_private is set, its ring of buffer heads.
 * Flag changes go through {@link #set}/{@link #clear} so that each one is traced as a delta.
 */
public final class Page {
    private final Kernel k;
    public final long index;
    public final byte[] data;
    private int flags;
    private BufferHead buffers;
    /** The radix-tree tags write_cache_pages looks pages up by. */
    boolean tagDirty;
    boolean tagTowrite;
    /** null until the page is in the page cache (add_to_page_cache_lru). */
    AddressSpace mapping;

    Page(Kernel k, long index, int flags) {
        this.k = k;
        this.index = index;
        this.data = new byte[k.pageSize];
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
            k.touched.putIfAbsent(index, this);
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
        java.util.Arrays.fill(data, from, to, (byte) 0);
        if (k.tracing) {
            k.emit(new Events.PageData(k.line, fn, index, from, to - from, "zero", -1));
        }
    }

    @Override
    public String toString() {
        return "page " + index + " " + PageFlag.names(flags);
    }
}
