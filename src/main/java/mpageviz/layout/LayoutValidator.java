package mpageviz.layout;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import mpageviz.layout.Layout.Extent;
import mpageviz.layout.Layout.MetadataBlock;
import mpageviz.layout.Layout.PageSpec;

/**
 * The semantic checks of layout-format.md ("Validation") and run-model.md ("Validation beyond layout-format.md") on
 * a {@link Layout} record. It reads nothing but the layout and, when one is named, the disk image, so a layout
 * builder can call it on every edit. Each problem starts with the field path it is about.
 */
public final class LayoutValidator {
    /** Largest file size (i_size) a layout may have, and so the bound on logical blocks and page indexes: 2^40. */
    public static final long MAX_FILE_SIZE = 1L << 40;
    /** Largest device, in blocks: 2^40 (sector numbers then stay far below 2^63). */
    public static final long MAX_DEVICE_BLOCKS = 1L << 40;

    public static final List<String> PAGE_FLAGS = List.of("uptodate", "dirty", "writeback", "error", "mappedtodisk");
    public static final List<String> BUFFER_FLAGS = List.of("mapped", "uptodate", "dirty", "new", "boundary", "delay");
    public static final List<String> ERRNOS = List.of("EIO", "ENOSPC", "ENOMEM");
    public static final List<String> OPS =
            List.of(RunSpec.READPAGES, RunSpec.READPAGE, RunSpec.WRITEPAGES, RunSpec.WRITEPAGE);
    public static final List<String> SYNC_MODES = List.of("none", "all");

    private static final int SECTOR_SIZE = 512;

    private final Layout layout;
    private final List<String> problems = new ArrayList<>();
    // Checks that need a sane geometry or device size are skipped when these are false, so one bad number does
    // not bury the layout under follow-up messages.
    private boolean geometryOk;
    private boolean deviceOk;
    private boolean sizeOk;

    private LayoutValidator(Layout layout) {
        this.layout = layout;
    }

    /** Every problem of {@code layout}, in a fixed order; empty when the layout can be run. */
    public static List<String> problems(Layout layout) {
        LayoutValidator v = new LayoutValidator(layout);
        v.check();
        return Collections.unmodifiableList(v.problems);
    }


    private void check() {
        if (!sectionsPresent()) {
            return;
        }
        checkGeometry();
        checkFileSize();
        checkDevice();
        checkExtents();
        checkBoundaries();
        checkMetadata();
        checkAllocator();
        checkPageCache();
        checkGetBlock();
        checkCleancache();
        checkFaults();
        checkRun();
        checkImage();
    }

    private boolean sectionsPresent() {
        Object[] sections = {layout.title(), layout.notes(), layout.geometry(), layout.file(), layout.device(),
                layout.getBlock(), layout.faults(), layout.blockLayer(), layout.memory(), layout.run()};
        String[] names = {"title", "notes", "geometry", "file", "device", "getBlock", "faults", "blockLayer",
                "memory", "run"};
        for (int i = 0; i < sections.length; i++) {
            if (sections[i] == null) {
                problems.add(names[i] + ": missing");
            }
        }
        return problems.isEmpty();
    }

    // ---- geometry, file size, device ----

    private void checkGeometry() {
        int pageSize = layout.geometry().pageSize();
        int blockSize = layout.geometry().blockSize();
        boolean pageOk = powerOfTwoIn("geometry.pageSize", pageSize, 1024, 65536, "1024..65536");
        boolean blockOk = powerOfTwoIn("geometry.blockSize", blockSize, 512, pageOk ? pageSize : 65536,
                pageOk ? "512..pageSize (" + pageSize + ")" : "512..pageSize");
        geometryOk = pageOk && blockOk;
    }

    private boolean powerOfTwoIn(String path, int value, int min, int max, String range) {
        if (value <= 0 || Integer.bitCount(value) != 1) {
            problems.add(path + ": " + value + " is not a power of two");
            return false;
        }
        if (value < min || value > max) {
            problems.add(path + ": " + value + " is out of range " + range);
            return false;
        }
        return true;
    }

    private void checkFileSize() {
        long size = layout.file().size();
        sizeOk = size >= 0 && size <= MAX_FILE_SIZE;
        if (!sizeOk) {
            problems.add("file.size: " + size + " is out of range 0..2^40 (" + MAX_FILE_SIZE + ")");
        }
    }

