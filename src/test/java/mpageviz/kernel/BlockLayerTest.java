package mpageviz.kernel;

import static mpageviz.testutil.Expected.flags;
import static mpageviz.testutil.Expected.page;
import static mpageviz.testutil.Expected.read;
import static mpageviz.testutil.Expected.readBio;
import static mpageviz.testutil.Expected.vec;
import static mpageviz.testutil.LayoutBuilder.layout;
import static mpageviz.testutil.PageBytes.ofBlocks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.testutil.LayoutBuilder;
import mpageviz.testutil.PageBytes;
import mpageviz.testutil.Runs;
import mpageviz.trace.Event;
import mpageviz.trace.Events;
import mpageviz.trace.Summary;
import mpageviz.trace.Trace;

/**
 * The block layer under mpage (run-model.md "Block layer", kernel-semantics.md §1.5–§1.9): plug merging, the
 * 16-request plug limit, max_sectors refusals, flush order, the insert-time merge, unplugged service and bad
 * sectors. Driven through mpage readpages so that the bios are real ones. Many tests use 4 KiB blocks (one block
 * per page, block b = sectors 8b).
 */
class BlockLayerTest {
    private static final int KB = 1024;
    private static final int PAGE = 4096;

    /** One 4 KiB block per page: page i lives at disk block blocks[i]. */
    private static LayoutBuilder onePagePerBlock(long... blocks) {
        LayoutBuilder b = layout().geometry(PAGE, PAGE).size((long) blocks.length * PAGE)
                .run(RunSpec.readpages(0, blocks.length));
        for (int i = 0; i < blocks.length; i++) {
            b.extent(i, blocks[i], 1);
        }
        return b;
    }

    /** 1 KiB blocks, L0..L7 at 100 with BH_Boundary on L3: page 0's bio is sent alone, page 1's is adjacent. */
    private static LayoutBuilder twoAdjacentBios() {
        return layout().size(8 * KB).extent(0, 100, 8).boundary(3).run(RunSpec.readpages(0, 2));
    }

    private static List<String> mergeKinds(Trace t) {
        List<String> out = new ArrayList<>();
        for (Events.RequestMerge m : Runs.events(t, Events.RequestMerge.class)) {
            out.add(m.where());
        }
        return out;
    }

    // A bio that starts where a plugged request ends is back-merged into it.
    @Test
    void plug_backMerge_joinsAdjacentBiosIntoOneRequest() {
        Trace t = Runs.trace(twoAdjacentBios().build());
        Summary s = t.summary();

        assertEquals(List.of(readBio(200, "boundary", vec(0)), readBio(208, "end-of-call", vec(1))), s.submissions());
        assertEquals(List.of(read(200, 16, "bio", "bio")), s.requests());
        assertEquals(List.of("back"), mergeKinds(t));
    }

    // A bio that ends where a plugged request starts is front-merged; the chain stays in sector order, and each
    // page still gets its own blocks' bytes.
    @Test
    void plug_frontMerge_putsTheLowerBioFirstInTheChain() {
        Layout l = layout().size(8 * KB).extent(0, 104, 4).extent(4, 100, 4).run(RunSpec.readpages(0, 2)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of(readBio(208, "not-contiguous-with-bio", vec(0)), readBio(200, "end-of-call", vec(1))),
                s.submissions());
        assertEquals(List.of(read(200, 16, "bio", "bio")), s.requests());
        assertEquals(List.of("front"), mergeKinds(t));
        assertEquals(List.of(page(0, flags("mappedtodisk", "uptodate"), ofBlocks(104, 105, 106, 107)),
                page(1, flags("mappedtodisk", "uptodate"), ofBlocks(100, 101, 102, 103))), s.pages());
    }

