package mpageviz.ui.builder;

import java.util.List;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.ScrollBar;

import mpageviz.layout.Layout.Extent;
import mpageviz.layout.Layout.MetadataBlock;

/**
 * The paint canvas's zoom and scroll: zooming around a block with the linked block of the other row held still,
 * the fits, and the two rows' scroll bars and the scale in words kept in step with the {@link BlockPaintViewport}.
 */
final class PaintZoom {
    /** Cells at least this many em wide are readable: the file is fitted only if its cells stay this wide. */
    private static final double READABLE_EM = 1.5;
    private static final double DEFAULT_EM = 2.0;

    /** The fit the view is still in (it is redone when the canvas is resized), until the user zooms or scrolls. */
    private enum Fit { NONE, LAYOUT, WHOLE }

    private final BuilderModel model;
    private final BlockMapFacts facts;
    private final BlockPaintViewport view;
    /** Run after every change of the view, once the bars are in step: describe what is under the pointer, redraw. */
    private final Runnable afterViewChange;
    private final ScrollBar logicalBar = new ScrollBar();
    private final ScrollBar diskBar = new ScrollBar();
    private final ReadOnlyStringWrapper scale;
    private Fit fitMode = Fit.NONE;
    private boolean syncingBars;

    PaintZoom(Object bean, BuilderModel model, BlockMapFacts facts, BlockPaintViewport view,
              Runnable afterViewChange) {
        this.model = model;
        this.facts = facts;
        this.view = view;
        this.afterViewChange = afterViewChange;
        this.scale = new ReadOnlyStringWrapper(bean, "scale", "");
        logicalBar.setId("logicalScrollBar");
        diskBar.setId("diskScrollBar");
        for (ScrollBar bar : bars()) {
            bar.setOrientation(Orientation.HORIZONTAL);
            bar.setFocusTraversable(false);
        }
        logicalBar.valueProperty().addListener(o -> barMoved(true));
        diskBar.valueProperty().addListener(o -> barMoved(false));
    }

    /** The file row's scroll bar, then the disk row's. */
    List<ScrollBar> bars() {
        return List.of(logicalBar, diskBar);
    }

    ReadOnlyStringProperty scaleProperty() {
        return scale.getReadOnlyProperty();
    }

    /**
     * Zooms by {@code factor} keeping the block under x where it is, on the file row if {@code upper}, else on the
     * disk row; the other row keeps the block linked to it where that is, if it is on screen.
     */
    void zoomAt(double factor, double x, boolean upper) {
        fitMode = Fit.NONE;
        double otherX = x;
        if (upper) {
            double l = view.logicalAtX(x);
            int i = facts.extentAtLogical((long) Math.floor(l));
            if (i >= 0) {
                Extent e = model.extents().get(i);
                otherX = onScreen(view.xOfDisk(e.physical() + l - e.logical()), x);
            }
            view.zoomTo(view.cell() * factor, x, otherX);
        } else {
            double d = view.diskAtX(x);
            int i = facts.extentAtDisk((long) Math.floor(d));
            if (i >= 0) {
                Extent e = model.extents().get(i);
                otherX = onScreen(view.xOfLogical(e.logical() + d - e.physical()), x);
            }
            view.zoomTo(view.cell() * factor, otherX, x);
        }
        viewChanged();
    }

    private double onScreen(double x, double otherwise) {
        return x >= view.left() && x <= view.left() + view.width() ? x : otherwise;
    }

    /** Zoom keys and buttons zoom around the cursor (at {@code cursorX}) when it is on screen, else the middle. */
    double centre(double cursorX) {
        return onScreen(cursorX, view.left() + view.width() / 2);
    }

    /** Shows the whole file across the rows, and the disk from just before the file's first disk block. */
    void fit() {
        view.zoomTo(view.width() / view.logicalLimit(), view.left());
        view.setLogicalOrigin(0);
        fitDiskOrigin();
        fitMode = Fit.WHOLE;
    }

