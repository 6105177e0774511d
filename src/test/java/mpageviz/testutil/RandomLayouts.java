package mpageviz.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

import mpageviz.layout.Layout;
import mpageviz.layout.LayoutValidator;
import mpageviz.layout.RunSpec;
import mpageviz.layout.SyntheticImage;

/**
 * jqwik generators of valid random layouts on a real (stamped) disk image. Everything is built from small lists
 * of small integers by combinators, and a pure function turns them into a layout, so every try is valid (no
 * rejecting filters) and shrinking works on the integers.
 *
 * <p>The disk: one stamped image per block size, shared by all tries (read runs only read it, write runs work on
 * the Runner's copy). Extents, metadata blocks and the allocator's range are placed one after the other in a
 * partly shuffled order with small gaps, so disk blocks never collide and stay below {@code device.blocks}; with a
 * zero gap, logically adjacent extents often end up contiguous on disk too.
 */
public final class RandomLayouts {
    private RandomLayouts() {
    }

    // ------------------------------------------------------------------ the shared images

    private static final Map<Integer, Path> IMAGES = new ConcurrentHashMap<>();

    /** device.blocks for a block size: at most 4096 blocks and 4 MiB. */
    public static long deviceBlocks(int blockSize) {
        return Math.min(4096, (4L << 20) / blockSize);
    }

