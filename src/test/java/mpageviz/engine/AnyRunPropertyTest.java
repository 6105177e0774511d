package mpageviz.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import mpageviz.layout.Layout;
import mpageviz.testutil.PropertyChecks;
import mpageviz.testutil.RandomLayouts;
import mpageviz.testutil.Traces;
import mpageviz.trace.Summary;

/**
 * Any valid layout, faults and all, runs to the end without a kernel BUG or any other exception, and leaves no
 * page locked; a page under writeback afterwards was already under writeback before the call (and skipped by
 * WB_SYNC_NONE), since the disk serves every request by the time the plug is finished.
 */
class AnyRunPropertyTest {

    @Provide
    Arbitrary<Layout> layouts() {
        return RandomLayouts.any();
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void everyRunEndsCleanly(@ForAll("layouts") Layout layout) throws Exception {
        PropertyChecks.about(layout, () -> {
            Runner.Result r = Runner.run(layout, Runner.Options.quiet());
            Traces.deleteCopy(r);
            Summary s = r.summary();
            Statistics.label("op/ret").collect(layout.run().op() + " " + r.ret());
            for (Summary.PageResult p : s.pages()) {
                assertFalse(p.flags().contains("locked"), "page " + p.index() + " left locked");
                if (p.flags().contains("writeback")) {
                    Layout.PageSpec spec = layout.pageSpec(p.index());
                    assertTrue(spec != null && spec.has("writeback") && "none".equals(layout.run().syncMode()),
                            "page " + p.index() + " left under writeback");
                }
            }
        });
    }
}