    /** Starts the disk row a few blocks before the lowest extent or metadata block (0 for an unmapped file). */
    void fitDiskOrigin() {
        long lowest = Long.MAX_VALUE;
        for (Extent e : model.extents()) {
            lowest = Math.min(lowest, e.physical());
        }
        for (MetadataBlock m : model.metadata()) {
            lowest = Math.min(lowest, m.block());
        }
        long pad = Math.max(4, Math.round(view.visibleBlocks() / 20));
        view.setDiskOrigin(lowest == Long.MAX_VALUE ? 0 : Math.max(0, lowest - pad));
        viewChanged();
    }

    /** The whole file if its cells stay readable at this em, otherwise readable cells from block 0. */
    void fitNow(double e) {
        double whole = view.width() / view.logicalLimit();
        view.zoomTo(whole >= READABLE_EM * e ? whole : DEFAULT_EM * e, view.left());
        view.setLogicalOrigin(0);
        fitDiskOrigin();
        fitMode = Fit.LAYOUT;
    }

    /** Redoes the fit the view is still in, after the rows changed width. */
    void refit(double e) {
        if (fitMode == Fit.LAYOUT) {
            fitNow(e);
        } else if (fitMode == Fit.WHOLE) {
            fit();
        }
    }

    /** Pans a row by {@code dx} pixels, leaving any fit; the caller syncs the bars. */
    void pan(boolean logical, double dx) {
        fitMode = Fit.NONE;
        if (logical) {
            view.panLogical(dx);
        } else {
            view.panDisk(dx);
        }
    }

    /** Scrolls the file row so the cursor is on screen (leaving any fit if it had to move). */
    void reveal(long cursor) {
        double before = view.logicalOrigin();
        view.reveal(cursor);
        if (view.logicalOrigin() != before) {
            fitMode = Fit.NONE;
        }
        syncBars();
    }

    private void barMoved(boolean logical) {
        if (syncingBars) {
            return;
        }
        fitMode = Fit.NONE;
        if (logical) {
            view.setLogicalOrigin(logicalBar.getValue());
        } else {
            view.setDiskOrigin(diskBar.getValue());
        }
        viewChanged();
    }

    void viewChanged() {
        syncBars();
        afterViewChange.run();
    }

    void syncBars() {
        syncingBars = true;
        setBar(logicalBar, view.logicalOrigin(), view.logicalLimit());
        setBar(diskBar, view.diskOrigin(), view.diskLimit());
        syncingBars = false;
        scale.set(view.cell() >= 1 ? String.format("%.0f px per block", view.cell())
                : String.format("%.0f blocks per px", 1 / view.cell()));
    }

    // A scroll bar over the blocks a row can show: the thumb is as long as the share of the row on screen.
    private void setBar(ScrollBar bar, double origin, long limit) {
        double vis = view.visibleBlocks();
        double scrollable = limit - vis;
        bar.setDisable(scrollable <= 0);
        bar.setMin(0);
        bar.setMax(Math.max(1, scrollable));
        bar.setVisibleAmount(scrollable <= 0 ? 1 : scrollable * vis / limit);
        bar.setUnitIncrement(Math.max(1, Math.floor(vis / 10)));
        bar.setBlockIncrement(Math.max(1, Math.floor(vis * 0.9)));
        bar.setValue(scrollable <= 0 ? 0 : origin);
    }

    /** The bars' height at this em. */
    double barHeight(double e) {
        return Math.max(logicalBar.prefHeight(-1), e * 0.9);
    }

    /** Places the file's bar at the top and the disk's at {@code diskBarY}, over the rows' width. */
    void placeBars(double diskBarY, double barH) {
        logicalBar.resizeRelocate(view.left(), 0, view.width(), barH);
        diskBar.resizeRelocate(view.left(), diskBarY, view.width(), barH);
    }
}
