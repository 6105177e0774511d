package mpageviz.engine;

import static mpageviz.testutil.LayoutBuilder.layout;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.layout.SyntheticImage;
import mpageviz.testutil.LayoutBuilder;
import mpageviz.testutil.PageBytes;
import mpageviz.testutil.Runs;
import mpageviz.trace.Events;
import mpageviz.trace.Summary;
import mpageviz.trace.Trace;

/**
 * Whatever path mpage takes (bio, fallback, hole, cleancache, get_block copy, split bios, failed allocations,
 * any block-layer setting), the data must come out right: a read leaves each page holding its blocks (zeros for
 * holes and past EOF) and reads each data block at most once; a write puts each dirty page's blocks on disk and
 * changes nothing else. Layouts are random, from a seed (a failure names it).
 */
class RunContentsPropertyTest {
    private static final int PAGE = 4096;

    /** A random file: block size, pages, i_size, and where each logical block lives (-1: hole). */
    private static final class Shape {
        final int bs;
        final int bpp;
        final int pages;
        final long size;
        final long[] phys;
        long cursor = 64;
        final LayoutBuilder b;

        Shape(Random r) {
            bs = pick(r, 512, 1024, 2048, 4096);
            bpp = PAGE / bs;
            pages = 1 + r.nextInt(24);
            size = (long) (pages - 1) * PAGE + 1 + r.nextInt(PAGE);
            phys = new long[pages * bpp];
            Arrays.fill(phys, -1);
            b = layout().geometry(PAGE, bs).size(size);
            List<long[]> runs = new ArrayList<>();
            int logical = 0;
            while (logical < phys.length) {
                int len = Math.min(1 + r.nextInt(6), phys.length - logical);
                if (r.nextInt(4) != 0) {
                    runs.add(new long[] {logical, len});
                }
                logical += len;
            }
            // Runs go to disk in a random order, often back to back, so runs touch in either direction.
            Collections.shuffle(runs, r);
            for (long[] run : runs) {
                b.extent(run[0], cursor, run[1]);
                for (int k = 0; k < run[1]; k++) {
                    phys[(int) run[0] + k] = cursor + k;
                }
                cursor += run[1] + (r.nextBoolean() ? 0 : 1 + r.nextInt(3));
            }
            for (int l = 0; l < phys.length; l++) {
                if (r.nextInt(12) == 0) {
                    b.boundary(l);
                }
            }
        }

        /** Random queue limits, plugging, merging, allocation failures and PF_MEMALLOC. */
        RunSpec blockLayerAndFaults(Random r, RunSpec run, long deviceBlocks) {
            b.device(deviceBlocks, pick(r, 8, 16, 24, 64, 255, 1024), pick(r, 1, 2, 3, 128));
            b.blockLayer(r.nextInt(4) != 0, r.nextInt(4) != 0, r.nextBoolean());
            if (r.nextInt(3) == 0) {
                b.bioAllocFailure(1 + r.nextInt(3), 2 + r.nextInt(6));
            }
            return run.withMemalloc(r.nextBoolean());
        }
    }

    private static int pick(Random r, int... values) {
        return values[r.nextInt(values.length)];
    }

    @Property(tries = 400)
    void readpages_everyPageHoldsItsBlocksAndEachBlockIsReadAtMostOnce(@ForAll long seed) {
        Random r = new Random(seed);
        Shape f = new Shape(r);
        if (r.nextInt(3) == 0) {
            long first = r.nextInt(f.phys.length);
            f.b.metadata(f.cursor++, first, first + r.nextInt(f.phys.length), false, false);
        }
        f.b.maxBlocks(pick(r, 0, 0, 0, 1, 2, 3, 5));
        Set<Long> uptodate = new HashSet<>();
        for (int l = 0; l < f.phys.length; l++) {
            if (f.phys[l] >= 0 && r.nextInt(20) == 0) {
                uptodate.add((long) l);
                f.b.uptodate(l);
            }
        }
        Set<Long> cleancache = new HashSet<>();
        List<Long> list = new ArrayList<>();
        Set<Long> skipped = new HashSet<>();
        for (long p = 0; p < f.pages; p++) {
            if (f.bs == PAGE && r.nextInt(6) == 0) {
                cleancache.add(p);
                f.b.cleancache(p);
            }
            if (list.isEmpty() && p == f.pages - 1 || r.nextInt(5) != 0) {
                list.add(p);
                if (r.nextInt(10) == 0) {
                    skipped.add(p);
                    f.b.alreadyCached(p);
                }
            }
        }
        f.b.run(f.blockLayerAndFaults(r, RunSpec.readpages(list), f.cursor + 16));
        Layout l = f.b.build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        long blocksInFile = (f.size + f.bs - 1) / f.bs;
        Set<Long> mayRead = new HashSet<>();
        Set<Long> mustRead = new HashSet<>();
        List<Long> listed = new ArrayList<>();
        Map<Long, Summary.PageResult> pages = new HashMap<>();
        for (Summary.PageResult p : s.pages()) {
            pages.put(p.index(), p);
            listed.add(p.index());
        }
        List<Long> expectedListed = new ArrayList<>(list);
        expectedListed.removeAll(skipped);
        assertEquals(expectedListed, listed, "seed " + seed);
        for (long p : expectedListed) {
            PageBytes expected = PageBytes.fresh(PAGE, f.bs);
            for (int i = 0; i < f.bpp; i++) {
                long logical = p * f.bpp + i;
                if (logical < blocksInFile && f.phys[(int) logical] >= 0) {
                    long block = f.phys[(int) logical];
                    expected.blocks(i, block);
                    if (!cleancache.contains(p)) {
                        mayRead.add(block);
                        if (!uptodate.contains(logical)) {
                            mustRead.add(block);
                        }
                    }
                }
            }
            Summary.PageResult got = pages.get(p);
            assertEquals(expected.sha256(), got.sha256(), "bytes of page " + p + ", seed " + seed);
            assertTrue(got.flags().contains("uptodate"), "page " + p + " uptodate, seed " + seed);
            assertFalse(got.flags().contains("error"), "page " + p + " error, seed " + seed);
            assertFalse(got.flags().contains("locked"), "page " + p + " locked, seed " + seed);
        }
        Map<Long, Integer> reads = new HashMap<>();
        long submitted = 0;
        for (Events.BioSubmit b : Runs.events(t, Events.BioSubmit.class)) {
            submitted += b.sectors();
            if (!"meta".equals(b.source())) {
                long first = b.sector() * 512 / f.bs;
                for (long blk = first; blk < first + (long) b.sectors() * 512 / f.bs; blk++) {
                    reads.merge(blk, 1, Integer::sum);
                }
            }
        }
        for (Map.Entry<Long, Integer> e : reads.entrySet()) {
            assertEquals(1, e.getValue(), "block " + e.getKey() + " read once, seed " + seed);
            assertTrue(mayRead.contains(e.getKey()), "block " + e.getKey() + " not expected, seed " + seed);
        }
        assertTrue(reads.keySet().containsAll(mustRead), "all data blocks read, seed " + seed);
        long served = 0;
        for (Summary.Request q : s.requests()) {
            served += q.sectors();
        }
        assertEquals(submitted, served, "every submitted sector served once, seed " + seed);
    }

