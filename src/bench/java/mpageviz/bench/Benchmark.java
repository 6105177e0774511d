package mpageviz.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import mpageviz.engine.Runner;
import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.layout.SyntheticImage;
import mpageviz.trace.Probe;
import mpageviz.trace.Trace;
import mpageviz.trace.TraceFile;
import mpageviz.view.RunHistory;

/**
 * The engine benchmark of issue 2, measured side by side in one run on a real image file (default 1 GiB):
 * readpages of the whole file with tracing off against a plain sequential FileChannel read of the same bytes;
 * the same run fully traced (events per second, bytes held per event); trace export and import; and the time to
 * seek to a random step of that trace against a 10k-event trace. Not a test: figures go in the README.
 *
 * <p>Run: {@code mvn -q -Pbench verify} (or with {@code -Dbench.mib=256} for a smaller image).
 */
public final class Benchmark {
    private static final int PAGE = 4096;

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mib = Integer.parseInt(System.getProperty("bench.mib", "1024"));
        Path dir = Files.createTempDirectory("mpageviz-bench-");
        Path image = dir.resolve("image.img");
        long blocks = (long) mib * 1024 * 1024 / PAGE;
        System.out.printf(Locale.ROOT, "mpage-visualizer benchmark: %d MiB image, %d pages of 4 KiB, Java %s, %d cores%n",
                mib, blocks, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        try {
            long t0 = System.nanoTime();
            SyntheticImage.write(image, blocks, PAGE);
            System.out.printf(Locale.ROOT, "  image written in %.1f s%n", secs(System.nanoTime() - t0));
            Layout big = contiguous(image, blocks);

            // 1. engine (no probe) vs plain read, alternating, best of 3 each
            double plain = Double.MAX_VALUE;
            double plainFresh = Double.MAX_VALUE;
            double engine = Double.MAX_VALUE;
            double summary = Double.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                plain = Math.min(plain, plainRead(image, false));
                plainFresh = Math.min(plainFresh, plainRead(image, true));
                long t = System.nanoTime();
                Runner.Result r = Runner.run(big, new Runner.Options(Probe.OFF, null, false));
                engine = Math.min(engine, secs(System.nanoTime() - t));
                t = System.nanoTime();
                r.summary();
                summary = Math.min(summary, secs(System.nanoTime() - t));
            }
            double mb = mib * 1.048576;
            System.out.printf(Locale.ROOT, "  plain FileChannel read, one 1 MiB buffer:   %.3f s  (%.0f MB/s)%n", plain,
                    mb / plain);
            System.out.printf(Locale.ROOT, "  plain FileChannel read into fresh memory:   %.3f s  (%.0f MB/s)%n", plainFresh,
                    mb / plainFresh);
            System.out.printf(Locale.ROOT, "  readpages, probe off:        %.3f s  (%.0f MB/s)  ratio %.2fx of the 1 MiB-buffer "
                    + "read, %.2fx of the fresh-memory read (goal >= 0.7x)%n", engine, mb / engine, plain / engine,
                    plainFresh / engine);
            System.out.printf(Locale.ROOT, "  summary of that run (SHA-256 of every page): %.3f s more%n", summary);

            // 2. fully traced
            System.gc();
            long heapBefore = usedHeap();
            long t = System.nanoTime();
            Trace trace = new Trace(big);
            Runner.Result tracedRun = Runner.run(big, Runner.Options.traced(trace));
            double traced = secs(System.nanoTime() - t);
            tracedRun = null;
            System.gc();
            long held = usedHeap() - heapBefore;
            int events = trace.publishedSize();
            System.out.printf(Locale.ROOT, "  readpages, traced:           %.3f s, %d events, %.2f M events/s (goal >= 2), "
                    + "%.1f bytes held per event (goal <= 64)%n", traced, events, events / traced / 1e6,
                    (double) held / events);

            // 3. export and import (three times each, the best reported: the first pass also warms the JIT)
            Path file = dir.resolve("big.trace.json");
            double export = Double.MAX_VALUE;
            long exportGrowth = 0;
            for (int i = 0; i < 3; i++) {
                System.gc();
                long heapExport = usedHeap();
                t = System.nanoTime();
                TraceFile.save(trace, file);
                export = Math.min(export, secs(System.nanoTime() - t));
                System.gc();
                exportGrowth = Math.max(exportGrowth, usedHeap() - heapExport);
            }
            long size = Files.size(file);
            System.out.printf(Locale.ROOT, "  export:                      %.2f s, %.0f MB file, %.0f MB/s (goal >= 100), "
                    + "heap retained after export %.1f MB%n", export, size / 1e6, size / 1e6 / export,
                    exportGrowth / 1e6);
            trace = null;
            Trace back = null;
            double imp = Double.MAX_VALUE;
            long importHeld = 0;
            for (int i = 0; i < 3; i++) {
                back = null;
                System.gc();
                long heapImport = usedHeap();
                t = System.nanoTime();
                back = TraceFile.load(file);
                imp = Math.min(imp, secs(System.nanoTime() - t));
                System.gc();
                importHeld = usedHeap() - heapImport;
            }
            System.out.printf(Locale.ROOT, "  import:                      %.2f s, %.0f MB/s (goal >= 100), heap %.1f MB for "
                    + "the %d events read (%.1f bytes/event)%n", imp, size / 1e6 / imp, importHeld / 1e6,
                    back.publishedSize(), (double) importHeld / back.publishedSize());
            Files.delete(file);

            // 4. seek: random steps in the big trace vs a 10k-event trace
            RunHistory bigHistory = new RunHistory(back);
            t = System.nanoTime();
            bigHistory.extendTo(back.publishedSize());
            double build = secs(System.nanoTime() - t);
            Trace small = smallTrace(image);
            RunHistory smallHistory = new RunHistory(small);
            smallHistory.extendTo(small.publishedSize());
            double bigSeek = seek(bigHistory, 400);
            double smallSeek = seek(smallHistory, 400);
            bigSeek = Math.min(bigSeek, seek(bigHistory, 400));
            smallSeek = Math.min(smallSeek, seek(smallHistory, 400));
            System.out.printf(Locale.ROOT, "  seek history:                built in %.2f s over %d events, %d snapshots%n",
                    build, back.publishedSize(), bigHistory.snapshotCount());
            System.out.printf(Locale.ROOT, "  seek to a random step:       %.1f us in %d events vs %.1f us in %d events: "
                    + "ratio %.2fx (goal <= 2x)%n", bigSeek * 1e6, back.publishedSize(), smallSeek * 1e6,
                    small.publishedSize(), bigSeek / smallSeek);
        } finally {
            Files.deleteIfExists(image);
            Files.deleteIfExists(dir);
        }
    }

    private static Layout contiguous(Path image, long blocks) {
        return new Layout("bench: contiguous file", "", new Layout.Geometry(PAGE, PAGE),
                new Layout.FileMap(blocks * PAGE, List.of(new Layout.Extent(0, 0, blocks)), List.of(), List.of(),
                        null),
                new Layout.Device(blocks, 1024, 128, image.toString()), List.of(),
                new Layout.GetBlockSpec(0, List.of(), List.of()), List.of(), new Layout.Faults(List.of(), List.of()),
                new Layout.BlockLayerSpec(true, true, false), new Layout.MemorySpec(false),
                RunSpec.readpages(0, blocks), null);
    }

    /** A run of about 10k events: the same contiguous read over fewer pages. */
    private static Trace smallTrace(Path image) throws IOException {
        long pages = 1000;
        Trace t = Runner.trace(contiguous(image, pages).withDevice(new Layout.Device(pages, 1024, 128,
                image.toString())));
        while (t.publishedSize() < 10_000) {
            pages += 100;
            t = Runner.trace(contiguous(image, pages).withDevice(new Layout.Device(pages, 1024, 128,
                    image.toString())));
        }
        return t;
    }

    private static double seek(RunHistory h, int n) {
        Random r = new Random(42);
        long sink = 0;
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += h.stateAt(r.nextInt(h.size() + 1)).step();
        }
        double per = secs(System.nanoTime() - t) / n;
        if (sink == 42) {
            System.out.print("");
        }
        return per;
    }

    /** Reads the image sequentially, 1 MiB at a time, into one buffer or into fresh memory (as pages are). */
    private static double plainRead(Path image, boolean fresh) throws IOException {
        long t = System.nanoTime();
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        List<ByteBuffer> kept = new java.util.ArrayList<>();
        long total = 0;
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            int n;
            while ((n = ch.read(buf)) > 0) {
                total += n;
                if (fresh) {
                    kept.add(buf);
                    buf = ByteBuffer.allocate(1 << 20);
                } else {
                    buf.clear();
                }
            }
        }
        if (total == 0) {
            throw new IOException("empty image");
        }
        return secs(System.nanoTime() - t);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }
}
