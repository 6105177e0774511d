package mpageviz.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.testutil.LayoutBuilder;
import mpageviz.trace.Summary;

/**
 * The worked example in mpage.c's comment on BH_Boundary (reference lines 345–363): an ext2 file with 1 KiB
 * blocks whose direct blocks 0..11 sit at G..G+11, the indirect block at G+12 and blocks 12..15 at G+13..G+16.
 */
class BoundaryExampleTest {
    private static final long G = 200;

    private static Layout example(boolean boundary) {
        LayoutBuilder b = LayoutBuilder.layout().geometry(4096, 1024).size(16 * 1024)
                .extent(0, G, 12).extent(12, G + 13, 4)
                .metadata(G + 12, 12, 267, false, false)
                .run(RunSpec.readpages(0, 4));
        if (boundary) {
            b.boundary(11);
        }
        return b.build();
    }

    /** Disk blocks in the order the disk served them (1 KiB blocks = 2 sectors). */
    private static List<Long> diskOrder(Summary s) {
        List<Long> out = new ArrayList<>();
        for (Summary.Request r : s.requests()) {
            for (long sec = r.sector(); sec < r.sector() + r.sectors(); sec += 2) {
                out.add(sec / 2 - G);
            }
        }
        return out;
    }

    @Test
    void withBoundary_dataBioIsQueuedBeforeTheIndirectRead() throws Exception {
        Summary s = Runner.run(example(true), Runner.Options.quiet()).summary();
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L),
                diskOrder(s));
        // The indirect read merged behind the boundary bio: one request [G..G+12], then [G+13..G+16].
        assertEquals(2, s.requests().size());
        assertEquals(List.of("bio", "meta"), s.requests().get(0).from());
        assertEquals("boundary", s.submissions().get(0).reason());
        assertEquals(List.of(new Summary.Vec(0, 4096), new Summary.Vec(1, 4096), new Summary.Vec(2, 4096)),
                s.submissions().get(0).vecs());
        assertEquals("meta", s.submissions().get(1).kind());
        assertEquals("end-of-call", s.submissions().get(2).reason());
    }

    @Test
    void withoutBoundary_theIndirectBlockIsReadFirst() throws Exception {
        Summary s = Runner.run(example(false), Runner.Options.quiet()).summary();
        assertEquals(List.of(12L, 0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 13L, 14L, 15L, 16L),
                diskOrder(s));
        assertEquals(3, s.requests().size());
        assertEquals("meta", s.submissions().get(0).kind());
        assertEquals("not-contiguous-with-bio", s.submissions().get(1).reason());
    }
}
