package mpageviz.kernel;

import mpageviz.trace.Events;

/**
 * struct buffer_head: state bits, the disk block it maps, its size and where its bytes live. Three kinds exist:
 * page buffers (a ring through {@code thisPage}), metadata buffers of the block device's cache, and the scratch
 * {@code map_bh} mpage passes to get_block. State changes are traced per kind.
 */
public final class BufferHead {
    /** Which sort of buffer this is, for tracing. */
    public enum Kind { PAGE, META, MAP }

    /** b_end_io. */
    @FunctionalInterface
    public interface EndIo {
        void endIo(BufferHead bh, boolean uptodate);
    }

    private final Kernel k;
    public final Kind kind;
    int state;
    /** b_this_page: next buffer of the same page (circular). */
    public BufferHead thisPage;
    /** b_page; for metadata buffers null. */
    public Page page;
    /** Position in the page's ring (0 = head); -1 for metadata and map_bh. */
    public final int indexInPage;
    /** b_blocknr; -1 when never mapped. */
    public long blocknr = -1;
    /** b_size in bytes. */
    public long size;
    /** Byte offset of b_data within the page. */
    public int offset;
    /** The bytes of a metadata buffer (page buffers use the page's bytes). */
    byte[] metaData;
    EndIo endIo;

    BufferHead(Kernel k, Kind kind, int indexInPage) {
        this.k = k;
        this.kind = kind;
        this.indexInPage = indexInPage;
    }

    public int state() {
        return state;
    }

    public boolean is(BhState s) {
        return (state & s.bit()) != 0;
    }

    public void set(String fn, BhState s) {
        change(fn, s.bit(), 0);
    }

    public void clear(String fn, BhState s) {
        change(fn, 0, s.bit());
    }

    /** test_clear_buffer_X. */
    public boolean testClear(String fn, BhState s) {
        boolean was = is(s);
        if (was) {
            clear(fn, s);
        }
        return was;
    }

    /** Replaces the whole state word (b_state = x). */
    public void setState(String fn, int newState) {
        change(fn, newState & ~state, state & ~newState);
    }

    /** map_bh: mapped to {@code block}; other bits untouched. */
    public void map(String fn, long block) {
        boolean moved = blocknr != block;
        blocknr = block;
        int added = BhState.MAPPED.bit() & ~state;
        state |= BhState.MAPPED.bit();
        if ((added != 0 || moved) && k.tracing) {
            emitChange(fn, added, 0, moved ? block : -1);
        }
    }

    /** Copies another buffer's state and block (map_buffer_to_page), traced as one change. */
    public void copyFrom(String fn, BufferHead src) {
        int before = state;
        boolean moved = blocknr != src.blocknr;
        state = src.state;
        blocknr = src.blocknr;
        if (k.tracing && (before != state || moved)) {
            emitChange(fn, state & ~before, before & ~state, moved ? blocknr : -1);
        }
    }

    void change(String fn, int set, int clear) {
        int before = state;
        state = (state | set) & ~clear;
        int added = state & ~before;
        int removed = before & ~state;
        if ((added | removed) != 0 && k.tracing) {
            emitChange(fn, added, removed, -1);
        }
    }

    private void emitChange(String fn, int added, int removed, long newBlock) {
        switch (kind) {
            case PAGE:
                k.emit(new Events.BufferState(k.line, fn, page.index, indexInPage, added, removed, newBlock));
                break;
            case META:
                k.emit(new Events.MetaState(k.line, fn, blocknr, added, removed));
                break;
            default:
                k.emit(new Events.MapBhState(k.line, fn, added, removed));
                break;
        }
    }

    /** trylock_buffer: false when already locked. */
    public boolean tryLock(String fn) {
        if (is(BhState.LOCK)) {
            return false;
        }
        set(fn, BhState.LOCK);
        return true;
    }

    /** lock_buffer: a contended lock sleeps in io_schedule, which flushes the plug and so finishes our I/O. */
    public void lock(String fn) {
        if (is(BhState.LOCK)) {
            k.blockLayer.flushPlug("lock-buffer");
            if (is(BhState.LOCK)) {
                throw new KernelBug("buffer " + describe() + " stays locked after the plug flush");
            }
        }
        set(fn, BhState.LOCK);
    }

    public void unlock(String fn) {
        clear(fn, BhState.LOCK);
    }

    /** wait_on_buffer: sleeps (flushing the plug) only while the buffer is locked. */
    public void waitOn(String reason) {
        if (is(BhState.LOCK)) {
            k.blockLayer.flushPlug(reason);
            if (is(BhState.LOCK)) {
                throw new KernelBug("buffer " + describe() + " stays locked after the plug flush");
            }
        }
    }

    /** The array behind this buffer: the page's slab for page buffers, its own for metadata. */
    byte[] bytes() {
        return kind == Kind.META ? metaData : page.data;
    }

    /** Where this buffer's bytes start in {@link #bytes()}. */
    int bytesOffset() {
        return kind == Kind.META ? 0 : page.base + offset;
    }

    public String describe() {
        return kind == Kind.PAGE ? "page " + page.index + "[" + indexInPage + "]" : "block " + blocknr;
    }
}
