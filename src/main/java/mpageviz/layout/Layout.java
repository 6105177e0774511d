package mpageviz.layout;

import java.nio.file.Path;
import java.util.List;

/**
 * One run's whole input, as layout-format.md defines it: geometry, the file's block map, the device, the page
 * cache before the call, injected faults and the call to make. Immutable; defaults are already filled in.
 *
 * <pre>
 * Layout
 *  +- geometry      pageSize, blockSize
 *  +- file          size, extents, boundaries, metadata, allocator
 *  +- device        blocks, maxSectors, maxSegments, image
 *  +- pageCache[]   index, flags, buffers[] | alreadyCached
 *  +- getBlock      maxBlocks, uptodate, errors
 *  +- cleancache, faults, blockLayer, memory
 *  +- run           op and its parameters
 * </pre>
 *
 * @param baseDir the folder the layout was read from (relative image paths resolve against it); null when the
 *                layout was built in memory. Not part of the file.
 */
public record Layout(
        String title,
        String notes,
        Geometry geometry,
        FileMap file,
        Device device,
        List<PageSpec> pageCache,
        GetBlockSpec getBlock,
        List<Long> cleancache,
        Faults faults,
        BlockLayerSpec blockLayer,
        MemorySpec memory,
        RunSpec run,
        Path baseDir) {

    public Layout {
        pageCache = List.copyOf(pageCache);
        cleancache = List.copyOf(cleancache);
    }

    /** Blocks per page (PAGE_CACHE_SIZE >> i_blkbits). */
    public int blocksPerPage() {
        return geometry.pageSize() / geometry.blockSize();
    }

    /** The same layout with another run. */
    public Layout withRun(RunSpec newRun) {
        return new Layout(title, notes, geometry, file, device, pageCache, getBlock, cleancache, faults, blockLayer,
                memory, newRun, baseDir);
    }

    /** The same layout with another device section (for example another image). */
    public Layout withDevice(Device newDevice) {
        return new Layout(title, notes, geometry, file, newDevice, pageCache, getBlock, cleancache, faults,
                blockLayer, memory, run, baseDir);
    }

    /**
     * Where the disk image is: a relative {@code device.image} resolves against the folder the layout was read
     * from (or the working folder when it has none); null for a synthetic image.
     *
     * @throws java.nio.file.InvalidPathException when the image is not a valid path
     */
    public Path imagePath() {
        if (device.image() == null) {
            return null;
        }
        Path p = Path.of(device.image());
        return baseDir == null ? p : baseDir.resolve(p);
    }

    /**
     * The same layout kept in folder {@code dir} (saved there): the image path is rewritten so it still names the
     * same file, relative when the image lies inside {@code dir}, absolute otherwise.
     */
    public Layout movedTo(Path dir) {
        Path to = dir.toAbsolutePath().normalize();
        String image = device.image();
        if (image != null) {
            Path where = imagePath().toAbsolutePath().normalize();
            image = (where.startsWith(to) ? to.relativize(where) : where).toString();
        }
        return new Layout(title, notes, geometry, file,
                new Device(device.blocks(), device.maxSectors(), device.maxSegments(), image), pageCache, getBlock,
                cleancache, faults, blockLayer, memory, run, to);
    }

    /** The pageCache entry for a page index, or null. */
    public PageSpec pageSpec(long index) {
        for (PageSpec p : pageCache) {
            if (p.index() == index) {
                return p;
            }
        }
        return null;
    }

    /** PAGE_CACHE_SIZE and 1 << i_blkbits, in bytes. */
    public record Geometry(int pageSize, int blockSize) {
        public int blkbits() {
            return Integer.numberOfTrailingZeros(blockSize);
        }

        public int pageShift() {
            return Integer.numberOfTrailingZeros(pageSize);
        }
    }

    /** The file: i_size and how get_block maps it. {@code allocator} is null when allocating fails with ENOSPC. */
    public record FileMap(long size, List<Extent> extents, List<Long> boundaries, List<MetadataBlock> metadata,
                          Allocator allocator) {
        public FileMap {
            extents = List.copyOf(extents);
            boundaries = List.copyOf(boundaries);
            metadata = List.copyOf(metadata);
        }
    }

    /** Logical blocks {@code logical..logical+count-1} on disk blocks {@code physical..}. */
    public record Extent(long logical, long physical, long count) {
        /** Whether logical block {@code l} lies in this extent. */
        public boolean holds(long l) {
            return l >= logical && l < logical + count;
        }

        /** The disk block that {@code extents} map logical block {@code l} to, or -1 for a hole. */
        public static long physicalOf(List<Extent> extents, long l) {
            for (Extent e : extents) {
                if (e.holds(l)) {
                    return e.physical + (l - e.logical);
                }
            }
            return -1;
        }
    }

    /** An indirect block that must be in the buffer cache before logical blocks first..last can be mapped. */
    public record MetadataBlock(long block, long first, long last, boolean cached, boolean dirty) {
    }

    /** Disk blocks next..last that get_block(create=1) hands out in order. */
    public record Allocator(long next, long last) {
    }

    /** The block device and its queue limits. {@code image} is null for a synthetic image. */
    public record Device(long blocks, int maxSectors, int maxSegments, String image) {
    }

    /** One page present before the call. {@code buffers} is null for a page without buffers. */
    public record PageSpec(long index, List<String> flags, List<BufferSpec> buffers, boolean alreadyCached) {
        public PageSpec {
            flags = List.copyOf(flags);
            buffers = buffers == null ? null : List.copyOf(buffers);
        }

        public boolean has(String flag) {
            return flags.contains(flag);
        }
    }

    /** One buffer head of a pageCache page; {@code block} is null when not mapped. */
    public record BufferSpec(List<String> flags, Long block) {
        public BufferSpec {
            flags = List.copyOf(flags);
        }

        public boolean has(String flag) {
            return flags.contains(flag);
        }
    }

    /** Quirks of the layout's get_block. */
    public record GetBlockSpec(int maxBlocks, List<Long> uptodate, List<GetBlockError> errors) {
        public GetBlockSpec {
            uptodate = List.copyOf(uptodate);
            errors = List.copyOf(errors);
        }
    }

    /** get_block of {@code logical} fails with {@code errno} (EIO, ENOSPC or ENOMEM). */
    public record GetBlockError(long logical, String errno) {
    }

    /** Injected faults. */
    public record Faults(List<SectorRange> badSectors, List<Integer> bioAllocFailures) {
        public Faults {
            badSectors = List.copyOf(badSectors);
            bioAllocFailures = List.copyOf(bioAllocFailures);
        }
    }

    /** Sectors start..start+count-1 fail every read and write. */
    public record SectorRange(long start, long count) {
    }

    /** Plugging and merging in the simulated block layer. */
    public record BlockLayerSpec(boolean plug, boolean merge, boolean sortOnFlush) {
    }

    /** Global memory state the write path reads. */
    public record MemorySpec(boolean bufferHeadsOverLimit) {
    }
}