    // With 16 requests plugged, a 17th that cannot merge flushes the plug first. The 18th bio (block 101) would
    // have front-merged into the first request (block 102), but that one has already been served.
    @Test
    void plug_sixteenRequestLimit_flushesThePlugBeforeTheSeventeenth() {
        long[] blocks = new long[18];
        for (int i = 0; i < 16; i++) {
            blocks[i] = 102 + 2 * i;
        }
        blocks[16] = 200;
        blocks[17] = 101;
        Trace t = Runs.trace(onePagePerBlock(blocks).build());
        Summary s = t.summary();

        List<Summary.Request> expected = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            expected.add(read(816 + 16 * i, 8, "bio"));
        }
        expected.add(read(1600, 8, "bio"));
        expected.add(read(808, 8, "bio"));
        assertEquals(expected, s.requests());
        List<Events.PlugFlush> flushes = Runs.events(t, Events.PlugFlush.class);
        assertEquals(List.of("request-limit", "finish-plug"),
                List.of(flushes.get(0).reason(), flushes.get(1).reason()));
        assertEquals(List.of(16, 2), List.of(flushes.get(0).requests(), flushes.get(1).requests()));
    }

    // max_sectors = 24: the bio for pages 2, 3 cannot join request [80, 96) (16 + 16 > 24), which is marked
    // no-merge for good; so page 4's bio (sectors 72..79), which would fit in front of it (8 + 16 = 24), cannot.
    @Test
    void plug_maxSectorsRefusal_marksTheRequestNoMerge() {
        Layout l = layout().geometry(PAGE, PAGE).size(5 * PAGE).extent(0, 10, 4).extent(4, 9, 1).boundary(1)
                .device(4096, 24, 128).run(RunSpec.readpages(0, 5)).build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of(readBio(80, "boundary", vec(0), vec(1)),
                readBio(96, "not-contiguous-with-bio", vec(2), vec(3)), readBio(72, "end-of-call", vec(4))),
                s.submissions());
        assertEquals(List.of(read(80, 16, "bio"), read(96, 16, "bio"), read(72, 8, "bio")), s.requests());
        assertEquals(1, Runs.events(t, Events.RequestNoMerge.class).size());
        assertTrue(mergeKinds(t).isEmpty());
    }

    // max_segments = 2 (one segment per page): bio_get_nr_vecs = 2, bio_alloc rounds the capacity up to 4, yet
    // bio_add_page refuses the third page on segments; the next bio cannot join the 2-segment request either.
    @Test
    void plug_maxSegments_limitsBiosAndMerges() {
        Layout l = layout().size(12 * KB).extent(0, 100, 12).device(4096, 1024, 2).run(RunSpec.readpages(0, 3))
                .build();
        Trace t = Runs.trace(l);
        Summary s = t.summary();

        assertEquals(List.of(readBio(200, "bio-full", vec(0), vec(1)), readBio(216, "end-of-call", vec(2))),
                s.submissions());
        assertEquals(List.of(read(200, 16, "bio"), read(216, 8, "bio")), s.requests());
        Events.BioAlloc a = Runs.events(t, Events.BioAlloc.class).get(0);
        assertEquals(List.of(2, 4), List.of(a.nr(), a.maxVecs()));
        List<String> refusals = new ArrayList<>();
        for (Events.BioAddPage p : Runs.events(t, Events.BioAddPage.class)) {
            if (!p.ok()) {
                refusals.add(p.refusal());
            }
        }
        assertEquals(List.of("max-segments"), refusals);
        assertEquals(1, Runs.events(t, Events.RequestNoMerge.class).size());
    }

    // 3.2–3.6 keep submission order on a single disk at flush...
    @Test
    void flush_withoutSort_keepsSubmissionOrder() {
        Summary s = Runs.summary(onePagePerBlock(20, 10).build());

        assertEquals(List.of(read(160, 8, "bio"), read(80, 8, "bio")), s.requests());
        // Head travel: from the end of the first request (168) back to 80.
        assertEquals(new Summary.Stats(2, 2, 0, 88), s.stats());
    }

    // ...3.8 (sortOnFlush) dispatches the plugged requests in ascending sector order.
    @Test
    void flush_sortOnFlush_dispatchesInSectorOrder() {
        Summary s = Runs.summary(onePagePerBlock(20, 10).blockLayer(true, true, true).build());

        assertEquals(List.of(read(80, 8, "bio"), read(160, 8, "bio")), s.requests());
        assertEquals(new Summary.Stats(2, 2, 0, 72), s.stats());
    }

    // Requests [80, 88) and [96, 104) are plugged; the bio [88, 96) front-merges into the second one, which then
    // ends up adjacent to the first: at flush it is appended onto it. One request reaches the disk.
    @Test
    void flush_insertMerge_joinsAPluggedRequestOntoTheOneBeforeIt() {
        Trace t = Runs.trace(onePagePerBlock(10, 12, 11).build());
        Summary s = t.summary();

        assertEquals(List.of(readBio(80, "not-contiguous-with-bio", vec(0)),
                readBio(96, "not-contiguous-with-bio", vec(1)), readBio(88, "end-of-call", vec(2))), s.submissions());
        assertEquals(List.of(read(80, 24, "bio", "bio", "bio")), s.requests());
        assertEquals(List.of("front"), mergeKinds(t));
        assertEquals(1, Runs.events(t, Events.ElevatorMerge.class).size());
        assertEquals(List.of(page(0, flags("mappedtodisk", "uptodate"), PageBytes.fresh(PAGE, PAGE).blocks(0, 10)),
                page(1, flags("mappedtodisk", "uptodate"), PageBytes.fresh(PAGE, PAGE).blocks(0, 12)),
                page(2, flags("mappedtodisk", "uptodate"), PageBytes.fresh(PAGE, PAGE).blocks(0, 11))), s.pages());
    }

    // A request that refused a merge (REQ_NOMERGE) is not mergeable as the incoming request of an insert-time
    // merge either (attempt_merge checks rq_mergeable on both). Sorted flush: [72,80), [80,96) no-merge, [96,112).
    @Test
    void flush_insertMerge_refusesAnIncomingNoMergeRequest() {
        Layout l = layout().geometry(PAGE, PAGE).size(5 * PAGE).extent(0, 10, 4).extent(4, 9, 1).boundary(1)
                .device(4096, 24, 128).blockLayer(true, true, true).run(RunSpec.readpages(0, 5)).build();
        Summary s = Runs.summary(l);

        assertEquals(List.of(read(72, 8, "bio"), read(80, 16, "bio"), read(96, 16, "bio")), s.requests());
    }

    // Unplugged: each bio is its own request, served inside submit_bio, so adjacent bios do not merge and the
    // first bio's pages are done before mpage looks at the next page.
    @Test
    void unplugged_eachBioIsServedAtOnce() {
        Trace t = Runs.trace(twoAdjacentBios().blockLayer(false, true, false).build());
        Summary s = t.summary();

        assertEquals(List.of(read(200, 8, "bio"), read(208, 8, "bio")), s.requests());
        List<Event> ev = t.events();
        int served = Runs.indexOf(ev, 0, Events.RequestServe.class, r -> r.sector() == 200);
        int page1 = Runs.indexOf(ev, 0, Events.PageBegin.class, p -> p.page() == 1);
        int page0Done = Runs.indexOf(ev, 0, Events.PageFlags.class,
                p -> p.page() == 0 && (p.set() & PageFlag.UPTODATE.bit()) != 0);
        assertTrue(served >= 0 && served < page0Done && page0Done < page1);
    }

    // merge = false: adjacent bios stay separate requests, in the plug and at flush.
    @Test
    void mergeOff_adjacentBiosAreNotMerged() {
        Trace t = Runs.trace(onePagePerBlock(10, 12, 11).blockLayer(true, false, false).build());

        assertEquals(List.of(read(80, 8, "bio"), read(96, 8, "bio"), read(88, 8, "bio")), t.summary().requests());
        assertTrue(Runs.events(t, Events.RequestMerge.class).isEmpty());
        assertTrue(Runs.events(t, Events.ElevatorMerge.class).isEmpty());
    }

    // A bad sector under page 1's bio fails that bio only, although it shares a request with page 0's bio.
    @Test
    void badSector_failsTheWholeBioButNotTheOtherBiosOfTheRequest() {
        Summary s = Runs.summary(twoAdjacentBios().badSectors(214, 1).build());

        assertEquals(List.of(read(200, 16, "bio", "bio")), s.requests());
        assertEquals(List.of(page(0, flags("mappedtodisk", "uptodate"), ofBlocks(100, 101, 102, 103)),
                page(1, flags("error", "mappedtodisk"), PageBytes.fresh(PAGE, KB))), s.pages());
    }
}