    private void checkDevice() {
        Layout.Device d = layout.device();
        deviceOk = d.blocks() >= 1 && d.blocks() <= MAX_DEVICE_BLOCKS;
        if (!deviceOk) {
            problems.add("device.blocks: " + d.blocks() + " is out of range 1..2^40 (" + MAX_DEVICE_BLOCKS + ")");
        }
        if (d.maxSectors() < 1) {
            problems.add("device.maxSectors: " + d.maxSectors() + " must be at least 1");
        } else if (geometryOk && d.maxSectors() < layout.geometry().pageSize() / SECTOR_SIZE) {
            problems.add("device.maxSectors: " + d.maxSectors() + " cannot hold a page (pageSize "
                    + layout.geometry().pageSize() + " needs " + layout.geometry().pageSize() / SECTOR_SIZE + ")");
        }
        if (d.maxSegments() < 1) {
            problems.add("device.maxSegments: " + d.maxSegments() + " must be at least 1");
        }
    }

    // ---- the file's block map ----

    private void checkExtents() {
        List<Extent> extents = layout.file().extents();
        List<Integer> sane = new ArrayList<>();
        for (int i = 0; i < extents.size(); i++) {
            Extent e = extents.get(i);
            String path = "file.extents[" + i + "]";
            // Both checks run (no short-circuit) so both fields get their message.
            boolean ok = nonNegative(path + ".logical", e.logical()) & nonNegative(path + ".physical", e.physical());
            if (e.count() < 1) {
                problems.add(path + ".count: " + e.count() + " must be at least 1");
                ok = false;
            }
            if (!ok) {
                continue;
            }
            if (geometryOk && e.count() > logicalLimit() - e.logical()) {
                problems.add(path + ": logical blocks from " + e.logical() + " reach past the largest file ("
                        + largestFile(logicalLimit(), "blocks") + ")");
            }
            if (deviceOk && e.count() > layout.device().blocks() - e.physical()) {
                problems.add(path + ": disk blocks " + e.physical() + ".." + lastOf(e.physical(), e.count())
                        + " reach past device.blocks " + layout.device().blocks());
            }
            // The overlap sweep needs start + count to fit in a long.
            if (e.count() <= Long.MAX_VALUE - e.logical() && e.count() <= Long.MAX_VALUE - e.physical()) {
                sane.add(i);
            }
        }
        overlaps(extents, sane, false);
        overlaps(extents, sane, true);
    }

    /** Sweeps the extents in start order; each one that starts inside an earlier reach is reported once. */
    private void overlaps(List<Extent> extents, List<Integer> candidates, boolean physical) {
        List<Integer> order = new ArrayList<>(candidates);
        order.sort(Comparator.<Integer>comparingLong(i -> start(extents.get(i), physical))
                .thenComparingInt(i -> i));
        int reach = -1;
        long reachEnd = 0;
        for (int i : order) {
            long s = start(extents.get(i), physical);
            long end = s + extents.get(i).count();
            if (reach >= 0 && s < reachEnd) {
                problems.add("file.extents[" + Math.max(i, reach) + "]: overlaps extents[" + Math.min(i, reach)
                        + "] in " + (physical ? "disk" : "logical") + " blocks " + s + ".."
                        + (Math.min(end, reachEnd) - 1));
            }
            if (reach < 0 || end > reachEnd) {
                reach = i;
                reachEnd = end;
            }
        }
    }

    private static long start(Extent e, boolean physical) {
        return physical ? e.physical() : e.logical();
    }

    private static String lastOf(long start, long count) {
        return count - 1 <= Long.MAX_VALUE - start ? Long.toString(start + count - 1) : "...";
    }

    private void checkBoundaries() {
        List<Long> boundaries = layout.file().boundaries();
        for (int i = 0; i < boundaries.size(); i++) {
            logicalBlock("file.boundaries[" + i + "]", boundaries.get(i));
        }
    }

    private void checkMetadata() {
        List<MetadataBlock> metadata = layout.file().metadata();
        Map<Long, Integer> seen = new HashMap<>();
        for (int i = 0; i < metadata.size(); i++) {
            MetadataBlock m = metadata.get(i);
            String path = "file.metadata[" + i + "]";
            diskBlock(path + ".block", m.block());
            Integer earlier = seen.putIfAbsent(m.block(), i);
            if (earlier != null) {
                problems.add(path + ".block: " + m.block() + " is already metadata[" + earlier + "]");
            }
            if (nonNegative(path + ".first", m.first()) && m.first() > m.last()) {
                problems.add(path + ": first " + m.first() + " is greater than last " + m.last());
            }
            if (m.dirty() && !m.cached()) {
                problems.add(path + ".dirty: a dirty metadata block must be cached");
            }
        }
    }

