package mpageviz.layout.gen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import mpageviz.layout.Layout;
import mpageviz.layout.LayoutValidator;
import mpageviz.layout.RunSpec;

/**
 * A layout under construction: the recipes fill in the file ({@link FileDraft}), the page cache, faults and the
 * call, and add sentences to the notes as they decide things; {@link #build()} turns it into a validated
 * {@link Layout}.
 */
final class Draft extends FileDraft {
    static final int DEFAULT_MAX_SECTORS = 1024;
    static final int DEFAULT_MAX_SEGMENTS = 128;

    int maxSectors = DEFAULT_MAX_SECTORS;
    int maxSegments = DEFAULT_MAX_SEGMENTS;
    final TreeMap<Long, Layout.PageSpec> pageCache = new TreeMap<>();
    int maxBlocks;
    final List<Long> uptodate = new ArrayList<>();
    final List<Layout.GetBlockError> errors = new ArrayList<>();
    final TreeSet<Long> cleancache = new TreeSet<>();
    final List<Layout.SectorRange> badSectors = new ArrayList<>();
    final List<Integer> bioAllocFailures = new ArrayList<>();
    boolean plug = true;
    boolean merge = true;
    boolean sortOnFlush;
    boolean overLimit;
    boolean memalloc;
    RunSpec run;
    String title;
    private final List<String> story = new ArrayList<>();

    Draft(Dice dice, Shape shape) {
        super(dice, shape);
    }

    // ------------------------------------------------------------------ the page cache

    /** A dirty, uptodate page without buffers (as after writes through mmap). */
    void dirtyPage(long page) {
        pageCache.put(page, new Layout.PageSpec(page, List.of("uptodate", "dirty"), null, false));
    }

    /** A dirty page, with the buffers write() leaves ({@link #writtenPage}) or without any (mmap). */
    void dirtyPage(long page, boolean withBuffers) {
        if (withBuffers) {
            writtenPage(page);
        } else {
            dirtyPage(page);
        }
    }

    /**
     * A dirty page whose buffers say what write() left: mapped, uptodate and dirty over mapped blocks (with
     * BH_Boundary where the file has one), unmapped and clean over holes and past EOF.
     */
    void writtenPage(long page) {
        List<Layout.BufferSpec> buffers = new ArrayList<>();
        for (int j = 0; j < bpp; j++) {
            long l = firstBlock(page) + j;
            long phys = physical(l);
            if (l >= eofBlocks() || phys < 0) {
                buffers.add(buffer(null, "uptodate"));
            } else if (boundaries.contains(l)) {
                buffers.add(buffer(phys, "mapped", "uptodate", "dirty", "boundary"));
            } else {
                buffers.add(buffer(phys, "mapped", "uptodate", "dirty"));
            }
        }
        dirtyPage(page, buffers);
    }

    /** A dirty, uptodate page with these buffers. */
    void dirtyPage(long page, List<Layout.BufferSpec> buffers) {
        pageCache.put(page, new Layout.PageSpec(page, List.of("uptodate", "dirty"), buffers, false));
    }

    void page(long page, List<String> flags, List<Layout.BufferSpec> buffers) {
        pageCache.put(page, new Layout.PageSpec(page, flags, buffers, false));
    }

    static Layout.BufferSpec buffer(Long block, String... flags) {
        return new Layout.BufferSpec(List.of(flags), block);
    }

    /**
     * Marks some pages of {@code from..to} dirty without buffers (each with the given chance), skipping the pages
     * in {@code skip} and any page that would need a block allocated or is not contiguous on disk, so those pages
     * go into bios without incident. Returns the pages marked.
     */
    List<Long> dirtyPlainPages(long from, long to, int percent, long... skip) {
        List<Long> out = new ArrayList<>();
        for (long p = from; p <= to; p++) {
            if (contains(skip, p) || !contiguousPage(p) || !dice.chance(percent)) {
                continue;
            }
            dirtyPage(p);
            out.add(p);
        }
        return out;
    }

