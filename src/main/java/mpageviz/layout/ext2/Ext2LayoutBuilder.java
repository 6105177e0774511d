package mpageviz.layout.ext2;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import mpageviz.layout.Layout;
import mpageviz.layout.LayoutValidator;
import mpageviz.layout.RunSpec;

/**
 * Builds a {@link Layout} from a regular file of an ext2 image, mapping it exactly as ext2_get_blocks does
 * (kernel-semantics.md §9.2–9.4): one extent per run of consecutive disk blocks inside one pointer array, a
 * boundary at every mapped block whose blocks_to_boundary is 0, one metadata entry per indirect block (outer level
 * first, each with the logical range it covers, cut at the largest file a layout holds: 2^40 bytes), i_size from
 * the inode and the image itself as the device. Write runs start with the file's pages uptodate and dirty, without
 * buffers; a page over a hole is refused, since ext2 block allocation is not modelled.
 *
 * <p>{@code device.image} is written relative to the folder the layout will be saved in (the layout's
 * {@code baseDir}), as layout-format.md reads it; only when no relative path exists (another root) is it
 * absolute.
 */
public final class Ext2LayoutBuilder {
    public static final int DEFAULT_PAGE_SIZE = 4096;

    /** The call the layout makes; {@code page} is used by readpage and writepage only. */
    public record Call(String op, long page) {
        /** readpages over the whole file. */
        public static Call readpages() {
            return new Call(RunSpec.READPAGES, -1);
        }

        /** writepages over the whole file, every page dirty. */
        public static Call writepages() {
            return new Call(RunSpec.WRITEPAGES, -1);
        }

        public static Call readpage(long page) {
            return new Call(RunSpec.READPAGE, page);
        }

        public static Call writepage(long page) {
            return new Call(RunSpec.WRITEPAGE, page);
        }
    }

    private final Ext2Image image;
    private final Ext2Superblock sb;
    private final int bs;
    private final int ptrs;

    private Ext2LayoutBuilder(Ext2Image image) {
        this.image = image;
        this.sb = image.superblock();
        this.bs = sb.blockSize();
        this.ptrs = sb.ptrsPerBlock();
    }

    /**
     * The layout of the regular file at {@code filePath}.
     *
     * @param layoutDir the folder the layout will be saved in (relative image paths resolve against it); null:
     *                  the image's own folder
     */
    public static Layout build(Ext2Image image, String filePath, Call call, int pageSize, Path layoutDir)
            throws Ext2Exception {
        return new Ext2LayoutBuilder(image).layout(filePath, call, pageSize, layoutDir);
    }

    /** A one-line description of a built layout: blocks, extents, indirect blocks, boundaries. */
    /**
     * The same whole-file readpages layout reading only a window of pages: {@code first} (null: 0) and
     * {@code count} (null: to the end), for example the pages around an indirect block.
     *
     * @throws IllegalArgumentException naming the pages when the window is not all inside the file
     */
    public static Layout readaheadWindow(Layout wholeFile, Long first, Long count) {
        long pages = wholeFile.run().count();
        String problem = windowProblem(pages, first, count);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        long from = first != null ? first : 0;
        return wholeFile.withRun(RunSpec.readpages(from, count != null ? count : pages - from));
    }

    /**
     * Why a window of {@code first} (null: 0) and {@code count} (null: to the end) pages is not all inside a file of
     * {@code pages} pages, or null when it is.
     */
    public static String windowProblem(long pages, Long first, Long count) {
        long from = first != null ? first : 0;
        long n = count != null ? count : pages - from;
        if (from < 0 || n <= 0 || from >= pages || n > pages - from) {
            return "pages " + from + ".." + (from + n - 1) + " are not all in the file (pages 0.." + (pages - 1) + ")";
        }
        return null;
    }

    public static String describe(Layout layout) {
        long blocks = 0;
        for (Layout.Extent e : layout.file().extents()) {
            blocks += e.count();
        }
        return layout.file().size() + " bytes, " + plural(blocks, "data block") + " in "
                + plural(layout.file().extents().size(), "extent") + ", "
                + plural(layout.file().metadata().size(), "indirect block") + ", "
                + plural(layout.file().boundaries().size(), "boundary", "boundaries");
    }