    private void checkAllocator() {
        Layout.Allocator a = layout.file().allocator();
        if (a == null) {
            return;
        }
        diskBlock("file.allocator.next", a.next());
        diskBlock("file.allocator.last", a.last());
        if (a.next() > a.last()) {
            problems.add("file.allocator: next " + a.next() + " is greater than last " + a.last());
        }
    }

    // ---- the page cache ----

    private void checkPageCache() {
        List<PageSpec> cache = layout.pageCache();
        Map<Long, Integer> seen = new HashMap<>();
        for (int i = 0; i < cache.size(); i++) {
            PageSpec p = cache.get(i);
            String path = "pageCache[" + i + "]";
            pageIndex(path + ".index", p.index());
            Integer earlier = seen.putIfAbsent(p.index(), i);
            if (earlier != null) {
                problems.add(path + ".index: page " + p.index() + " is already pageCache[" + earlier + "]");
            }
            flags(path + ".flags", p.flags(), PAGE_FLAGS, "page",
                    "a page locked before the call would never be unlocked (the call locks its pages itself)");
            if (p.buffers() == null) {
                if (p.has("dirty") && !p.has("uptodate")) {
                    problems.add(path + ": a dirty page without buffers must be uptodate (the kernel would BUG)");
                }
                continue;
            }
            if (geometryOk && p.buffers().size() != layout.blocksPerPage()) {
                problems.add(path + ".buffers: has " + p.buffers().size() + " entries, pageSize/blockSize is "
                        + layout.blocksPerPage());
            }
            for (int b = 0; b < p.buffers().size(); b++) {
                Layout.BufferSpec bh = p.buffers().get(b);
                String bpath = path + ".buffers[" + b + "]";
                flags(bpath + ".flags", bh.flags(), BUFFER_FLAGS, "buffer",
                        "a buffer locked before the call would never be unlocked (no other I/O is modelled)");
                if (bh.block() != null) {
                    diskBlock(bpath + ".block", bh.block());
                } else if (bh.has("mapped")) {
                    problems.add(bpath + ": mapped but has no block");
                }
            }
        }
    }

