package mpageviz.testutil;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;

/** Builds layouts in tests without JSON: defaults as layout-format.md gives them, then fluent changes. */
public final class LayoutBuilder {
    private String title = "test";
    private int pageSize = 4096;
    private int blockSize = 1024;
    private long size;
    private final List<Layout.Extent> extents = new ArrayList<>();
    private final List<Long> boundaries = new ArrayList<>();
    private final List<Layout.MetadataBlock> metadata = new ArrayList<>();
    private Layout.Allocator allocator;
    private long deviceBlocks = 4096;
    private int maxSectors = 1024;
    private int maxSegments = 128;
    private String image;
    private final List<Layout.PageSpec> pageCache = new ArrayList<>();
    private int maxBlocks;
    private final List<Long> uptodate = new ArrayList<>();
    private final List<Layout.GetBlockError> errors = new ArrayList<>();
    private final List<Long> cleancache = new ArrayList<>();
    private final List<Layout.SectorRange> badSectors = new ArrayList<>();
    private final List<Integer> bioAllocFailures = new ArrayList<>();
    private boolean plug = true;
    private boolean merge = true;
    private boolean sortOnFlush;
    private boolean overLimit;
    private RunSpec run = RunSpec.readpages(0, 1);

    public static LayoutBuilder layout() {
        return new LayoutBuilder();
    }

    public LayoutBuilder geometry(int pageSize, int blockSize) {
        this.pageSize = pageSize;
        this.blockSize = blockSize;
        return this;
    }

    public LayoutBuilder size(long bytes) {
        this.size = bytes;
        return this;
    }

    public LayoutBuilder extent(long logical, long physical, long count) {
        extents.add(new Layout.Extent(logical, physical, count));
        return this;
    }

    public LayoutBuilder boundary(long... logical) {
        for (long l : logical) {
            boundaries.add(l);
        }
        return this;
    }

    public LayoutBuilder metadata(long block, long first, long last, boolean cached, boolean dirty) {
        metadata.add(new Layout.MetadataBlock(block, first, last, cached, dirty));
        return this;
    }

    public LayoutBuilder allocator(long next, long last) {
        allocator = new Layout.Allocator(next, last);
        return this;
    }

    public LayoutBuilder device(long blocks, int maxSectors, int maxSegments) {
        this.deviceBlocks = blocks;
        this.maxSectors = maxSectors;
        this.maxSegments = maxSegments;
        return this;
    }

    public LayoutBuilder image(String path, long blocks) {
        this.image = path;
        this.deviceBlocks = blocks;
        return this;
    }

    public LayoutBuilder page(long index, String... flags) {
        pageCache.add(new Layout.PageSpec(index, Arrays.asList(flags), null, false));
        return this;
    }

    /** Pages {@code first..last} in the cache, uptodate and dirty, without buffers (mmap-dirtied pages). */
    public LayoutBuilder dirtyPages(long first, long last) {
        for (long i = first; i <= last; i++) {
            page(i, "uptodate", "dirty");
        }
        return this;
    }

    public LayoutBuilder alreadyCached(long index) {
        pageCache.add(new Layout.PageSpec(index, List.of(), null, true));
        return this;
    }

    /** A page with buffers: each buffer is "flag,flag@block" or "flag" (unmapped), e.g. "mapped,uptodate@40". */
    public LayoutBuilder pageWithBuffers(long index, List<String> flags, String... buffers) {
        List<Layout.BufferSpec> list = new ArrayList<>();
        for (String b : buffers) {
            String[] parts = b.split("@");
            List<String> bf = parts[0].isEmpty() ? List.of() : Arrays.asList(parts[0].split(","));
            list.add(new Layout.BufferSpec(bf, parts.length > 1 ? Long.parseLong(parts[1]) : null));
        }
        pageCache.add(new Layout.PageSpec(index, flags, list, false));
        return this;
    }

    public LayoutBuilder maxBlocks(int n) {
        this.maxBlocks = n;
        return this;
    }

    public LayoutBuilder uptodate(long... logical) {
        for (long l : logical) {
            uptodate.add(l);
        }
        return this;
    }

    public LayoutBuilder error(long logical, String errno) {
        errors.add(new Layout.GetBlockError(logical, errno));
        return this;
    }

    public LayoutBuilder cleancache(long... pages) {
        for (long p : pages) {
            cleancache.add(p);
        }
        return this;
    }

    public LayoutBuilder badSectors(long start, long count) {
        badSectors.add(new Layout.SectorRange(start, count));
        return this;
    }

    public LayoutBuilder bioAllocFailure(int... ordinals) {
        for (int o : ordinals) {
            bioAllocFailures.add(o);
        }
        return this;
    }

    public LayoutBuilder blockLayer(boolean plug, boolean merge, boolean sortOnFlush) {
        this.plug = plug;
        this.merge = merge;
        this.sortOnFlush = sortOnFlush;
        return this;
    }

    public LayoutBuilder bufferHeadsOverLimit() {
        this.overLimit = true;
        return this;
    }

    public LayoutBuilder run(RunSpec run) {
        this.run = run;
        return this;
    }

    public LayoutBuilder title(String t) {
        this.title = t;
        return this;
    }

    public Layout build() {
        return new Layout(title, "", new Layout.Geometry(pageSize, blockSize),
                new Layout.FileMap(size, extents, boundaries, metadata, allocator),
                new Layout.Device(deviceBlocks, maxSectors, maxSegments, image), pageCache,
                new Layout.GetBlockSpec(maxBlocks, uptodate, errors), cleancache,
                new Layout.Faults(badSectors, bioAllocFailures), new Layout.BlockLayerSpec(plug, merge, sortOnFlush),
                new Layout.MemorySpec(overLimit), run, null);
    }
}
