package mpageviz.ui.canvas;

import static mpageviz.ui.FxToolkitExtension.call;
import static mpageviz.ui.FxToolkitExtension.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.testutil.LayoutBuilder;
import mpageviz.ui.FxToolkitExtension;
import mpageviz.view.Fold;
import mpageviz.view.RunState;

/**
 * Zooming the dense canvases around the pointer keeps what is under the pointer under it, hit testing stays right
 * after zooming and scrolling, and a 262,144-page run is drawn without a node per page.
 */
@ExtendWith(FxToolkitExtension.class)
class CanvasZoomTest {
    private static final int BIG = 262_144;
    private static final double EM = 13;

    private static RunState small;
    private static RunState big;

    @BeforeAll
    static void states() {
        // 5,000 pages in three extents with a boundary and an indirect block, 1 KiB blocks
        Layout l = LayoutBuilder.layout().size(5_000L * 4096).extent(0, 10_000, 8_000).extent(8_000, 30_000, 12_000)
                .boundary(7_999).metadata(20_000, 8_000, 19_999, false, false).device(100_000, 1024, 128)
                .run(RunSpec.readpages(0, 5_000)).build();
        small = Fold.start(l).snapshot();
        Layout huge = LayoutBuilder.layout().size((long) BIG * 4096).extent(0, 1_000, (long) BIG * 4)
                .device(2_000_000, 1024, 128).run(RunSpec.readpages(0, BIG)).build();
        big = Fold.start(huge).snapshot();
    }

    /** A canvas sized and laid out in a scene of its own, so its scroll bars have skins as in the window. */
    private static <T extends Region> T inScene(T canvas, double w, double h) {
        new Scene(canvas, w, h);
        canvas.resize(w, h);
        canvas.applyCss();
        canvas.layout();
        return canvas;
    }

    private static Palette palette() {
        return new Palette(new Pane());
    }

    // ------------------------------------------------------------------ block axes

    @Test
    void diskStrip_zoomInAroundAPoint_keepsTheBlockUnderThePointer() throws Exception {
        run(() -> {
            DiskCanvas disk = inScene(new DiskCanvas(palette(), () -> EM), 800, 120);
            disk.show(small, 0);
            double span = disk.axis().viewSpan();
            for (double x : new double[] {0, 123.5, 400, 799}) {
                double before = disk.blockAt(x);
                disk.zoomAt(3, x);
                assertEquals(before, disk.blockAt(x), 1e-6, "block under x=" + x);
            }
            assertTrue(disk.axis().viewSpan() < span / 50, "zoomed in");
            disk.zoomAt(0.001, 200);
            assertTrue(disk.axis().isWhole(), "zooming out stops at the whole strip");
            disk.zoomAt(1e9, 200);
            assertTrue(disk.axis().viewSpan() >= 4 - 1e-9, "zooming in stops at a few blocks");
            disk.resetZoom();
            assertEquals(span, disk.axis().viewSpan(), 1e-9);
        });
    }

    @Test
    void fileMap_zoomAndPan_keepBlocksAndPagesUnderThePointerRight() throws Exception {
        run(() -> {
            FileMapCanvas map = inScene(new FileMapCanvas(palette(), () -> EM), 1000, 150);
            map.show(small, -1);
            double x = 637;
            double before = map.blockAt(x);
            long page = map.pageAt(x);
            assertEquals((long) before / 4, page);
            map.zoomAt(20, x);
            assertEquals(before, map.blockAt(x), 1e-6);
            assertEquals(page, map.pageAt(x));
            // pan by a whole number of pixels: the block under x moves by that many pixels' worth of blocks
            double perPixel = map.axis().viewSpan() / 1000;
            double under = map.blockAt(x);
            map.axis().panBy(-100, 1000);
            assertEquals(under + 100 * perPixel, map.blockAt(x), 1e-6);
            map.zoomAt(1.0 / 64, x);
            assertTrue(map.axis().isWhole());
        });
    }

    // ------------------------------------------------------------------ page cache

