package mpageviz.ui.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The paint canvas's block coordinates without a toolkit: zoom around a point, independent origins, limits. */
class BlockPaintViewportTest {
    private static final double EPS = 1e-6;
    private BlockPaintViewport view;

    @BeforeEach
    void view() {
        view = new BlockPaintViewport();
        view.setArea(50, 1000);
        view.setMaxCell(80);
        view.setLimits(1_048_576, 2_000_000);
        view.zoomTo(20, 50);
    }

    @Test
    void blocksAndPixels_mapBothWays_fromEachRowsOwnOrigin() {
        view.setLogicalOrigin(100);
        view.setDiskOrigin(5000);
        assertEquals(50, view.xOfLogical(100), EPS);
        assertEquals(50 + 20 * 3.5, view.xOfLogical(103.5), EPS);
        assertEquals(103.5, view.logicalAtX(view.xOfLogical(103.5)), EPS);
        assertEquals(5010, view.diskAtX(250), EPS);
        assertEquals(50, view.visibleBlocks(), EPS);
    }

    @Test
    void zoomAt_keepsTheBlocksUnderThePointerOnBothRows() {
        view.setLogicalOrigin(10_000);
        view.setDiskOrigin(70_000);
        double x = 437;
        double l = view.logicalAtX(x);
        double d = view.diskAtX(x);
        view.zoomAt(0.01, x);
        assertEquals(0.2, view.cell(), EPS);
        assertEquals(l, view.logicalAtX(x), 1e-6);
        assertEquals(d, view.diskAtX(x), 1e-6);
        view.zoomAt(300, x);
        assertEquals(l, view.logicalAtX(x), 1e-6);
        assertEquals(d, view.diskAtX(x), 1e-6);
    }

    @Test
    void zoomTo_canHoldALogicalBlockAndItsDiskBlockAtDifferentPlaces() {
        view.setLogicalOrigin(1000);
        view.setDiskOrigin(3000);
        view.zoomTo(1, 300, 700);
        assertEquals(1, view.cell(), EPS);
        assertEquals(1012.5, view.logicalAtX(300), EPS);
        assertEquals(3032.5, view.diskAtX(700), EPS);
    }

    @Test
    void origins_stayInsideTheRows_andZoomInsideItsLimits() {
        view.setLogicalOrigin(-40);
        assertEquals(0, view.logicalOrigin(), EPS);
        view.setLogicalOrigin(2_000_000);
        assertEquals(1_048_576 - 50, view.logicalOrigin(), EPS);
        view.zoomAt(1000, 50);
        assertEquals(80, view.cell(), EPS);
        view.zoomAt(1e-9, 50);
        // the whole disk (the longer row) fits across at the widest zoom out
        assertEquals(1000.0 / 2_000_000, view.cell(), 1e-12);
        assertEquals(0, view.logicalOrigin(), EPS);
    }

    @Test
    void reveal_scrollsTheLeastThatShowsTheBlock() {
        view.setLogicalOrigin(100);
        view.reveal(120);
        assertEquals(100, view.logicalOrigin(), EPS);
        view.reveal(160);
        assertEquals(111, view.logicalOrigin(), EPS);
        view.reveal(90);
        assertEquals(90, view.logicalOrigin(), EPS);
    }

    @Test
    void panning_movesOneRowOnly() {
        view.setLogicalOrigin(100);
        view.setDiskOrigin(5000);
        view.panLogical(-200);
        view.panDisk(40);
        assertEquals(110, view.logicalOrigin(), EPS);
        assertEquals(4998, view.diskOrigin(), EPS);
    }
}
