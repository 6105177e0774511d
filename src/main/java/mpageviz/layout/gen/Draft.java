package mpageviz.layout.gen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;

import mpageviz.layout.Layout;
import mpageviz.layout.LayoutValidator;
import mpageviz.layout.RunSpec;

/**
 * A layout under construction: the recipes fill in the file map, the page cache, faults and the call, and add
 * sentences to the notes as they decide things; {@link #build()} turns it into a validated {@link Layout}.
 *
 * <p>Disk blocks are handed out by a cursor that only moves forward ({@link #take}), always leaving a gap, so
 * two regions taken separately are never physically adjacent and never overlap; {@link #takeAdjacent} is the one
 * way to make a region follow the previous one on disk.
 */
final class Draft {
    static final int DEFAULT_MAX_SECTORS = 1024;
    static final int DEFAULT_MAX_SEGMENTS = 128;

    /** Which block sizes a recipe can work with. */
    enum Shape {
        /** Any block size from 512 bytes to the page (at most 4 KiB). */
        ANY,
        /** Several blocks per page. */
        SUB_PAGE,
        /** One block per page (what cleancache needs). */
        WHOLE_PAGE
    }

    final Dice dice;
    final int pageSize;
    final int blockSize;
    /** Blocks per page. */
    final int bpp;

    long size;
    final List<Layout.Extent> extents = new ArrayList<>();
    final TreeSet<Long> boundaries = new TreeSet<>();
    final List<Layout.MetadataBlock> metadata = new ArrayList<>();
    Layout.Allocator allocator;
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
    private long cursor;

    Draft(Dice dice, Shape shape) {
        this.dice = dice;
        int ps = dice.chance(80) ? 4096 : dice.pick(2048, 8192);
        int bs;
        switch (shape) {
            case WHOLE_PAGE:
                ps = dice.chance(85) ? 4096 : 2048;
                bs = ps;
                break;
            case SUB_PAGE:
                bs = powerOfTwo(512, Math.min(ps / 2, 4096));
                break;
            default:
                bs = powerOfTwo(512, Math.min(ps, 4096));
                break;
        }
        this.pageSize = ps;
        this.blockSize = bs;
        this.bpp = ps / bs;
        // Start somewhere in the first half MiB, so disk numbers differ from layout to layout.
        this.cursor = dice.between(8, Math.max(64, (512 << 10) / bs));
    }

    private int powerOfTwo(int lo, int hi) {
        int steps = Integer.numberOfTrailingZeros(hi) - Integer.numberOfTrailingZeros(lo);
        return lo << dice.between(0, steps);
    }

    // ------------------------------------------------------------------ the file

    /** i_size for a file of {@code pages} pages whose last page holds {@code tail} bytes (1..pageSize). */
    void sizeForPages(long pages, long tail) {
        size = (pages - 1) * pageSize + tail;
    }

    /** Sets i_size to {@code minPages..maxPages} pages with a {@link #randomTail}; returns the page count. */
    int fileOfPages(int minPages, int maxPages) {
        int n = dice.between(minPages, maxPages);
        sizeForPages(n, randomTail());
        return n;
    }

    /** A last-page fill: a whole page half the time, otherwise any byte count. */
    long randomTail() {
        return dice.chance(50) ? pageSize : dice.between(1, pageSize);
    }

    /** Logical blocks below EOF: ceil(i_size / blockSize). */
    long eofBlocks() {
        return (size + blockSize - 1) / blockSize;
    }

    /** Pages holding at least one byte of the file. */
    long pagesInFile() {
        return (size + pageSize - 1) / pageSize;
    }

    long firstBlock(long page) {
        return page * bpp;
    }

    /** Disk blocks for a new region, a gap away from everything taken before. */
    long take(long count) {
        cursor += dice.chance(25) ? dice.between(16, Math.max(32, (128 << 10) / blockSize)) : dice.between(1, 6);
        long start = cursor;
        cursor += count;
        return start;
    }

    /** Disk blocks right behind the region taken last. */
    long takeAdjacent(long count) {
        long start = cursor;
        cursor += count;
        return start;
    }

    /** Maps logical blocks {@code logical..logical+count-1} onto disk blocks from {@code physical}. */
    Layout.Extent map(long logical, long count, long physical) {
        Layout.Extent e = new Layout.Extent(logical, physical, count);
        extents.add(e);
        return e;
    }