    /** The stamped image for a block size (created once per JVM, deleted on exit). */
    public static Path image(int blockSize) {
        return IMAGES.computeIfAbsent(blockSize, bs -> {
            try {
                Path p = Files.createTempFile("mpageviz-props-" + bs + "-", ".img");
                p.toFile().deleteOnExit();
                SyntheticImage.write(p, deviceBlocks(bs), bs);
                return p.toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    // ------------------------------------------------------------------ raw shapes

    /** A run of logical blocks: a hole or mapped. */
    public record Seg(int length, boolean hole) {
    }

    /**
     * A metadata entry before placement: the logical range it covers, and the mapped run it is placed right
     * behind on disk ({@code anchor} modulo the number of runs), as ext2 puts an indirect block right behind the
     * data block before it; with {@code boundary} that run's last block is a boundary, as ext2 reports it.
     */
    public record Meta(int first, int last, boolean cached, boolean dirty, int anchor, boolean boundary) {
    }

    /** A boundary: logical block {@code value}, or with {@code runEnd} the last block of mapped run {@code value}. */
    public record Boundary(int value, boolean runEnd) {
    }

    /** Queue limits and block-layer switches. */
    public record Queue(int maxSectors, int maxSegments, int maxBlocks, boolean plug, boolean merge,
                        boolean sortOnFlush, boolean memalloc) {
    }

    /** Where things go on disk: sort keys (0..3, ties keep logical order), gaps, a starting block. */
    public record Placement(List<Integer> keys, List<Integer> gaps, int base) {
    }

    /** Everything about the file and the device, before the call is chosen. */
    public record FileShape(int pageSize, int blockSize, int pages, int tail, List<Seg> segs, boolean restMapped,
                            List<Boundary> boundaries, List<Meta> metadata, Queue queue, Placement placement) {
        public int blocksPerPage() {
            return pageSize / blockSize;
        }

        public long size() {
            return (long) (pages - 1) * pageSize + tail;
        }

        /** The file's logical blocks that the generator maps or leaves as holes: whole pages. */
        public int logicalBlocks() {
            return pages * blocksPerPage();
        }

        /** [logical, count] of each mapped run, ascending. */
        public List<long[]> mappedRuns() {
            List<long[]> out = new ArrayList<>();
            long pos = 0;
            long total = logicalBlocks();
            for (Seg s : segs) {
                long len = Math.min(s.length(), total - pos);
                if (len <= 0) {
                    break;
                }
                if (!s.hole()) {
                    out.add(new long[] {pos, len});
                }
                pos += len;
            }
            if (pos < total && restMapped) {
                out.add(new long[] {pos, total - pos});
            }
            return out;
        }

        /** The boundary blocks, ascending, without repeats. */
        public List<Long> boundaryBlocks() {
            List<long[]> runs = mappedRuns();
            TreeSet<Long> out = new TreeSet<>();
            if (!runs.isEmpty()) {
                for (Meta m : metadata) {
                    if (m.boundary()) {
                        long[] r = runs.get(m.anchor() % runs.size());
                        out.add(r[0] + r[1] - 1);
                    }
                }
            }
            for (Boundary b : boundaries) {
                if (!b.runEnd()) {
                    out.add((long) b.value());
                } else if (!runs.isEmpty()) {
                    long[] r = runs.get(b.value() % runs.size());
                    out.add(r[0] + r[1] - 1);
                }
            }
            return new ArrayList<>(out);
        }

        public boolean mapped(long logical) {
            for (long[] r : mappedRuns()) {
                if (logical >= r[0] && logical < r[0] + r[1]) {
                    return true;
                }
            }
            return false;
        }
    }

    // ------------------------------------------------------------------ arbitraries: the file

    private static Arbitrary<int[]> geometries() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(512, 1024, 2048, 4096).map(b -> new int[] {4096, b})),
                Tuple.of(1, Arbitraries.of(512, 1024, 2048).map(b -> new int[] {2048, b})),
                Tuple.of(1, Arbitraries.of(512, 1024, 2048, 4096, 8192).map(b -> new int[] {8192, b})));
    }

    /** A random file (geometry, size, block map, boundaries, metadata) with queue settings and a placement. */
    public static Arbitrary<FileShape> files() {
        return geometries().flatMap(g -> Arbitraries.integers().between(1, 40)
                .withDistribution(RandomDistribution.biased()).shrinkTowards(1)
                .flatMap(pages -> file(g[0], g[1], pages)));
    }

    private static Arbitrary<FileShape> file(int pageSize, int blockSize, int pages) {
        int bpp = pageSize / blockSize;
        int blocks = pages * bpp;
        Arbitrary<Integer> tail = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(pageSize)),
                Tuple.of(1, Arbitraries.integers().between(1, bpp).map(k -> k * blockSize)),
                Tuple.of(3, Arbitraries.integers().between(1, pageSize)));
        // Runs of any length, or of whole pages (so that runs, boundaries and metadata line up with pages).
        Arbitrary<Integer> length = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.integers().between(1, Math.max(1, Math.min(blocks, 3 * bpp)))
                        .withDistribution(RandomDistribution.biased())),
                Tuple.of(1, Arbitraries.integers().between(1, 3).map(k -> k * bpp)));
        Arbitrary<Seg> seg = Combinators.combine(length,
                Arbitraries.frequency(Tuple.of(1, true), Tuple.of(3, false)))
                .as(Seg::new);
        Arbitrary<List<Seg>> segs = seg.list().ofMaxSize(14);
        Arbitrary<Boolean> restMapped = Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false));
        Arbitrary<List<Boundary>> boundaries = Combinators.combine(Arbitraries.integers().between(0, blocks - 1),
                Arbitraries.of(true, false)).as(Boundary::new).list().ofMaxSize(4);
        Arbitrary<Meta> meta = Combinators.combine(Arbitraries.integers().between(0, blocks - 1),
                        Arbitraries.integers().between(0, blocks - 1), Arbitraries.of(true, false),
                        Arbitraries.of(true, false), Arbitraries.integers().between(0, 15), Arbitraries.of(true, false))
                .as((a, b, cached, dirty, anchor, boundary) -> new Meta(Math.min(a, b), Math.max(a, b), cached,
                        cached && dirty, anchor, boundary));
        Arbitrary<List<Meta>> metadata = meta.list().ofMaxSize(3);
        return Combinators.combine(tail, segs, restMapped, boundaries, metadata, queues(pageSize), placements())
                .as((t, s, r, b, m, q, p) -> new FileShape(pageSize, blockSize, pages, t, s, r, b, m, q, p));
    }

    private static Arbitrary<Queue> queues(int pageSize) {
        int pageSectors = pageSize / 512;
        Arbitrary<Integer> maxSectors = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(1024)),
                Tuple.of(2, Arbitraries.integers().between(1, 4).map(k -> k * pageSectors)),
                Tuple.of(1, Arbitraries.integers().between(pageSectors, 6 * pageSectors)));
        Arbitrary<Integer> maxSegments = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(128)),
                Tuple.of(2, Arbitraries.integers().between(1, 4)));
        Arbitrary<Integer> maxBlocks = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(2, Arbitraries.integers().between(1, 4)));
        Arbitrary<Boolean> plug = Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false));
        Arbitrary<Boolean> coin = Arbitraries.of(true, false);
        return Combinators.combine(maxSectors, maxSegments, maxBlocks, plug, coin, coin, coin).as(Queue::new);
    }

    private static Arbitrary<Placement> placements() {
        Arbitrary<List<Integer>> keys = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.of())),
                Tuple.of(2, Arbitraries.integers().between(0, 3).list().ofMinSize(1).ofMaxSize(24)));
        Arbitrary<List<Integer>> gaps = Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(1, 1), Tuple.of(1, 2),
                Tuple.of(1, 5)).list().ofMaxSize(24);
        return Combinators.combine(keys, gaps, Arbitraries.integers().between(0, 40)).as(Placement::new);
    }

    // ------------------------------------------------------------------ placement and assembly

    /** What the disk must hold: the file's mapped runs, its metadata blocks, the allocator's range. */
    private record Item(int order, long length, int position, int keyOf, boolean glued) {
    }

    /** The file's pieces on disk: the extents, the metadata and the allocator (null when none). */
    public record Disk(List<Layout.Extent> extents, List<Layout.MetadataBlock> metadata, Layout.Allocator allocator) {
    }

    /** Places the file on disk with an allocator of {@code allocatorBlocks} blocks (0: none). */
    public static Disk place(FileShape f, long allocatorBlocks) {
        List<long[]> runs = f.mappedRuns();
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            items.add(new Item(i, runs.get(i)[1], 2 * i, i, false));
        }
        for (int i = 0; i < f.metadata().size(); i++) {
            int after = runs.isEmpty() ? 0 : f.metadata().get(i).anchor() % runs.size();
            items.add(new Item(runs.size() + i, 1, 2 * after + 1, runs.isEmpty() ? runs.size() + i : after,
                    !runs.isEmpty()));
        }
        if (allocatorBlocks > 0) {
            int order = runs.size() + f.metadata().size();
            items.add(new Item(order, allocatorBlocks, Integer.MAX_VALUE, order, false));
        }
        List<Integer> keys = f.placement().keys();
        List<Integer> gaps = f.placement().gaps();
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.<Item>comparingInt(it -> keys.isEmpty() ? 0 : keys.get(it.keyOf() % keys.size()))
                .thenComparingInt(Item::position).thenComparingInt(Item::order));
        long[] start = new long[items.size()];
        long pos = f.placement().base();
        for (int i = 0; i < sorted.size(); i++) {
            pos += gaps.isEmpty() || sorted.get(i).glued() ? 0 : gaps.get(i % gaps.size());
            start[sorted.get(i).order()] = pos;
            pos += sorted.get(i).length();
        }
        if (pos > deviceBlocks(f.blockSize())) {
            throw new IllegalStateException("generator bug: the file needs " + pos + " disk blocks");
        }
        List<Layout.Extent> extents = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            extents.add(new Layout.Extent(runs.get(i)[0], start[i], runs.get(i)[1]));
        }
        List<Layout.MetadataBlock> metadata = new ArrayList<>();
        for (int i = 0; i < f.metadata().size(); i++) {
            Meta m = f.metadata().get(i);
            metadata.add(new Layout.MetadataBlock(start[runs.size() + i], m.first(), m.last(), m.cached(),
                    m.dirty()));
        }
        Layout.Allocator allocator = null;
        if (allocatorBlocks > 0) {
            long a = start[runs.size() + f.metadata().size()];
            allocator = new Layout.Allocator(a, a + allocatorBlocks - 1);
        }
        return new Disk(extents, metadata, allocator);
    }

    /** Assembles and validates a layout; a generator that makes an invalid layout fails loudly. */
    public static Layout assemble(FileShape f, Disk disk, List<Layout.PageSpec> pageCache,
                                  Layout.GetBlockSpec getBlock, List<Long> cleancache, Layout.Faults faults,
                                  boolean bufferHeadsOverLimit, RunSpec run) {
        Queue q = f.queue();
        List<Long> boundaries = f.boundaryBlocks();
        Layout layout = new Layout("random", "", new Layout.Geometry(f.pageSize(), f.blockSize()),
                new Layout.FileMap(f.size(), disk.extents(), boundaries, disk.metadata(), disk.allocator()),
                new Layout.Device(deviceBlocks(f.blockSize()), q.maxSectors(), q.maxSegments(),
                        image(f.blockSize()).toString()),
                pageCache, getBlock, cleancache, faults,
                new Layout.BlockLayerSpec(q.plug(), q.merge(), q.sortOnFlush()),
                new Layout.MemorySpec(bufferHeadsOverLimit), run.withMemalloc(q.memalloc()), null);
        List<String> problems = LayoutValidator.problems(layout);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("generator made an invalid layout: " + problems);
        }
        return layout;
    }

    private static Layout.GetBlockSpec plainGetBlock(FileShape f) {
        return new Layout.GetBlockSpec(f.queue().maxBlocks(), List.of(), List.of());
    }

    private static final Layout.Faults NO_FAULTS = new Layout.Faults(List.of(), List.of());

    // ------------------------------------------------------------------ readpages, no faults

    /** readpages of a random ascending set of the file's pages (some alreadyCached), no faults of any kind. */
    public static Arbitrary<Layout> reads() {
        return files().flatMap(f -> {
            int n = f.pages();
            Arbitrary<Integer> first = Arbitraries.integers().between(0, n - 1)
                    .withDistribution(RandomDistribution.biased());
            return first.flatMap(fst -> {
                int room = n - fst;
                Arbitrary<Integer> count = Arbitraries.integers().between(1, room);
                Arbitrary<List<Boolean>> keep = Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false))
                        .list().ofSize(room);
                Arbitrary<List<Boolean>> cached = Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true))
                        .list().ofSize(room);
                Arbitrary<Boolean> asList = Arbitraries.of(true, false);
                return Combinators.combine(count, keep, cached, asList)
                        .as((cnt, k, c, list) -> readLayout(f, fst, cnt, k, c, list));
            });
        });
    }

    /**
     * As {@link #reads()}, plus get_block uptodate blocks and cleancache pages: quirks that fill a page without
     * a bio but with the same bytes (the on-disk contents).
     */
    public static Arbitrary<Layout> readsWithUptodateAndCleancache() {
        return reads().flatMap(plain -> {
            int blocks = (int) (plain.file().size() / plain.geometry().blockSize()) + plain.blocksPerPage();
            int pages = (int) ((plain.file().size() + plain.geometry().pageSize() - 1) / plain.geometry().pageSize());
            Arbitrary<List<Long>> uptodate = Arbitraries.longs().between(0, blocks - 1).list().ofMaxSize(4);
            Arbitrary<List<Long>> cleancache = Arbitraries.longs().between(0, pages - 1).list().ofMaxSize(4)
                    .map(l -> new ArrayList<>(new TreeSet<>(l)));
            return Combinators.combine(uptodate, cleancache).as((u, c) -> {
                Layout l = new Layout(plain.title(), plain.notes(), plain.geometry(), plain.file(), plain.device(),
                        plain.pageCache(), new Layout.GetBlockSpec(plain.getBlock().maxBlocks(), u, List.of()), c,
                        plain.faults(), plain.blockLayer(), plain.memory(), plain.run(), null);
                List<String> problems = LayoutValidator.problems(l);
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("generator made an invalid layout: " + problems);
                }
                return l;
            });
        });
    }

    private static Layout readLayout(FileShape f, int first, int count, List<Boolean> keep, List<Boolean> cached,
                                     boolean asList) {
        List<Long> pages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i == 0 || keep.get(i)) {
                pages.add((long) first + i);
            }
        }
        RunSpec run = asList || pages.size() != count ? RunSpec.readpages(pages) : RunSpec.readpages(first, count);
        List<Layout.PageSpec> cache = new ArrayList<>();
        for (long p : pages) {
            if (cached.get((int) (p - first))) {
                cache.add(new Layout.PageSpec(p, List.of(), null, true));
            }
        }
        return assemble(f, place(f, 0), cache, plainGetBlock(f), List.of(), NO_FAULTS, false, run);
    }

    // ------------------------------------------------------------------ writepages, no faults

    /** How a page stands in the cache before a write run. */
    public enum WritePage { ABSENT, DIRTY, DIRTY_BUFFERS, CLEAN }

    /**
     * writepages(WB_SYNC_ALL, whole file) over random dirty pages of the file: without buffers, or with buffers
     * mapped, uptodate and dirty as the extents say (holes as unmapped dirty buffers, blocks past EOF as unmapped
     * uptodate ones). The allocator holds enough blocks for every hole of a dirty page below EOF.
     */
    public static Arbitrary<Layout> writes() {
        return files().flatMap(f -> {
            Arbitrary<List<WritePage>> kinds = Arbitraries.frequency(Tuple.of(2, WritePage.ABSENT),
                    Tuple.of(3, WritePage.DIRTY), Tuple.of(2, WritePage.DIRTY_BUFFERS),
                    Tuple.of(1, WritePage.CLEAN)).list().ofSize(f.pages());
            Arbitrary<Integer> slack = Arbitraries.integers().between(0, 6);
            Arbitrary<Boolean> boundaryFlags = Arbitraries.of(true, false);
            Arbitrary<Boolean> overLimit = Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true));
            return Combinators.combine(kinds, slack, boundaryFlags, overLimit)
                    .as((k, s, b, o) -> writeLayout(f, k, s, b, o, RunSpec.writepages("all", 0, -1)));
        });
    }

    /**
     * As {@link #writes()}, with a random sync mode and either a random page range or a cyclic start (no budget,
     * so every dirty page in the range, or with rangeCyclic every dirty page, is written).
     */
    public static Arbitrary<Layout> writesInRanges() {
        return files().flatMap(f -> {
            int n = f.pages();
            Arbitrary<List<WritePage>> kinds = Arbitraries.frequency(Tuple.of(2, WritePage.ABSENT),
                    Tuple.of(3, WritePage.DIRTY), Tuple.of(2, WritePage.DIRTY_BUFFERS),
                    Tuple.of(1, WritePage.CLEAN)).list().ofSize(n);
            Arbitrary<RunSpec> run = Combinators.combine(Arbitraries.of("none", "all"),
                            Arbitraries.integers().between(0, n), Arbitraries.integers().between(-1, n),
                            Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true)))
                    .as((sync, start, endDelta, cyclic) -> new RunSpec(RunSpec.WRITEPAGES, -1, 0, null, -1, sync,
                            start, endDelta < 0 || cyclic ? -1 : start + endDelta, -1, cyclic, false));
            return Combinators.combine(kinds, Arbitraries.integers().between(0, 3), Arbitraries.of(true, false),
                            Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true)), run)
                    .as((k, s, b, o, r) -> writeLayout(f, k, s, b, o, r));
        });
    }

    /** Logical blocks of the file below EOF: ceil(i_size / blockSize). */
    public static long blocksBelowEof(Layout layout) {
        long bs = layout.geometry().blockSize();
        return (layout.file().size() + bs - 1) / bs;
    }

    static Layout writeLayout(FileShape f, List<WritePage> kinds, int slack, boolean boundaryFlags,
                              boolean overLimit, RunSpec run) {
        return writeLayout(f, kinds, List.of(), true, slack, boundaryFlags, overLimit, run, plainGetBlock(f),
                List.of(), NO_FAULTS);
    }

    static Layout writeLayout(FileShape f, List<WritePage> kinds, List<String> extraFlags, boolean allocate,
                              int slack, boolean boundaryFlags, boolean overLimit, RunSpec run,
                              Layout.GetBlockSpec getBlock, List<Long> cleancache, Layout.Faults faults) {
        int bpp = f.blocksPerPage();
        long eofBlocks = (f.size() + f.blockSize() - 1) / f.blockSize();
        long holes = 0;
        for (int p = 0; p < kinds.size(); p++) {
            if (kinds.get(p) == WritePage.DIRTY || kinds.get(p) == WritePage.DIRTY_BUFFERS) {
                for (int j = 0; j < bpp; j++) {
                    long l = (long) p * bpp + j;
                    if (l < eofBlocks && !f.mapped(l)) {
                        holes++;
                    }
                }
            }
        }
        long allocatorBlocks = !allocate ? 0 : holes == 0 ? slack : holes + slack;
        Disk disk = place(f, allocatorBlocks);
        Layout.FileMap fm = new Layout.FileMap(f.size(), disk.extents(), List.of(), List.of(), null);
        java.util.Set<Long> boundaries = new java.util.HashSet<>(f.boundaryBlocks());
        List<Layout.PageSpec> cache = new ArrayList<>();
        for (int p = 0; p < kinds.size(); p++) {
            String extra = extraFlags.isEmpty() ? "" : extraFlags.get(p % extraFlags.size());
            switch (kinds.get(p)) {
                case DIRTY:
                    cache.add(new Layout.PageSpec(p, flags(extra, "uptodate", "dirty"), null, false));
                    break;
                case CLEAN:
                    cache.add(new Layout.PageSpec(p, flags(extra, "uptodate"), null, false));
                    break;
                case DIRTY_BUFFERS: {
                    List<Layout.BufferSpec> buffers = new ArrayList<>();
                    for (int j = 0; j < bpp; j++) {
                        long l = (long) p * bpp + j;
                        long phys = physical(fm, l);
                        if (l >= eofBlocks) {
                            buffers.add(new Layout.BufferSpec(List.of("uptodate"), null));
                        } else if (phys < 0) {
                            buffers.add(new Layout.BufferSpec(List.of("uptodate", "dirty"), null));
                        } else if (boundaryFlags && boundaries.contains(l)) {
                            buffers.add(new Layout.BufferSpec(List.of("mapped", "uptodate", "dirty", "boundary"),
                                    phys));
                        } else {
                            buffers.add(new Layout.BufferSpec(List.of("mapped", "uptodate", "dirty"), phys));
                        }
                    }
                    cache.add(new Layout.PageSpec(p, flags(extra, "uptodate", "dirty"), buffers, false));
                    break;
                }
                default:
                    break;
            }
        }
        return assemble(f, disk, cache, getBlock, cleancache, faults, overLimit, run);
    }

    private static List<String> flags(String extra, String... flags) {
        List<String> out = new ArrayList<>(List.of(flags));
        if (!extra.isEmpty() && !out.contains(extra)) {
            out.add(extra);
        }
        return out;
    }

    // ------------------------------------------------------------------ anything: every op, with faults

    /** get_block quirks, cleancache, faults and the buffer_heads_over_limit switch. */
    public record Extras(Layout.GetBlockSpec getBlock, List<Long> cleancache, Layout.Faults faults,
                         boolean overLimit) {
    }

    private static Arbitrary<Extras> extras(FileShape f) {
        int blocks = f.logicalBlocks();
        int spb = f.blockSize() / 512;
        long sectors = deviceBlocks(f.blockSize()) * spb;
        Arbitrary<List<Layout.GetBlockError>> errors = Combinators.combine(
                        Arbitraries.integers().between(0, blocks - 1), Arbitraries.of("EIO", "ENOSPC", "ENOMEM"))
                .as((l, e) -> new Layout.GetBlockError(l, e)).list().ofMaxSize(2)
                .map(list -> {
                    List<Layout.GetBlockError> out = new ArrayList<>();
                    TreeSet<Long> seen = new TreeSet<>();
                    for (Layout.GetBlockError e : list) {
                        if (seen.add(e.logical())) {
                            out.add(e);
                        }
                    }
                    return out;
                });
        Arbitrary<List<Long>> uptodate = Arbitraries.longs().between(0, blocks - 1).list().ofMaxSize(2);
        Arbitrary<Layout.GetBlockSpec> getBlock = Combinators.combine(errors, uptodate)
                .as((e, u) -> new Layout.GetBlockSpec(f.queue().maxBlocks(), u, e));
        Arbitrary<List<Long>> cleancache = Arbitraries.longs().between(0, f.pages() - 1).list().ofMaxSize(2)
                .map(l -> new ArrayList<>(new TreeSet<>(l)));
        Arbitrary<Layout.SectorRange> bad = Combinators.combine(
                        Arbitraries.longs().between(0, Math.min(sectors - 1, 700L * spb)),
                        Arbitraries.longs().between(1, 16))
                .as((start, count) -> new Layout.SectorRange(start, Math.min(count, sectors - start)));
        Arbitrary<Layout.Faults> faults = Combinators.combine(bad.list().ofMaxSize(2),
                        Arbitraries.integers().between(1, 6).list().ofMaxSize(3))
                .as(Layout.Faults::new);
        Arbitrary<Boolean> rare = Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true));
        // Each part is often empty, so that runs with a single kind of trouble are common.
        return Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(new Layout.GetBlockSpec(f.queue().maxBlocks(),
                        List.of(), List.of()))), Tuple.of(1, getBlock)),
                Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(List.<Long>of())), Tuple.of(1, cleancache)),
                Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(NO_FAULTS)), Tuple.of(1, faults)),
                rare).as(Extras::new);
    }

    /**
     * Any op (readpages, readpage, writepages with random sync mode, range, budget and cyclic start, writepage)
     * with random get_block errors and uptodate blocks, cleancache, bad sectors, bio_alloc failures, odd page
     * flags (writeback, error, mappedtodisk) and sometimes no allocator: valid layouts whose runs may fail.
     */
    public static Arbitrary<Layout> any() {
        return files().flatMap(f -> {
            int n = f.pages();
            Arbitrary<Integer> page = Arbitraries.integers().between(0, n - 1);
            Arbitrary<Layout> readpages = Combinators.combine(page, Arbitraries.integers().between(1, n),
                            Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false)).list().ofSize(n),
                            Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true)).list().ofSize(n),
                            Arbitraries.of(true, false), extras(f))
                    .as((first, count, keep, cached, asList, x) -> readLayout(f, first, Math.min(count, n - first),
                            keep, cached, asList, x));
            Arbitrary<Layout> readpage = Combinators.combine(page, Arbitraries.of("absent", "", "uptodate",
                            "error", "buffers"), extras(f))
                    .as((index, state, x) -> readpageLayout(f, index, state, x));
            Arbitrary<List<WritePage>> kinds = Arbitraries.frequency(Tuple.of(2, WritePage.ABSENT),
                    Tuple.of(3, WritePage.DIRTY), Tuple.of(2, WritePage.DIRTY_BUFFERS),
                    Tuple.of(1, WritePage.CLEAN)).list().ofSize(n);
            Arbitrary<List<String>> extraFlags = Arbitraries.frequencyOf(
                    Tuple.of(2, Arbitraries.just(List.<String>of())),
                    Tuple.of(1, Arbitraries.frequency(Tuple.of(6, ""), Tuple.of(1, "writeback"), Tuple.of(1, "error"),
                            Tuple.of(1, "mappedtodisk")).list().ofMinSize(1).ofMaxSize(8)));
            Arbitrary<RunSpec> wbc = Combinators.combine(Arbitraries.of("none", "all"), page,
                            Arbitraries.integers().between(-1, n), Arbitraries.frequencyOf(
                                    Tuple.of(2, Arbitraries.just(-1L)), Tuple.of(1, Arbitraries.longs().between(1, 5))),
                            Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true)))
                    .as((sync, start, endDelta, budget, cyclic) -> new RunSpec(RunSpec.WRITEPAGES, -1, 0, null, -1,
                            sync, start, endDelta < 0 ? -1 : start + endDelta, budget, cyclic, false));
            Arbitrary<RunSpec> one = Combinators.combine(page, Arbitraries.of("none", "all"))
                    .as((index, sync) -> RunSpec.writepage(index, sync));
            Arbitrary<RunSpec> writeRun = Arbitraries.frequencyOf(Tuple.of(3, wbc), Tuple.of(1, one));
            Arbitrary<Boolean> allocate = Arbitraries.frequency(Tuple.of(5, true), Tuple.of(1, false));
            Arbitrary<Layout> writes = Combinators.combine(kinds, extraFlags, allocate,
                            Arbitraries.integers().between(0, 4), Arbitraries.of(true, false), writeRun, extras(f))
                    .as((k, ef, alloc, slack, bflags, run, x) -> writeLayout(f, k, ef, alloc, slack, bflags,
                            x.overLimit(), run, x.getBlock(), x.cleancache(), x.faults()));
            return Arbitraries.frequencyOf(Tuple.of(3, readpages), Tuple.of(1, readpage), Tuple.of(4, writes));
        });
    }

    private static Layout readLayout(FileShape f, int first, int count, List<Boolean> keep, List<Boolean> cached,
                                     boolean asList, Extras x) {
        Layout plain = readLayout(f, first, count, keep, cached, asList);
        return assemble(f, place(f, 0), plain.pageCache(), x.getBlock(), x.cleancache(), x.faults(), x.overLimit(),
                plain.run());
    }

    private static Layout readpageLayout(FileShape f, int index, String state, Extras x) {
        List<Layout.PageSpec> cache = new ArrayList<>();
        switch (state) {
            case "absent":
                break;
            case "buffers": {
                List<Layout.BufferSpec> buffers = new ArrayList<>();
                for (int j = 0; j < f.blocksPerPage(); j++) {
                    buffers.add(new Layout.BufferSpec(List.of(), null));
                }
                cache.add(new Layout.PageSpec(index, List.of(), buffers, false));
                break;
            }
            default:
                cache.add(new Layout.PageSpec(index, state.isEmpty() ? List.of() : List.of(state), null, false));
                break;
        }
        return assemble(f, place(f, 0), cache, x.getBlock(), x.cleancache(), x.faults(), x.overLimit(),
                RunSpec.readpage(index));
    }

    /** The disk block of a logical block per the extents, or -1 for a hole. */
    public static long physical(Layout.FileMap file, long logical) {
        for (Layout.Extent e : file.extents()) {
            if (logical >= e.logical() && logical < e.logical() + e.count()) {
                return e.physical() + (logical - e.logical());
            }
        }
        return -1;
    }
}
