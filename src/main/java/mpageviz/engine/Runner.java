package mpageviz.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import mpageviz.kernel.BhState;
import mpageviz.kernel.BlockDevice;
import mpageviz.kernel.Cleancache;
import mpageviz.kernel.Errno;
import mpageviz.kernel.Kernel;
import mpageviz.kernel.Page;
import mpageviz.kernel.PageFlag;
import mpageviz.kernel.Writeback;
import mpageviz.kernel.WritebackControl;
import mpageviz.layout.Layout;
import mpageviz.layout.LayoutGetBlock;
import mpageviz.layout.RunSpec;
import mpageviz.layout.SyntheticImage;
import mpageviz.trace.Probe;
import mpageviz.trace.Summary;
import mpageviz.trace.Trace;

/**
 * Runs one layout: builds the kernel the layout describes on its image, makes the call (run-model.md, "Calls")
 * and returns the summary. The one way every front end (GUI, command line, tests, benchmarks) runs the engine.
 */
public final class Runner {

    /** How to run: where events go, which image to use instead of the layout's, whether writes may touch it. */
    public record Options(Probe probe, Path image, boolean inPlace) {
        public static Options quiet() {
            return new Options(Probe.OFF, null, false);
        }

        public static Options traced(Trace trace) {
            return new Options(trace, null, false);
        }
    }

    /**
     * The outcome of a run. {@code image} is the file the run did its I/O on; {@code imageCopy} says it is a copy
     * made for a write run (the user's image is untouched); synthetic images are deleted after the run and give
     * a null path. The summary is built on first use: hashing every page is the costliest part of a big run.
     */
    public static final class Result {
        private Kernel kernel;
        private Summary summary;
        private final int ret;
        private final Path image;
        private final boolean imageCopy;

        Result(Kernel kernel, int ret, Path image, boolean imageCopy) {
            this.kernel = kernel;
            this.ret = ret;
            this.image = image;
            this.imageCopy = imageCopy;
        }

        public synchronized Summary summary() {
            if (summary == null) {
                summary = new Summary(kernel.recorder.submissions(), kernel.recorder.requests(), pageResults(kernel),
                        kernel.recorder.stats());
                kernel = null;
            }
            return summary;
        }

        /** What the call returned (0 or a negative errno). */
        public int ret() {
            return ret;
        }

        public Path image() {
            return image;
        }

        public boolean imageCopy() {
            return imageCopy;
        }
    }

    private Runner() {
    }

    /** Runs with tracing into a new Trace and returns it, its summary set. */
    public static Trace trace(Layout layout) throws IOException {
        Trace trace = new Trace(layout);
        Result r = run(layout, Options.traced(trace));
        trace.setSummary(r.summary());
        if (r.imageCopy()) {
            Files.deleteIfExists(r.image()); // nobody can reach the copy through a trace
        }
        return trace;
    }

    public static Result run(Layout layout, Options options) throws IOException {
        Layout.Geometry g = layout.geometry();
        boolean write = layout.run().isWrite();
        Path image;
        boolean synthetic = false;
        boolean copy = false;
        Path given = options.image() != null ? options.image() : layout.imagePath();
        if (given == null) {
            image = SyntheticImage.create(layout.device().blocks(), g.blockSize());
            synthetic = true;
        } else if (write && !options.inPlace()) {
            image = Files.createTempFile("mpageviz-copy-", ".img");
            Files.copy(given, image, StandardCopyOption.REPLACE_EXISTING);
            copy = true;
        } else {
            image = given;
        }
        try (BlockDevice bdev = new BlockDevice(image, g.blockSize(), layout.device().blocks(), write)) {
            Kernel k = setUp(layout, options.probe(), bdev);
            int ret = call(k, layout);
            return new Result(k, ret, synthetic ? null : image, copy);
        } finally {
            if (synthetic) {
                Files.deleteIfExists(image);
            }
        }
    }

    /** The kernel as the layout says it stands before the call. Nothing here is traced. */
    static Kernel setUp(Layout layout, Probe probe, BlockDevice bdev) {
        Layout.Geometry g = layout.geometry();
        Kernel.Settings s = new Kernel.Settings(g.pageSize(), g.blockSize(), layout.file().size(),
                layout.device().maxSectors(), layout.device().maxSegments(), layout.blockLayer().plug(),
                layout.blockLayer().merge(), layout.blockLayer().sortOnFlush(),
                layout.memory().bufferHeadsOverLimit(), layout.run().memalloc());
        for (Layout.SectorRange r : layout.faults().badSectors()) {
            bdev.addBadSectors(r.start(), r.count());
        }
        Kernel k = new Kernel(probe, s, bdev);
        for (int ordinal : layout.faults().bioAllocFailures()) {
            k.failBioAlloc(ordinal);
        }
        for (Layout.PageSpec spec : layout.pageCache()) {
            Page p = k.addCachedPage(spec.index(), PageFlag.bits(spec.flags()));
            p.fill(SyntheticImage.pageStamp(spec.index(), g.pageSize()));
            if (spec.buffers() != null) {
                int n = spec.buffers().size();
                int[] states = new int[n];
                long[] blocks = new long[n];
                for (int i = 0; i < n; i++) {
                    Layout.BufferSpec b = spec.buffers().get(i);
                    states[i] = BhState.bits(b.flags());
                    blocks[i] = b.block() == null ? -1 : b.block();
                }
                k.setupBuffers(p, states, blocks);
            }
        }
        for (Layout.MetadataBlock md : layout.file().metadata()) {
            if (md.cached()) {
                k.bdevCache.preload(md.block(), md.dirty());
            }
        }
        return k;
    }