    private static boolean contains(long[] values, long v) {
        for (long x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ the call

    /** readpages (readahead) of pages first..last. */
    void readahead(long first, long last) {
        run = RunSpec.readpages(first, last - first + 1);
    }

    /** A readahead window that holds pages lo..hi, with up to four more on each side, ending by lastPage. */
    void readaheadCovering(long lo, long hi, long lastPage) {
        readahead(dice.between(Math.max(0, lo - 4), lo), dice.between(hi, Math.max(hi, Math.min(lastPage, hi + 4))));
    }

    /** writepages over the whole mapping (sometimes a range that still holds every dirty page). */
    void writepages() {
        String sync = dice.pick("none", "all");
        long lo = pageCache.isEmpty() ? 0 : pageCache.firstKey();
        long hi = pageCache.isEmpty() ? 0 : pageCache.lastKey();
        long start = dice.chance(30) ? dice.between(0, lo) : 0;
        long end = dice.chance(30) ? dice.between(hi, hi + 3) : -1;
        run = RunSpec.writepages(sync, start, end);
    }

    void writepage(long index) {
        run = RunSpec.writepage(index, dice.pick("none", "all"));
    }

    /** readpage of page t ({@code readpagePercent} of the time), else a readahead window over it. */
    void readpageOrReadahead(long t, long lastPage, int readpagePercent) {
        if (dice.chance(readpagePercent)) {
            run = RunSpec.readpage(t);
        } else {
            readaheadCovering(t, t, lastPage);
        }
    }

    /** writepage of page t ({@code writepagePercent} of the time; mpage_writepage), else writepages. */
    void writepageOrWritepages(long t, int writepagePercent) {
        if (dice.chance(writepagePercent)) {
            writepage(t);
        } else {
            writepages();
        }
    }

    // ------------------------------------------------------------------ block layer, queue and faults

    /** Plugging, merging and sorting as a random but mostly ordinary block layer. */
    void randomBlockLayer() {
        plug = dice.chance(90);
        merge = dice.chance(85);
        sortOnFlush = dice.chance(20);
    }

    /** Now and then smaller queue limits (still holding a page). */
    void maybeQueueLimits(int percent) {
        if (!dice.chance(percent)) {
            return;
        }
        int pageSectors = pageSize / 512;
        maxSectors = Math.max(pageSectors, dice.pick(512, 255, 256, 128, pageSectors * dice.between(2, 12)));
        maxSegments = dice.pick(128, 64, dice.between(2, 16));
    }

    /** Now and then a get_block that maps only a few blocks per call. */
    void maybeMaxBlocks(int percent) {
        if (dice.chance(percent)) {
            maxBlocks = dice.between(1, 4);
        }
    }

    /** Adds a short bad range inside a mapped block of page t below EOF; returns its first sector. */
    long badSectorIn(long t) {
        long last = Math.min(firstBlock(t) + bpp, eofBlocks()) - 1;
        long phys = physical(dice.between(firstBlock(t), last));
        int spb = sectorsPerBlock();
        long sector = phys * spb + dice.between(0, spb - 1);
        badSectors.add(new Layout.SectorRange(sector, dice.between(1, (int) Math.min(8, phys * spb + spb - sector))));
        return sector;
    }

    /**
     * Gives the task PF_MEMALLOC and makes bio_alloc call k fail together with all of mpage_alloc's retries, which
     * halve the {@code nr} vectors asked for until one is left; returns how many calls fail.
     */
    int failBioAllocAndRetries(int k, int nr) {
        int tries = 32 - Integer.numberOfLeadingZeros(nr);
        for (int i = 0; i < tries; i++) {
            bioAllocFailures.add(k + i);
        }
        memalloc = true;
        return tries;
    }

    /** bio_get_nr_vecs for the queue: min(maxSegments, maxSectors / sectors-per-page + 1, 256). */
    int nrVecs() {
        return Math.min(256, Math.min(maxSegments, maxSectors / (pageSize / 512) + 1));
    }

    // ------------------------------------------------------------------ notes and assembly

    /** Adds a sentence (or a few) to the notes, after the opening ones (see {@link Notes#opening}). */
    void say(String text) {
        story.add(text);
    }

    /**
     * Draws, last of all, what a recipe leaves open: an ordinary block layer and, one time in five, smaller queue
     * limits; then builds.
     */
    Layout buildVaried() {
        randomBlockLayer();
        maybeQueueLimits(20);
        return build();
    }

    /**
     * {@link #buildVaried}, and one time in five a get_block that maps only a few blocks per call (which only a
     * read notices: the write path asks for one block at a time).
     */
    Layout buildVariedWithMaxBlocks() {
        randomBlockLayer();
        maybeQueueLimits(20);
        maybeMaxBlocks(20);
        return build();
    }

    /** The finished layout; a recipe that made an invalid one is a bug and fails loudly. */
    Layout build() {
        long deviceBlocks = diskEnd() + dice.between(8, 64);
        deviceBlocks = (deviceBlocks + 63) / 64 * 64;
        List<Layout.Extent> sorted = new ArrayList<>(extents);
        sorted.sort(Comparator.comparingLong(Layout.Extent::logical));
        List<String> notes = new ArrayList<>(Notes.opening(this));
        notes.addAll(story);
        RunSpec finalRun = memalloc ? run.withMemalloc(true) : run;
        Layout layout = new Layout(title, String.join(" ", notes),
                new Layout.Geometry(pageSize, blockSize),
                new Layout.FileMap(size, sorted, new ArrayList<>(boundaries), metadata, allocator),
                new Layout.Device(deviceBlocks, maxSectors, maxSegments, null),
                new ArrayList<>(pageCache.values()),
                new Layout.GetBlockSpec(maxBlocks, uptodate, errors),
                new ArrayList<>(cleancache),
                new Layout.Faults(badSectors, bioAllocFailures),
                new Layout.BlockLayerSpec(plug, merge, sortOnFlush),
                new Layout.MemorySpec(overLimit),
                finalRun, null);
        List<String> problems = LayoutValidator.problems(layout);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("generator bug: \"" + title + "\" is invalid: " + problems);
        }
        return layout;
    }
}
