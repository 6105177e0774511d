package mpageviz.kernel;

import java.util.HashSet;
import java.util.Set;

import mpageviz.trace.Event;
import mpageviz.trace.Probe;

/**
 * The simulated kernel one run works in: the geometry of the file, its address_space, the block device with its
 * buffer cache and block layer, the current task's flags, and where events go. Everything is single-threaded and
 * deterministic; I/O completes when the disk serves a request (a FIFO disk that serves at once).
 */
public final class Kernel {
    /** Queue and memory settings a run is made with. */
    public record Settings(int pageSize, int blockSize, long iSize, int maxSectors, int maxSegments, boolean plug,
                           boolean merge, boolean sortOnFlush, boolean bufferHeadsOverLimit, boolean memalloc) {
    }

    final Probe probe;
    public final boolean tracing;
    /** The reference mpage.c line being executed, stamped on every event. */
    public int line;

    public final int pageSize;
    public final int pageShift;
    public final int blockSize;
    public final int blkbits;
    public final int blocksPerPage;

    public final AddressSpace mapping;
    public final BlockDevice bdev;
    public final BlockLayer blockLayer;
    public final BdevCache bdevCache;
    public final BufferIo bufferIo;
    public final SummaryRecorder recorder = new SummaryRecorder();
    final PageSlabs slabs;
    /** Every page the run locked, in the order first locked: the pages the summary lists. */
    final java.util.List<Page> touched = new java.util.ArrayList<>();

    /** The pages the run locked, by ascending index. */
    public java.util.List<Page> touchedPages() {
        java.util.List<Page> out = new java.util.ArrayList<>(touched);
        out.sort(java.util.Comparator.comparingLong(p -> p.index));
        return out;
    }

    /** current->flags & PF_MEMALLOC. */
    public final boolean memalloc;
    /** The global buffer_heads_over_limit. */
    public final boolean bufferHeadsOverLimit;
    /** Ordinals (1-based) of mpage bio_alloc calls that return NULL. */
    private final Set<Integer> bioAllocFailures = new HashSet<>();
    private int bioAllocCalls;
    private int nextBioId;
    /** cleancache; null when no backend holds anything. */
    Cleancache cleancache;

    public Kernel(Probe probe, Settings s, BlockDevice bdev) {
        this.probe = probe;
        this.tracing = probe.enabled();
        this.pageSize = s.pageSize();
        this.pageShift = Integer.numberOfTrailingZeros(s.pageSize());
        this.blockSize = s.blockSize();
        this.blkbits = Integer.numberOfTrailingZeros(s.blockSize());
        this.blocksPerPage = s.pageSize() / s.blockSize();
        this.slabs = new PageSlabs(s.pageSize());
        this.mapping = new AddressSpace(this, s.iSize());
        this.bdev = bdev;
        this.blockLayer = new BlockLayer(this, s.maxSectors(), s.maxSegments(), s.plug(), s.merge(),
                s.sortOnFlush());
        this.bdevCache = new BdevCache(this);
        this.bufferIo = new BufferIo(this);
        this.memalloc = s.memalloc();
        this.bufferHeadsOverLimit = s.bufferHeadsOverLimit();
    }

    public void emit(Event e) {
        probe.emit(e);
    }

    public void failBioAlloc(int ordinal) {
        bioAllocFailures.add(ordinal);
    }

    public void setCleancache(Cleancache c) {
        this.cleancache = c;
    }

    public Cleancache cleancache() {
        return cleancache;
    }

    /** A page the run starts with, already in the page cache (a layout pageCache entry). */
    public Page addCachedPage(long index, int flags) {
        Page p = new Page(this, index, flags);
        p.mapping = mapping;
        p.tagDirty = p.has(PageFlag.DIRTY);
        mapping.insert(p);
        return p;
    }

    /**
     * Gives a page the run starts with its buffers as the layout lists them (states and blocks), untraced: the
     * starting picture comes from the layout itself.
     */
    public void setupBuffers(Page page, int[] states, long[] blocks) {
        BufferHead head = null;
        BufferHead prev = null;
        for (int i = 0; i < states.length; i++) {
            BufferHead bh = new BufferHead(this, BufferHead.Kind.PAGE, i);
            bh.page = page;
            bh.size = blockSize;
            bh.offset = i * blockSize;
            bh.state = states[i];
            bh.blocknr = blocks[i];
            if (head == null) {
                head = bh;
            } else {
                prev.thisPage = bh;
            }
            prev = bh;
        }
        prev.thisPage = head;
        page.attachBuffers(head);
    }

    /** The scratch buffer mpage hands to get_block (map_bh on mpage's stack). */
    public BufferHead newMapBh() {
        return new BufferHead(this, BufferHead.Kind.MAP, -1);
    }

    /** A fresh page the call allocates (page_cache_alloc): zero-filled, no flags, not in the cache yet. */
    public Page allocPage(String fn, long index) {
        Page p = new Page(this, index, 0);
        if (tracing) {
            emit(new mpageviz.trace.Events.PageCreate(line, fn, index));
        }
        return p;
    }

    /**
     * bio_alloc(nr) for mpage: capacity rounded up to 4, 16, 64, 128 or 256 (3.2–3.6), or null when the layout
     * injects a failure for this call's ordinal.
     */
    public Bio bioAlloc(int nr, long sector, String fn) {
        int ordinal = ++bioAllocCalls;
        boolean fails = bioAllocFailures.contains(ordinal) || nr > 256 || nr <= 0;
        int maxVecs = nr <= 4 ? 4 : nr <= 16 ? 16 : nr <= 64 ? 64 : nr <= 128 ? 128 : 256;
        Bio bio = fails ? null : new Bio(++nextBioId, maxVecs);
        if (bio != null) {
            bio.sector = sector;
        }
        if (tracing) {
            emit(new mpageviz.trace.Events.BioAlloc(line, fn, bio == null ? -1 : bio.id, nr, fails ? 0 : maxVecs,
                    sector, ordinal, !fails));
        }
        return bio;
    }

    /** The bio submit_bh builds: never fails and is not counted against injected failures. */
    Bio bioAllocNoFail(int nr) {
        return new Bio(++nextBioId, nr <= 4 ? 4 : 16);
    }
}