    /** Makes the call the layout names, as its kernel caller would (run-model.md, "Calls"). */
    static int call(Kernel k, Layout layout) {
        LayoutGetBlock getBlock = new LayoutGetBlock(k, layout);
        if (!layout.cleancache().isEmpty()) {
            k.setCleancache(new Cleancache(k, new HashSet<>(layout.cleancache()),
                    index -> getBlock.physical(index << (k.pageShift - k.blkbits))));
        }
        MPage mpage = new MPage(k, getBlock);
        RunSpec run = layout.run();
        switch (run.op()) {
            case RunSpec.READPAGES:
                return readpages(k, mpage, run);
            case RunSpec.READPAGE:
                return readpage(k, mpage, run);
            case RunSpec.WRITEPAGES:
                return writepages(k, mpage, run);
            case RunSpec.WRITEPAGE:
                return writepage(k, mpage, run);
            default:
                throw new IllegalArgumentException("run.op: unknown operation " + run.op());
        }
    }

    /** read_pages: readahead's fresh pages, ascending, handed to mpage_readpages inside a plug. */
    private static int readpages(Kernel k, MPage mpage, RunSpec run) {
        List<Page> pages = new ArrayList<>();
        for (long index : run.readaheadPages()) {
            pages.add(k.allocPage("__do_page_cache_readahead", index));
        }
        k.blockLayer.startPlug();
        int ret = mpage.readpages(pages);
        k.blockLayer.finishPlug();
        return ret;
    }

    /** The cached page (or a fresh one added to the cache), locked, through mpage_readpage, inside a plug. */
    private static int readpage(Kernel k, MPage mpage, RunSpec run) {
        k.blockLayer.startPlug();
        Page page = k.mapping.find(run.index());
        if (page == null) {
            page = k.allocPage("page_cache_alloc_cold", run.index());
            k.mapping.addToPageCacheLru(page);
        } else {
            page.lock("lock_page");
        }
        int ret = mpage.readpage(page);
        k.blockLayer.finishPlug();
        return ret;
    }

    /** mpage_writepages with the writeback_control the layout describes (it plugs by itself). */
    private static int writepages(Kernel k, MPage mpage, RunSpec run) {
        WritebackControl wbc = control(k, run);
        if (run.rangeCyclic()) {
            k.mapping.writebackIndex = run.rangeStart();
        }
        return mpage.writepages(wbc);
    }

    private static WritebackControl control(Kernel k, RunSpec run) {
        long rangeStart = run.rangeStart() << k.pageShift;
        long rangeEnd = run.rangeEnd() < 0 ? WritebackControl.LLONG_MAX
                : ((run.rangeEnd() + 1) << k.pageShift) - 1;
        long nrToWrite = run.nrToWrite() < 0 ? Long.MAX_VALUE : run.nrToWrite();
        return new WritebackControl("all".equals(run.syncMode()), nrToWrite, rangeStart, rangeEnd,
                run.rangeCyclic());
    }

    /**
     * A single-page writeback as a VM caller does it: lock, wait for (or give up on) writeback, clear the dirty
     * bit, mpage_writepage, and on -EAGAIN the mapping's writepage. All inside a plug.
     */
    private static int writepage(Kernel k, MPage mpage, RunSpec run) {
        String fn = "write_one_page";
        WritebackControl wbc = control(k, run);
        k.blockLayer.startPlug();
        Page page = k.mapping.find(run.index());
        if (page == null) {
            page = k.allocPage("page_cache_alloc", run.index());
            k.mapping.addToPageCacheLru(page);
        } else {
            page.lock("lock_page");
        }
        int ret = 0;
        boolean go = true;
        if (page.has(PageFlag.WRITEBACK)) {
            if (wbc.syncAll()) {
                new Writeback(k).waitOnPageWriteback(page);
            } else {
                page.unlock(fn);
                go = false;
            }
        }
        if (go && !Writeback.clearPageDirtyForIo(page)) {
            page.unlock(fn);
            go = false;
        }
        if (go) {
            ret = mpage.writepage(page, wbc);
            if (ret == -Errno.EAGAIN) {
                ret = mpage.mappingWritepage(page, wbc, mpage.lastConfusedReason());
            }
        }
        k.blockLayer.finishPlug();
        return ret;
    }

    private static List<Summary.PageResult> pageResults(Kernel k) {
        List<Summary.PageResult> out = new ArrayList<>();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Page p : k.touchedPages()) {
            out.add(new Summary.PageResult(p.index, PageFlag.names(p.flags()), hex(digest(sha, p))));
        }
        return out;
    }

    private static byte[] digest(MessageDigest sha, Page p) {
        sha.update(p.data, p.base, p.size());
        return sha.digest();
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }

}