    @Property(tries = 250)
    void writepages_diskGetsEveryDirtyPageAndNothingElse(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        Shape f = new Shape(r);
        long allocFirst = f.cursor;
        long allocLast = allocFirst + f.phys.length + 8;
        f.b.allocator(allocFirst, allocLast);
        long deviceBlocks = allocLast + 16;
        if (r.nextInt(3) == 0) {
            long first = r.nextInt(f.phys.length);
            f.b.metadata(allocLast + 1 + r.nextInt(8), first, first + r.nextInt(f.phys.length), true, true);
        }
        List<Long> dirty = new ArrayList<>();
        for (long p = 0; p < f.pages; p++) {
            int kind = r.nextInt(10);
            if (kind < 7) {
                dirty.add(p);
                f.b.page(p, "uptodate", "dirty");
            } else if (kind < 9) {
                f.b.page(p, "uptodate");
            }
        }
        String sync = r.nextBoolean() ? "all" : "none";
        f.b.run(f.blockLayerAndFaults(r, Runs.writepagesAll(sync), deviceBlocks));
        Path image = Files.createTempFile("mpageviz-prop-", ".img");
        Path copy = null;
        try {
            SyntheticImage.write(image, deviceBlocks, f.bs);
            byte[] original = Files.readAllBytes(image);
            Layout l = f.b.image(image.toString(), deviceBlocks).build();
            Trace t = new Trace(l);
            Runner.Result res = Runner.run(l, new Runner.Options(t, null, false));
            copy = res.image();
            Summary s = res.summary();

            Map<Long, Long> allocated = new HashMap<>();
            for (Events.GetBlock g : Runs.events(t, Events.GetBlock.class)) {
                if (g.create() && g.ret() == 0 && (g.state() & mpageviz.kernel.BhState.NEW.bit()) != 0) {
                    allocated.putIfAbsent(g.logical(), g.block());
                }
            }
            byte[] expectedImage = original.clone();
            long lastBlock = (f.size - 1) / f.bs;
            List<Long> listed = new ArrayList<>();
            for (Summary.PageResult p : s.pages()) {
                listed.add(p.index());
            }
            assertEquals(dirty, listed, "pages written, seed " + seed);
            for (Summary.PageResult got : s.pages()) {
                long p = got.index();
                PageBytes bytes = PageBytes.cached(p, PAGE, f.bs);
                if (p == f.size / PAGE && f.size % PAGE != 0) {
                    bytes.zeroFrom((int) (f.size % PAGE));
                }
                assertEquals(List.of("uptodate"), got.flags(), "flags of page " + p + ", seed " + seed);
                assertEquals(bytes.sha256(), got.sha256(), "bytes of page " + p + ", seed " + seed);
                for (int i = 0; i < f.bpp; i++) {
                    long logical = p * f.bpp + i;
                    if (logical > lastBlock) {
                        continue;
                    }
                    Long block = f.phys[(int) logical] >= 0 ? Long.valueOf(f.phys[(int) logical])
                            : allocated.get(logical);
                    assertTrue(block != null, "L" + logical + " mapped, seed " + seed);
                    System.arraycopy(bytes.range(i * f.bs, f.bs), 0, expectedImage, (int) (block * f.bs), f.bs);
                }
            }
            byte[] actual = Files.readAllBytes(copy);
            for (long blk = 0; blk < deviceBlocks; blk++) {
                int from = (int) (blk * f.bs);
                assertArrayEquals(Arrays.copyOfRange(expectedImage, from, from + f.bs),
                        Arrays.copyOfRange(actual, from, from + f.bs), "disk block " + blk + ", seed " + seed);
            }
            assertArrayEquals(original, Files.readAllBytes(image), "user image untouched, seed " + seed);
        } finally {
            Files.deleteIfExists(image);
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
        }
    }

}