    /**
     * Maps logical {@code from..to-1} as up to {@code pieces} extents split at random points (page boundaries when
     * {@code pageAligned}), placed on disk in a random order with gaps between them. Returns them in logical order.
     */
    List<Layout.Extent> mapPieces(long from, long to, int pieces, boolean pageAligned) {
        long unit = pageAligned ? bpp : 1;
        List<Long> candidates = new ArrayList<>();
        for (long c = (from / unit + 1) * unit; c < to; c += unit) {
            candidates.add(c);
        }
        // Draw distinct cut points without replacement.
        TreeSet<Long> cuts = new TreeSet<>();
        while (cuts.size() < pieces - 1 && !candidates.isEmpty()) {
            cuts.add(candidates.remove(dice.between(0, candidates.size() - 1)));
        }
        List<long[]> parts = new ArrayList<>();
        long start = from;
        for (long c : cuts) {
            parts.add(new long[] {start, c - start});
            start = c;
        }
        parts.add(new long[] {start, to - start});
        // Place them in a shuffled order: a later part may well sit lower on disk.
        for (int i = parts.size() - 1; i > 0; i--) {
            int j = dice.between(0, i);
            long[] tmp = parts.get(i);
            parts.set(i, parts.get(j));
            parts.set(j, tmp);
        }
        List<Layout.Extent> out = new ArrayList<>();
        for (long[] p : parts) {
            out.add(map(p[0], p[1], take(p[1])));
        }
        out.sort(Comparator.comparingLong(Layout.Extent::logical));
        return out;
    }

    /** Maps the whole file as 1..maxExtents page-aligned extents ({@link #mapPieces}). */
    List<Layout.Extent> mapFileInExtents(int maxExtents) {
        return mapPieces(0, eofBlocks(), dice.between(1, maxExtents), true);
    }

    /**
     * Maps logical {@code 0..end-1} as two extents split at {@code at} that do not follow each other on disk
     * (the second one is placed first now and then, so it sits lower); with {@code at} 0, one extent. Returns the
     * disk block of each part, -1 for an empty first part.
     */
    long[] splitAt(long at, long end) {
        if (at <= 0) {
            long b = take(end);
            map(0, end, b);
            return new long[] {-1, b};
        }
        long a;
        long b;
        if (dice.chance(35)) {
            b = take(end - at);
            a = take(at);
        } else {
            a = take(at);
            b = take(end - at);
        }
        map(0, at, a);
        map(at, end - at, b);
        return new long[] {a, b};
    }

    /**
     * Maps logical 0..holeStart-1 and dataStart..EOF, leaving a hole between; half the time the data sits where
     * it would had the hole been allocated.
     */
    void mapAroundHole(long holeStart, long dataStart) {
        long eof = eofBlocks();
        boolean before = holeStart > 0;
        if (before) {
            map(0, holeStart, take(holeStart));
        }
        if (dataStart >= eof) {
            return;
        }
        long count = eof - dataStart;
        if (before && dice.chance(50)) {
            takeAdjacent(dataStart - holeStart); // the hole's blocks, left free
            map(dataStart, count, takeAdjacent(count));
        } else {
            map(dataStart, count, take(count));
        }
    }

    /** The disk block of a logical block, or -1 for a hole. */
    long physical(long logical) {
        for (Layout.Extent e : extents) {
            if (logical >= e.logical() && logical < e.logical() + e.count()) {
                return e.physical() + (logical - e.logical());
            }
        }
        return -1;
    }