    @Test
    void pageCache_zoomAroundThePointer_keepsThePageUnderIt_andSwitchesToCardsWhenLarge() throws Exception {
        run(() -> {
            PageCacheCanvas c = inScene(new PageCacheCanvas(palette(), () -> EM), 600, 400);
            c.show(small, -1);
            assertFalse(c.drawsCards(), "5,000 pages start as cells");
            double x = 311;
            double y = 207;
            long page = c.pageAt(x, y);
            assertTrue(page > 0);
            for (int i = 0; i < 8; i++) {
                c.zoomAt(1.5, x, y);
                assertEquals(page, c.pageAt(x, y), "after zoom step " + i);
            }
            assertTrue(c.zoom() > 20);
            assertTrue(c.drawsCards(), "zoomed in far enough, pages become cards");
            c.zoomAt(0.5, x, y);
            assertEquals(page, c.pageAt(x, y));
            c.resetZoom();
            assertEquals(1, c.zoom(), 1e-9);
            assertFalse(c.drawsCards());
        });
    }

    @Test
    void pageCache_hitTesting_staysRightAfterZoomAndScroll() throws Exception {
        run(() -> {
            PageCacheCanvas c = inScene(new PageCacheCanvas(palette(), () -> EM), 600, 400);
            c.show(small, -1);
            c.zoomAt(2, 100, 100);
            double cell = c.cellWidth();
            long here = c.pageAt(150, 120);
            // one row down: the page a row's worth of columns on
            long right = c.pageAt(150 + cell, 120);
            assertEquals(here + 1, right);
            long below = c.pageAt(150, 120 + cell);
            long columns = below - here;
            assertTrue(columns > 1);
            c.scrollBy(0, 3 * cell);
            assertEquals(here + 3 * columns, c.pageAt(150, 120));
            c.scrollBy(2 * cell, 0);
            assertEquals(here + 3 * columns + 2, c.pageAt(150, 120));
            c.scrollBy(-1e9, -1e9);
            assertEquals(0, c.pageAt(1, 1));
            assertEquals(-1, c.pageAt(-5, 10));
        });
    }

    @Test
    void pageCache_aFewPagesAsCards_zoomKeepsTheCardUnderThePointer() throws Exception {
        Layout l = LayoutBuilder.layout().size(12L * 4096).extent(0, 100, 48).device(4096, 1024, 128)
                .run(RunSpec.readpages(0, 12)).build();
        RunState twelve = Fold.start(l).snapshot();
        run(() -> {
            PageCacheCanvas c = inScene(new PageCacheCanvas(palette(), () -> EM), 700, 500);
            c.show(twelve, -1);
            assertTrue(c.drawsCards());
            double x = 250;
            double y = 180;
            long page = c.pageAt(x, y);
            assertTrue(page >= 0);
            c.zoomAt(1.7, x, y);
            assertEquals(page, c.pageAt(x, y));
        });
    }

    // ------------------------------------------------------------------ node counts

    @Test
    void aQuarterMillionPages_areDrawnWithoutCreatingNodes() throws Exception {
        run(() -> {
            PageCacheCanvas pages = inScene(new PageCacheCanvas(palette(), () -> EM), 800, 500);
            FileMapCanvas map = inScene(new FileMapCanvas(palette(), () -> EM), 800, 150);
            DiskCanvas disk = inScene(new DiskCanvas(palette(), () -> EM), 800, 120);
            pages.show(small, -1);
            map.show(small, -1);
            disk.show(small, 0);
            settle(pages, map, disk);
            int[] before = {count(pages), count(map), count(disk)};
            long start = System.nanoTime();
            pages.show(big, 77_777);
            map.show(big, 77_777);
            disk.show(big, 0);
            pages.zoomAt(3, 400, 250);
            pages.scrollBy(0, 1e5);
            map.zoomAt(50, 300);
            disk.zoomAt(50, 300);
            settle(pages, map, disk);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(before[0], count(pages), "page cache nodes");
            assertEquals(before[1], count(map), "file map nodes");
            assertEquals(before[2], count(disk), "disk strip nodes");
            assertTrue(pages.pageAt(400, 250) > 0);
            assertNotEquals(-1, map.pageAt(300));
            assertTrue(ms < 5_000, "drawing took " + ms + " ms");
        });
    }

    private static void settle(Region... regions) {
        for (Region r : regions) {
            r.applyCss();
            r.layout();
        }
    }

    /** Nodes in a subtree, the root included. */
    private static int count(Node n) {
        int c = 1;
        if (n instanceof Parent) {
            for (Node child : ((Parent) n).getChildrenUnmodifiable()) {
                c += count(child);
            }
        }
        return c;
    }
}