    private Layout layout(String filePath, Call call, int pageSize, Path layoutDir) throws Ext2Exception {
        String name = Ext2Image.normalize(filePath);
        if (pageSize < 1024 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
            throw new Ext2Exception("page size " + pageSize + " is not a power of two in 1024..65536");
        }
        if (pageSize < bs) {
            throw new Ext2Exception("page size " + pageSize + " is smaller than the block size " + bs);
        }
        Ext2Inode inode = image.lookup(filePath);
        if (!inode.isRegular()) {
            throw new Ext2Exception(name + ": is a " + inode.typeName() + ", not a regular file");
        }
        String who = "inode " + inode.number() + " (" + name + ")";
        long size = inode.size();
        long limit = Math.min(LayoutValidator.MAX_FILE_SIZE / bs, Ext2BlockMap.capacity(ptrs));
        if (size < 0 || size > limit * bs) {
            throw new Ext2Exception(who + ": i_size " + Long.toUnsignedString(size) + " is absurd: the largest file "
                    + "a layout of " + bs + "-byte ext2 blocks holds is " + limit * bs + " bytes");
        }
        Ext2BlockMap map = image.blockMap(inode);
        if (map.size() > 0 && map.logical(map.size() - 1) >= limit) {
            throw new Ext2Exception(who + ": logical block " + map.logical(map.size() - 1)
                    + " is mapped, past the largest file a layout holds (" + limit + " blocks)");
        }
        List<Layout.MetadataBlock> metadata = new ArrayList<>();
        for (Ext2BlockMap.Indirect ind : map.indirect()) {
            if (ind.first() >= limit) {
                throw new Ext2Exception(who + ": indirect block " + ind.block() + " covers logical blocks from "
                        + ind.first() + ", past the largest file a layout holds (" + limit + " blocks)");
            }
            metadata.add(new Layout.MetadataBlock(ind.block(), ind.first(), Math.min(ind.last(), limit - 1),
                    false, false));
        }
        Layout.FileMap file = new Layout.FileMap(size, extents(map), boundaries(map), metadata, null);
        long pages = (size + pageSize - 1) / pageSize;
        RunSpec run = run(name, call, pages);
        List<Layout.PageSpec> pageCache = run.isWrite()
                ? dirtyPages(name, map, run, size, pageSize) : List.of();
        Path dir = (layoutDir != null ? layoutDir : image.path().toAbsolutePath().getParent()).toAbsolutePath()
                .normalize();
        if (!Files.isDirectory(dir)) {
            throw new Ext2Exception("the layout's folder " + dir + " does not exist");
        }
        Layout.Device device = new Layout.Device(sb.blocksCount(), 1024, 128, imagePath(dir));
        Layout layout = new Layout("ext2: " + name, notes(inode, map, size), new Layout.Geometry(pageSize, bs),
                file, device, pageCache, new Layout.GetBlockSpec(0, List.of(), List.of()), List.of(),
                new Layout.Faults(List.of(), List.of()), new Layout.BlockLayerSpec(true, true, false),
                new Layout.MemorySpec(false), run, dir);
        // Everything read from the image was checked above, so a problem here is a bug in this class, not bad input.
        List<String> problems = LayoutValidator.problems(layout);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(who + ": the layout built from it is not valid: " + problems);
        }
        return layout;
    }

    /**
     * Maximal runs of consecutive disk blocks. A run also ends at the last slot of a pointer array, since
     * ext2_get_blocks never maps past it in one call.
     */
    private List<Layout.Extent> extents(Ext2BlockMap map) {
        List<Layout.Extent> out = new ArrayList<>();
        int i = 0;
        while (i < map.size()) {
            int j = i + 1;
            while (j < map.size() && map.logical(j) == map.logical(j - 1) + 1
                    && map.physical(j) == map.physical(j - 1) + 1
                    && !Ext2BlockMap.isBoundary(map.logical(j - 1), ptrs)) {
                j++;
            }
            out.add(new Layout.Extent(map.logical(i), map.physical(i), j - i));
            i = j;
        }
        return out;
    }

    /** Mapped blocks with blocks_to_boundary 0: L 11 and L 11 + k * ptrs. */
    private List<Long> boundaries(Ext2BlockMap map) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < map.size(); i++) {
            if (Ext2BlockMap.isBoundary(map.logical(i), ptrs)) {
                out.add(map.logical(i));
            }
        }
        return out;
    }

    private RunSpec run(String name, Call call, long pages) throws Ext2Exception {
        boolean write = RunSpec.WRITEPAGES.equals(call.op()) || RunSpec.WRITEPAGE.equals(call.op());
        if (pages == 0) {
            throw new Ext2Exception(name + ": is empty: it has no page to " + (write ? "write" : "read"));
        }
        switch (call.op()) {
            case RunSpec.READPAGES:
                return RunSpec.readpages(0, pages);
            case RunSpec.WRITEPAGES:
                return RunSpec.writepages("none", 0, -1);
            case RunSpec.READPAGE:
            case RunSpec.WRITEPAGE:
                if (call.page() < 0 || call.page() >= pages) {
                    throw new Ext2Exception(name + ": page " + call.page() + " is outside the file (pages 0.."
                            + (pages - 1) + ")");
                }
                return RunSpec.READPAGE.equals(call.op()) ? RunSpec.readpage(call.page())
                        : RunSpec.writepage(call.page(), "none");
            default:
                throw new Ext2Exception("unknown op \"" + call.op() + "\" (readpages, writepages, readpage N or "
                        + "writepage N)");
        }
    }

    /**
     * The pages a write run writes, uptodate and dirty without buffers (as after a write() whose buffers were
     * dropped). A page over a hole would need block allocation, which this importer does not model.
     */
    private List<Layout.PageSpec> dirtyPages(String name, Ext2BlockMap map, RunSpec run, long size, int pageSize)
            throws Ext2Exception {
        int perPage = pageSize / bs;
        long blocksInFile = (size + bs - 1) / bs;
        long firstPage = RunSpec.WRITEPAGE.equals(run.op()) ? run.index() : 0;
        long lastPage = RunSpec.WRITEPAGE.equals(run.op()) ? run.index() : (size - 1) / pageSize;
        long from = firstPage * perPage;
        long to = Math.min((lastPage + 1) * perPage, blocksInFile);
        long hole = firstHole(map, from, to);
        if (hole >= 0) {
            throw new Ext2Exception(name + ": page " + hole / perPage + " covers a hole at logical block " + hole
                    + ": writing there needs ext2 block allocation, which is not supported");
        }
        List<Layout.PageSpec> out = new ArrayList<>();
        for (long p = firstPage; p <= lastPage; p++) {
            out.add(new Layout.PageSpec(p, List.of("uptodate", "dirty"), null, false));
        }
        return out;
    }

    /** The first unmapped logical block in from..to-1, or -1. */
    private static long firstHole(Ext2BlockMap map, long from, long to) {
        long want = from;
        for (int i = 0; i < map.size() && want < to; i++) {
            long l = map.logical(i);
            if (l < want) {
                continue;
            }
            if (l > want) {
                return want;
            }
            want++;
        }
        return want < to ? want : -1;
    }

    private String imagePath(Path dir) {
        Path abs = image.path().toAbsolutePath().normalize();
        try {
            return dir.relativize(abs).toString().replace(File.separatorChar, '/');
        } catch (IllegalArgumentException e) {
            return abs.toString(); // no relative path between them (another root)
        }
    }

    private String notes(Ext2Inode inode, Ext2BlockMap map, long size) {
        return "Imported from the ext2 image " + image.path().getFileName() + ": inode " + inode.number() + ", i_size "
                + size + ", " + bs + "-byte blocks (" + ptrs + " pointers per indirect block), "
                + plural(map.size(), "data block") + " and " + plural(map.indirect().size(), "indirect block")
                + " on disk. Extents, boundaries and metadata follow ext2_get_blocks; reads return the file's "
                + "real bytes. device.image is relative to this layout file's folder.";
    }

    private static String plural(long n, String one) {
        return plural(n, one, one + "s");
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