    /** Whether every block of the page below EOF is mapped, one right after the other on disk. */
    boolean contiguousPage(long page) {
        long first = firstBlock(page);
        long end = Math.min(first + bpp, eofBlocks());
        if (first >= end || physical(first) < 0) {
            return false;
        }
        for (long l = first + 1; l < end; l++) {
            if (physical(l) != physical(l - 1) + 1) {
                return false;
            }
        }
        return true;
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

    /** Sectors per block. */
    int sectorsPerBlock() {
        return blockSize / 512;
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

    // ------------------------------------------------------------------ block layer and queue

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

    // ------------------------------------------------------------------ notes

    /** Adds a sentence (or a few) to the notes. */
    void say(String text) {
        story.add(text);
    }

    /** "4 KiB pages, 1 KiB blocks", "4 KiB pages and blocks", "8 KiB pages, 512-byte blocks". */
    String geometryText() {
        if (pageSize == blockSize) {
            return bytes(pageSize) + " pages and blocks";
        }
        return bytes(pageSize) + " pages, " + bytes(blockSize) + " blocks";
    }

    /** "1 KiB blocks" or "512-byte blocks", for titles. */
    String blocksText() {
        return bytes(blockSize) + " blocks";
    }

    private static String bytes(int n) {
        return n >= 1024 ? n / 1024 + " KiB" : n + "-byte";
    }

    /** The file in one sentence: geometry, i_size and its block map, holes included. */
    String fileText() {
        StringBuilder sb = new StringBuilder(geometryText());
        long pages = pagesInFile();
        sb.append("; i_size ").append(size).append(" (page").append(pages == 1 ? " 0" : "s 0-" + (pages - 1))
                .append(')');
        List<Layout.Extent> sorted = new ArrayList<>(extents);
        sorted.sort(Comparator.comparingLong(Layout.Extent::logical));
        List<String> parts = new ArrayList<>();
        long pos = 0;
        for (Layout.Extent e : sorted) {
            if (e.logical() > pos) {
                parts.add("logical " + range(pos, e.logical() - 1) + " a hole");
            }
            parts.add("logical " + range(e.logical(), e.logical() + e.count() - 1) + " at disk "
                    + range(e.physical(), e.physical() + e.count() - 1));
            pos = e.logical() + e.count();
        }
        if (pos < eofBlocks()) {
            parts.add("logical " + range(pos, eofBlocks() - 1) + " a hole");
        }
        if (!parts.isEmpty()) {
            sb.append("; ").append(String.join(", ", parts));
        }
        sb.append('.');
        return sb.toString();
    }

    /** Queue limits, get_block and block-layer settings that differ from the defaults, as sentences, or "". */
    String settingsText() {
        List<String> parts = new ArrayList<>();
        if (maxSectors != DEFAULT_MAX_SECTORS || maxSegments != DEFAULT_MAX_SEGMENTS) {
            parts.add("Queue limits: maxSectors " + maxSectors + ", maxSegments " + maxSegments + ".");
        }
        if (maxBlocks > 0) {
            parts.add("get_block maps at most " + maxBlocks + " block" + (maxBlocks == 1 ? "" : "s") + " per call.");
        }
        if (!plug) {
            parts.add("No plug: every bio goes to the disk at once.");
        } else if (!merge) {
            parts.add("Plug merging is off.");
        }
        if (plug && sortOnFlush) {
            parts.add("The plug flush sorts by sector (as in 3.8).");
        }
        return String.join(" ", parts);
    }

    /** The call in words. */
    String runText() {
        switch (run.op()) {
            case RunSpec.READPAGES:
                return "Readahead of pages " + range(run.first(), run.first() + run.count() - 1) + ".";
            case RunSpec.READPAGE:
                return "readpage of page " + run.index() + ".";
            case RunSpec.WRITEPAGE:
                return "writepage of page " + run.index() + " (" + syncText() + ").";
            default:
                List<Long> dirty = new ArrayList<>();
                for (Layout.PageSpec p : pageCache.values()) {
                    if (p.has("dirty")) {
                        dirty.add(p.index());
                    }
                }
                return "writepages (" + syncText() + ") over dirty page"
                        + (dirty.size() == 1 ? " " : "s ") + ranges(dirty) + ".";
        }
    }

    private String syncText() {
        return "WB_SYNC_" + run.syncMode().toUpperCase(Locale.ROOT);
    }

    static String range(long a, long b) {
        return a == b ? Long.toString(a) : a + "-" + b;
    }

    /** "0-2, 5, 7-9" for an ascending list. */
    static String ranges(List<Long> values) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < values.size()) {
            int j = i;
            while (j + 1 < values.size() && values.get(j + 1) == values.get(j) + 1) {
                j++;
            }
            parts.add(range(values.get(i), values.get(j)));
            i = j + 1;
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    // ------------------------------------------------------------------ assembly

    /**
     * Draws what a recipe leaves open, after everything it fixes (so the draws come in the same order as ever):
     * an ordinary block layer and, one time in five, smaller queue limits; then builds.
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
        long deviceBlocks = cursor + dice.between(8, 64);
        deviceBlocks = (deviceBlocks + 63) / 64 * 64;
        List<Layout.Extent> sorted = new ArrayList<>(extents);
        sorted.sort(Comparator.comparingLong(Layout.Extent::logical));
        List<String> notes = new ArrayList<>();
        notes.add(fileText());
        String settings = settingsText();
        if (!settings.isEmpty()) {
            notes.add(settings);
        }
        notes.add(runText());
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