    private void flags(String path, List<String> flags, List<String> allowed, String kind, String whyNotLocked) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < flags.size(); i++) {
            String f = flags.get(i);
            String p = path + "[" + i + "]";
            if ("locked".equals(f) || "lock".equals(f)) {
                problems.add(p + ": \"" + f + "\" is not allowed: " + whyNotLocked);
            } else if (!allowed.contains(f)) {
                problems.add(p + ": \"" + f + "\" is not a " + kind + " flag (one of " + String.join(", ", allowed)
                        + ")");
            } else if (!seen.add(f)) {
                problems.add(p + ": \"" + f + "\" is given twice");
            }
        }
    }

    // ---- get_block, cleancache, faults ----

    private void checkGetBlock() {
        Layout.GetBlockSpec g = layout.getBlock();
        if (g.maxBlocks() < 0) {
            problems.add("getBlock.maxBlocks: " + g.maxBlocks() + " is negative (0 means no limit)");
        }
        for (int i = 0; i < g.uptodate().size(); i++) {
            logicalBlock("getBlock.uptodate[" + i + "]", g.uptodate().get(i));
        }
        Map<Long, Integer> seen = new HashMap<>();
        for (int i = 0; i < g.errors().size(); i++) {
            Layout.GetBlockError e = g.errors().get(i);
            String path = "getBlock.errors[" + i + "]";
            logicalBlock(path + ".logical", e.logical());
            Integer earlier = seen.putIfAbsent(e.logical(), i);
            if (earlier != null) {
                problems.add(path + ".logical: block " + e.logical() + " is already errors[" + earlier + "]");
            }
            if (!ERRNOS.contains(e.errno())) {
                problems.add(path + ".errno: \"" + e.errno() + "\" is not one of " + String.join(", ", ERRNOS));
            }
        }
    }

    private void checkCleancache() {
        for (int i = 0; i < layout.cleancache().size(); i++) {
            pageIndex("cleancache[" + i + "]", layout.cleancache().get(i));
        }
    }

    private void checkFaults() {
        List<Layout.SectorRange> bad = layout.faults().badSectors();
        long sectors = geometryOk && deviceOk
                ? layout.device().blocks() * (layout.geometry().blockSize() / SECTOR_SIZE) : -1;
        for (int i = 0; i < bad.size(); i++) {
            Layout.SectorRange r = bad.get(i);
            String path = "faults.badSectors[" + i + "]";
            boolean ok = nonNegative(path + ".start", r.start());
            if (r.count() < 1) {
                problems.add(path + ".count: " + r.count() + " must be at least 1");
                ok = false;
            }
            if (ok && sectors >= 0 && r.count() > sectors - r.start()) {
                problems.add(path + ": sectors " + r.start() + ".." + lastOf(r.start(), r.count())
                        + " reach past the device (" + sectors + " sectors)");
            }
        }
        List<Integer> failures = layout.faults().bioAllocFailures();
        for (int i = 0; i < failures.size(); i++) {
            if (failures.get(i) < 1) {
                problems.add("faults.bioAllocFailures[" + i + "]: " + failures.get(i)
                        + " must be at least 1 (ordinals count from 1)");
            }
        }
    }

    // ---- the run ----

    private void checkRun() {
        RunSpec run = layout.run();
        if (!OPS.contains(run.op())) {
            problems.add("run.op: \"" + run.op() + "\" is not one of " + String.join(", ", OPS));
            return;
        }
        switch (run.op()) {
            case RunSpec.READPAGES:
                checkReadpages(run);
                break;
            case RunSpec.WRITEPAGES:
                checkSyncMode(run);
                checkWritepagesRange(run);
                break;
            case RunSpec.WRITEPAGE:
                checkSyncMode(run);
                checkTarget(run);
                break;
            default:
                checkTarget(run);
                break;
        }
    }

    private void checkReadpages(RunSpec run) {
        if (run.pages() != null && (run.first() != -1 || run.count() != 0)) {
            problems.add("run: first/count and pages exclude each other");
            return;
        }
        if (run.pages() == null && run.first() == -1) {
            problems.add("run: readpages needs first and count, or pages");
            return;
        }
        boolean listOk = run.pages() != null ? checkPageList(run.pages()) : checkFirstCount(run);
        if (!listOk) {
            return;
        }
        // Readahead allocates fresh pages; one already in the cache is only there if another task raced it in.
        for (int i = 0; i < layout.pageCache().size(); i++) {
            PageSpec p = layout.pageCache().get(i);
            if (!p.alreadyCached() && onReadaheadList(run, p.index())) {
                problems.add("pageCache[" + i + "]: page " + p.index()
                        + " is on the readpages list but not alreadyCached (readahead pages are fresh)");
            }
        }
    }

    private boolean checkPageList(List<Long> pages) {
        if (pages.isEmpty()) {
            problems.add("run.pages: is empty");
            return false;
        }
        boolean ok = true;
        for (int i = 0; i < pages.size(); i++) {
            String path = "run.pages[" + i + "]";
            long page = pages.get(i);
            if (!pageIndex(path, page)) {
                ok = false;
            } else if (i > 0 && page <= pages.get(i - 1)) {
                problems.add(path + ": " + page + " is not above the page before it (" + pages.get(i - 1)
                        + "); pages must be ascending and unique");
                ok = false;
            } else if (ok && sizeOk && geometryOk && page >= pagesInFile()) {
                // Ascending: every later page lies beyond EOF too, so say it once.
                problems.add(path + ": page " + page + " lies wholly beyond EOF " + eofNote());
                return false;
            }
        }
        return ok;
    }

    private boolean checkFirstCount(RunSpec run) {
        boolean ok = pageIndex("run.first", run.first());
        if (run.count() < 1) {
            problems.add("run.count: " + run.count() + " must be at least 1");
            ok = false;
        }
        if (!ok || !sizeOk || !geometryOk) {
            return ok;
        }
        if (run.first() >= pagesInFile()) {
            problems.add("run.first: page " + run.first() + " lies wholly beyond EOF " + eofNote());
            return false;
        }
        if (run.count() > pagesInFile() - run.first()) {
            problems.add("run.count: " + run.count() + " pages from " + run.first() + " reach wholly beyond EOF "
                    + eofNote());
            return false;
        }
        return true;
    }

    private static boolean onReadaheadList(RunSpec run, long index) {
        if (run.pages() != null) {
            return Collections.binarySearch(run.pages(), index) >= 0;
        }
        return index >= run.first() && index - run.first() < run.count();
    }

    private void checkSyncMode(RunSpec run) {
        if (!SYNC_MODES.contains(run.syncMode())) {
            problems.add("run.syncMode: \"" + run.syncMode() + "\" is not one of none, all");
        }
    }

    private void checkWritepagesRange(RunSpec run) {
        boolean startOk = pageIndex("run.rangeStart", run.rangeStart());
        if (run.rangeEnd() != -1) {
            if (run.rangeEnd() < 0) {
                problems.add("run.rangeEnd: " + run.rangeEnd() + " must be -1 (no end) or a page index");
            } else if (pageIndex("run.rangeEnd", run.rangeEnd()) && startOk && run.rangeEnd() < run.rangeStart()) {
                problems.add("run.rangeEnd: " + run.rangeEnd() + " is below rangeStart " + run.rangeStart());
            }
        }
        if (run.nrToWrite() != -1 && run.nrToWrite() < 1) {
            problems.add("run.nrToWrite: " + run.nrToWrite() + " must be at least 1 (leave it out for no limit)");
        }
    }

    /** readpage and writepage work on one page, which must be a page the call may lock. */
    private void checkTarget(RunSpec run) {
        if (!pageIndex("run.index", run.index())) {
            return;
        }
        for (int i = 0; i < layout.pageCache().size(); i++) {
            PageSpec p = layout.pageCache().get(i);
            if (p.index() == run.index() && p.alreadyCached()) {
                problems.add("run.index: page " + run.index() + " is alreadyCached (pageCache[" + i
                        + "]); it cannot be the " + run.op() + " target");
                return;
            }
        }
    }

    // ---- the image ----

    private void checkImage() {
        Path path;
        try {
            path = layout.imagePath();
        } catch (InvalidPathException e) {
            problems.add("device.image: \"" + layout.device().image() + "\" is not a valid path");
            return;
        }
        if (path == null) {
            return;
        }
        long size;
        try {
            size = imageSize(path);
        } catch (IOException e) {
            problems.add(cannotOpen(layout.device().image(), e));
            return;
        }
        if (geometryOk && deviceOk) {
            long have = size / layout.geometry().blockSize();
            if (have < layout.device().blocks()) {
                problems.add("device.image: \"" + layout.device().image() + "\" holds " + have
                        + " blocks, device.blocks is " + layout.device().blocks());
            }
        }
    }

    /** The problem for an image that cannot be opened, naming it as the layout does. */
    static String cannotOpen(String image, IOException e) {
        return "device.image: cannot open \"" + image + "\" (" + reason(e) + ")";
    }

    /** The size in bytes of an image file, opening it to prove it can be read. */
    static long imageSize(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException("is a folder");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return ch.size();
        }
    }

    /** A short reason for an I/O failure, without the path Java puts in most messages. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    // ---- shared checks ----

    private boolean nonNegative(String path, long value) {
        if (value < 0) {
            problems.add(path + ": " + value + " is negative");
            return false;
        }
        return true;
    }

    private void diskBlock(String path, long block) {
        if (nonNegative(path, block) && deviceOk && block >= layout.device().blocks()) {
            problems.add(path + ": " + block + " is not below device.blocks " + layout.device().blocks());
        }
    }

    private void logicalBlock(String path, long block) {
        if (nonNegative(path, block) && geometryOk && block >= logicalLimit()) {
            problems.add(path + ": logical block " + block + " is past the largest file ("
                    + largestFile(logicalLimit(), "blocks") + ")");
        }
    }

    private boolean pageIndex(String path, long index) {
        if (!nonNegative(path, index)) {
            return false;
        }
        if (geometryOk && index >= pageLimit()) {
            problems.add(path + ": page " + index + " is past the largest file (" + largestFile(pageLimit(), "pages")
                    + ")");
            return false;
        }
        return true;
    }

    private long logicalLimit() {
        return MAX_FILE_SIZE / layout.geometry().blockSize();
    }

    private long pageLimit() {
        return MAX_FILE_SIZE / layout.geometry().pageSize();
    }

    private static String largestFile(long limit, String units) {
        return "2^40 bytes, " + units + " 0.." + (limit - 1);
    }

    /** Pages that hold at least one byte of the file. */
    private long pagesInFile() {
        long pageSize = layout.geometry().pageSize();
        return (layout.file().size() + pageSize - 1) / pageSize;
    }

    private String eofNote() {
        long pages = pagesInFile();
        return "(file.size " + layout.file().size() + (pages == 0 ? " holds no page)" : " holds pages 0.." + (pages - 1)
                + ")");
    }
}
