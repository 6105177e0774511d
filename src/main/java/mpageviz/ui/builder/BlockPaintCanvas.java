package mpageviz.ui.builder;

import java.util.List;
import java.util.function.DoubleSupplier;

import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Orientation;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

import mpageviz.layout.Layout.Extent;
import mpageviz.layout.Layout.MetadataBlock;
import mpageviz.ui.builder.BlockPaintRenderer.Rows;
import mpageviz.ui.canvas.CanvasView;
import mpageviz.ui.canvas.Palette;

/**
 * Paints the file's block map, the answers get_block will give: the file's logical blocks on top (grouped in
 * pages, holes hatched, BH_Boundary marked, blocks past i_size dimmed, each indirect block's range as a bracket
 * above), the disk below, and a band from every extent to the disk blocks that hold it. The two rows share one
 * zoom and scroll apart, so a file and a far-away disk area can be on screen together. The {@link PaintTool}
 * decides what a drag does; the status property says what is under the pointer and what a drag will do.
 *
 * <pre>
 *             [file scroll bar]
 *   indirect  +---- indirect 1012 --------     one bracket lane per nesting level
 *   page      page 0      page 1      ...
 *   block     0  1  2  3  4  5  6  7  ...
 *   file      [extent 1    |][hole ///][extent 2]     | = BH_Boundary
 *                \  bands  \      \   \
 *   disk      [free][extent 1    ][ind][extent 2]
 *   block     996 997 998 ...
 *             [disk scroll bar]
 *             legend
 * </pre>
 *
 * <p>Drawing is done by {@link BlockPaintRenderer}; the words come from {@link BlockMapFacts}.
 */
public final class BlockPaintCanvas extends CanvasView {
    /** Each wheel notch (40 pixels of delta) zooms by this factor, as in the main window's strips. */
    private static final double NOTCH_ZOOM = 1.25;
    /** A press that moves less than this many pixels is a click. */
    private static final double SLOP = 3;
    /** Cells at least this many em wide are readable: the file is fitted only if its cells stay this wide. */
    private static final double READABLE_EM = 1.5;
    private static final double DEFAULT_EM = 2.0;
    private static final double MAX_EM = 6.0;
    /** The keys the canvas answers to, for a tooltip. */
    public static final String KEYS = "\u2190/\u2192 cursor, Shift+\u2190/\u2192 select, B boundary at the cursor, "
            + "Delete/Backspace make the selection holes, +/\u2212 zoom, 0 fit the file, Esc cancel; "
            + "Ctrl+scroll zooms, scroll or right-drag pans the row under the pointer";

    private final BuilderModel model;
    private final BlockPaintViewport view = new BlockPaintViewport();
    private final ScrollBar logicalBar = new ScrollBar();
    private final ScrollBar diskBar = new ScrollBar();
    private final ObjectProperty<PaintTool> tool = new SimpleObjectProperty<>(this, "tool", PaintTool.MAP);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper scale = new ReadOnlyStringWrapper(this, "scale", "");
    private final BlockMapFacts facts;
    private final BlockPaintRenderer renderer;
    private boolean fitPending = true;
    /** The fit the view is still in (it is redone when the canvas is resized), until the user zooms or scrolls. */
    private enum Fit { NONE, LAYOUT, WHOLE }

    private Fit fitMode = Fit.NONE;
    private boolean syncingBars;

    // The keyboard cursor and the selection (anchor..cursor, either order); mouse drags set them too.
    private long cursor;
    private long anchor;
    // What the pointer is over: -1 when nothing of that kind.
    private long hoverLogical = -1;
    private long hoverDisk = -1;
    private int hoverMeta = -1;
    private int hoverExtent = -1;
    // Where the pointer was last seen (NaN: not over the canvas), to describe what is under it after a change.
    private double lastPointerX = Double.NaN;
    private double lastPointerY = Double.NaN;

    /** What the primary button pressed on: a logical range being selected, the disk row, or a row being panned. */
    private enum Press { NONE, SELECT, DISK, PAN_LOGICAL, PAN_DISK }

    private Press press = Press.NONE;
    private double pressX;
    private double pressY;
    private double lastX;
    private boolean moved;

    public BlockPaintCanvas(BuilderModel model, Palette palette, DoubleSupplier em) {
        super(palette, em);
        this.model = model;
        this.facts = new BlockMapFacts(model);
        this.renderer = new BlockPaintRenderer(model, facts, view, palette);
        getStyleClass().add("block-paint-canvas");
        setFocusTraversable(true);
        logicalBar.setId("logicalScrollBar");
        diskBar.setId("diskScrollBar");
        for (ScrollBar bar : List.of(logicalBar, diskBar)) {
            bar.setOrientation(Orientation.HORIZONTAL);
            bar.setFocusTraversable(false);
            getChildren().add(bar);
        }
        logicalBar.valueProperty().addListener(o -> barMoved(true));
        diskBar.valueProperty().addListener(o -> barMoved(false));

        InvalidationListener changed = o -> modelChanged();
        model.extents().addListener(changed);
        model.boundaries().addListener(changed);
        model.metadata().addListener((InvalidationListener) o -> {
            renderer.layOutLanes();
            modelChanged();
        });
        model.fileSizeProperty().addListener(changed);
        model.blockSizeProperty().addListener(changed);
        model.pageSizeProperty().addListener(changed);
        model.deviceBlocksProperty().addListener(changed);
        tool.addListener(o -> refresh());
        focusedProperty().addListener(o -> refresh());
        // Colours come from the scene's theme: read them again once the canvas is in a (new) scene.
        sceneProperty().addListener((o, was, now) -> {
            palette.refresh();
            requestLayout();
        });

        canvas.setOnMouseMoved(e -> hover(e.getX(), e.getY()));
        canvas.setOnMouseExited(e -> {
            if (press == Press.NONE) {
                hover(Double.NaN, Double.NaN);
            }
        });
        canvas.setOnMousePressed(this::pressed);
        canvas.setOnMouseDragged(this::dragged);
        canvas.setOnMouseReleased(this::released);
        canvas.setOnScroll(this::scrolled);
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        renderer.layOutLanes();
        updateLimits();
        status.set(describe());
    }

    // ---- properties and test hooks ----

    public ObjectProperty<PaintTool> toolProperty() {
        return tool;
    }

    /** What is under the pointer, what the drag in progress will do, or how to use the tool. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The zoom in words ("35 px per block", "120 blocks per px"), for the toolbar. */
    public ReadOnlyStringProperty scaleProperty() {
        return scale.getReadOnlyProperty();
    }

    /** Pixels one block takes (the zoom). */
    public double cellWidth() {
        return view.cell();
    }

    /** The logical block (fractional) at the left edge of the rows. */
    public double logicalOrigin() {
        return view.logicalOrigin();
    }

    /** The disk block (fractional) at the left edge of the rows. */
    public double diskOrigin() {
        return view.diskOrigin();
    }

    public long cursor() {
        return cursor;
    }

    public long selectionFirst() {
        return Math.min(anchor, cursor);
    }

    public long selectionLast() {
        return Math.max(anchor, cursor);
    }

    /** The logical block drawn under (x, y), or -1 when the point is not on the logical row. */
    public long logicalAt(double x, double y) {
        Rows r = rows();
        if (y < r.logicalY() || y >= r.logicalY() + r.rowH()) {
            return -1;
        }
        return logicalAtX(x);
    }

    /** The disk block drawn under (x, y), or -1 when the point is not on the disk row. */
    public long diskAt(double x, double y) {
        Rows r = rows();
        if (y < r.diskY() || y >= r.diskY() + r.rowH() || x < view.left() || x >= view.left() + view.width()) {
            return -1;
        }
        long d = (long) Math.floor(view.diskAtX(x));
        return d < 0 || d >= view.diskLimit() ? -1 : d;
    }

    /** The x of the middle of logical block {@code l} (may be off screen). */
    public double xOfLogical(long l) {
        return view.xOfLogical(l + 0.5);
    }

    /** The x of the middle of disk block {@code d} (may be off screen). */
    public double xOfDisk(long d) {
        return view.xOfDisk(d + 0.5);
    }

    /** The y of the middle of the logical row. */
    public double logicalRowY() {
        Rows r = rows();
        return r.logicalY() + r.rowH() / 2;
    }

    /** The y of the middle of the disk row. */
    public double diskRowY() {
        Rows r = rows();
        return r.diskY() + r.rowH() / 2;
    }

    // ---- zoom and scroll ----

    /** Zooms by {@code factor} (above 1 zooms in) around x on the file row. */
    public void zoomAt(double factor, double x) {
        zoomAt(factor, x, logicalRowY());
    }

    /**
     * Zooms by {@code factor} (above 1 zooms in) keeping the block under (x, y) where it is. The other row keeps the
     * block linked to it (the disk block it maps to, or the logical block a disk block holds) where that is, if it
     * is on screen, so the band between them stays in view; otherwise the other row also zooms around x.
     */
    public void zoomAt(double factor, double x, double y) {
        fitMode = Fit.NONE;
        double otherX = x;
        if (y < rows().bandMiddle()) {
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

    public void zoomIn() {
        zoomAt(2, zoomCentre());
    }

    public void zoomOut() {
        zoomAt(0.5, zoomCentre());
    }

    /** Shows the whole file across the rows, and the disk from just before the file's first disk block. */
    public void fit() {
        view.zoomTo(view.width() / view.logicalLimit(), view.left());
        view.setLogicalOrigin(0);
        fitDiskOrigin();
        fitMode = Fit.WHOLE;
    }

    /**
     * The view a newly opened layout starts with: the whole file if its cells stay readable, otherwise readable
     * cells from block 0; the disk row starts a few blocks before the lowest disk block the file uses. Waits for
     * the first layout when the canvas has no size yet.
     */
    public void fitToLayout() {
        fitPending = true;
        cursor = 0;
        anchor = 0;
        if (getScene() != null && canvas.getWidth() > 0) {
            redraw();
        }
    }

    /** Starts the disk row a few blocks before the lowest extent or metadata block (0 for an unmapped file). */
    public void fitDiskOrigin() {
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

    private void fitNow() {
        double e = em.getAsDouble();
        double whole = view.width() / view.logicalLimit();
        view.zoomTo(whole >= READABLE_EM * e ? whole : DEFAULT_EM * e, view.left());
        view.setLogicalOrigin(0);
        fitDiskOrigin();
        fitMode = Fit.LAYOUT;
    }

    // Zoom keys and buttons zoom around the cursor when it is on screen, else around the middle.
    private double zoomCentre() {
        double x = xOfLogical(cursor);
        return x >= view.left() && x <= view.left() + view.width() ? x : view.left() + view.width() / 2;
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

    private void viewChanged() {
        syncBars();
        if (!Double.isNaN(lastPointerX)) {
            hover(lastPointerX, lastPointerY);
        } else {
            refresh();
        }
    }

    private void syncBars() {
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

    // ---- the model ----

    private void modelChanged() {
        updateLimits();
        // what is under the pointer may have changed (and indexes into the lists may be stale)
        if (Double.isNaN(lastPointerX)) {
            hoverLogical = -1;
            hoverDisk = -1;
            hoverMeta = -1;
            hoverExtent = -1;
            refresh();
        } else {
            hover(lastPointerX, lastPointerY);
        }
    }

    // The logical row runs to the file's end (or its last extent or boundary), rounded up to a page, plus two
    // pages past it so that blocks beyond i_size can be painted too; the disk row runs to the device's end.
    private void updateLimits() {
        long end = facts.fileBlocks();
        long diskEnd = model.deviceBlocksProperty().get();
        for (Extent e : model.extents()) {
            end = Math.max(end, e.logical() + e.count());
            diskEnd = Math.max(diskEnd, e.physical() + e.count());
        }
        for (long b : model.boundaries()) {
            end = Math.max(end, b + 1);
        }
        for (MetadataBlock m : model.metadata()) {
            diskEnd = Math.max(diskEnd, m.block() + 1);
        }
        int bpp = facts.blocksPerPage();
        long slack = Math.max(2L * bpp, 8);
        long logical = (end + slack + bpp - 1) / bpp * bpp;
        view.setLimits(logical, Math.max(diskEnd, 1));
        cursor = Math.min(cursor, logical - 1);
        anchor = Math.min(anchor, logical - 1);
    }

    private long logicalAtX(double x) {
        if (x < view.left() || x >= view.left() + view.width()) {
            return -1;
        }
        long l = (long) Math.floor(view.logicalAtX(x));
        return l < 0 || l >= view.logicalLimit() ? -1 : l;
    }

    // ---- pointer ----

    private void hover(double x, double y) {
        lastPointerX = x;
        lastPointerY = y;
        boolean none = Double.isNaN(x);
        hoverLogical = none ? -1 : logicalAt(x, y);
        hoverDisk = none ? -1 : diskAt(x, y);
        hoverMeta = hoverDisk >= 0 ? facts.metadataAtDisk(hoverDisk) : none ? -1 : renderer.bracketAt(rows(), x, y);
        hoverExtent = hoverLogical >= 0 ? facts.extentAtLogical(hoverLogical)
                : hoverDisk >= 0 ? facts.extentAtDisk(hoverDisk) : -1;
        refresh();
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        e.consume(); // else the tab pane around us takes the focus back on this press
        pressX = e.getX();
        pressY = e.getY();
        lastX = pressX;
        moved = false;
        boolean upper = e.getY() < rows().bandMiddle();
        if (e.getButton() != MouseButton.PRIMARY) {
            press = upper ? Press.PAN_LOGICAL : Press.PAN_DISK;
        } else if (logicalAt(e.getX(), e.getY()) >= 0) {
            press = Press.SELECT;
            cursor = logicalAt(e.getX(), e.getY());
            if (!e.isShiftDown()) {
                anchor = cursor;
            }
        } else if (diskAt(e.getX(), e.getY()) >= 0) {
            press = Press.DISK;
        } else {
            press = upper ? Press.PAN_LOGICAL : Press.PAN_DISK;
        }
        hover(e.getX(), e.getY());
    }

    private void dragged(MouseEvent e) {
        double x = e.getX();
        moved |= Math.abs(x - pressX) > SLOP || Math.abs(e.getY() - pressY) > SLOP;
        double dx = x - lastX;
        lastX = x;
        switch (press) {
            case SELECT:
                // The selection follows the pointer along the logical row (and above it); once the pointer heads
                // down to the disk the selection stays as it was.
                Rows r = rows();
                if (e.getY() < r.logicalY() + r.rowH()) {
                    double l = Math.floor(view.logicalAtX(Math.max(view.left(),
                            Math.min(view.left() + view.width() - 1, x))));
                    cursor = (long) Math.max(0, Math.min(view.logicalLimit() - 1, l));
                }
                break;
            case DISK:
                if (moved) {
                    press = Press.PAN_DISK;
                    fitMode = Fit.NONE;
                    view.panDisk(x - pressX);
                    syncBars();
                }
                break;
            case PAN_LOGICAL:
                if (moved) {
                    fitMode = Fit.NONE;
                    view.panLogical(dx);
                    syncBars();
                }
                break;
            case PAN_DISK:
                if (moved) {
                    fitMode = Fit.NONE;
                    view.panDisk(dx);
                    syncBars();
                }
                break;
            default:
                break;
        }
        hover(x, e.getY());
    }

    private void released(MouseEvent e) {
        Press p = press;
        press = Press.NONE;
        long first = selectionFirst();
        long last = selectionLast();
        long disk = diskAt(e.getX(), e.getY());
        if (p == Press.SELECT) {
            switch (tool.get()) {
                case MAP:
                    if (disk >= 0) {
                        model.mapRange(first, last - first + 1, disk);
                    }
                    break;
                case ERASE:
                    model.unmapRange(first, last - first + 1);
                    break;
                case BOUNDARY:
                    if (first == last) {
                        model.toggleBoundary(first);
                    }
                    break;
                case METADATA:
                    if (disk >= 0) {
                        model.addMetadata(new MetadataBlock(disk, first, last, false, false));
                    }
                    break;
                default:
                    break;
            }
        } else if (p == Press.DISK && !moved && tool.get() == PaintTool.METADATA && disk >= 0) {
            int i = facts.metadataAtDisk(disk);
            if (i >= 0) {
                model.removeMetadata(i);
            }
        }
        hover(e.getX(), e.getY());
    }

    private void scrolled(ScrollEvent e) {
        if (e.isControlDown() || e.isShortcutDown()) {
            if (e.getDeltaY() != 0) {
                zoomAt(Math.pow(NOTCH_ZOOM, e.getDeltaY() / 40.0), e.getX(), e.getY());
            }
        } else {
            double d = Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY()) ? e.getDeltaX() : e.getDeltaY();
            fitMode = Fit.NONE;
            if (e.getY() < rows().bandMiddle()) {
                view.panLogical(d);
            } else {
                view.panDisk(d);
            }
            viewChanged();
        }
        e.consume();
    }

    // ---- keys ----

    private void keyPressed(KeyEvent e) {
        if (e.isAltDown() || e.isMetaDown()) {
            return;
        }
        boolean shortcut = e.isShortcutDown() || e.isControlDown();
        switch (e.getCode()) {
            case LEFT:
            case RIGHT:
                if (shortcut) {
                    return;
                }
                cursor = Math.max(0, Math.min(view.logicalLimit() - 1,
                        cursor + (e.getCode() == KeyCode.LEFT ? -1 : 1)));
                if (!e.isShiftDown()) {
                    anchor = cursor;
                }
                double before = view.logicalOrigin();
                view.reveal(cursor);
                if (view.logicalOrigin() != before) {
                    fitMode = Fit.NONE;
                }
                syncBars();
                break;
            case B:
                if (shortcut) {
                    return;
                }
                model.toggleBoundary(cursor);
                break;
            case DELETE:
            case BACK_SPACE:
                model.unmapRange(selectionFirst(), selectionLast() - selectionFirst() + 1);
                break;
            case PLUS:
            case ADD:
            case EQUALS:
                zoomAt(2, zoomCentre());
                break;
            case MINUS:
            case SUBTRACT:
                zoomAt(0.5, zoomCentre());
                break;
            case DIGIT0:
            case NUMPAD0:
                if (shortcut) {
                    return;
                }
                fit();
                break;
            case ESCAPE:
                if (press == Press.NONE) {
                    anchor = cursor;
                }
                press = Press.NONE;
                break;
            default:
                return;
        }
        e.consume();
        // the status line now speaks of the cursor, not of what the resting pointer happens to be over
        lastPointerX = Double.NaN;
        lastPointerY = Double.NaN;
        hoverLogical = -1;
        hoverDisk = -1;
        hoverMeta = -1;
        hoverExtent = -1;
        refresh();
    }

    // ---- status ----

    private void refresh() {
        status.set(describe());
        redraw();
    }

    private String describe() {
        if (press == Press.SELECT) {
            return facts.describeDrag(tool.get(), selectionFirst(), selectionLast(), hoverDisk);
        }
        if (hoverLogical >= 0) {
            return facts.describeLogical(hoverLogical);
        }
        if (hoverDisk >= 0) {
            return facts.describeDisk(hoverDisk, tool.get());
        }
        if (hoverMeta >= 0) {
            return facts.describeMetadata(hoverMeta);
        }
        String hint = tool.get().hint();
        if (isFocused()) {
            return (selectionFirst() == selectionLast() ? "cursor " + facts.describeLogical(cursor)
                    : "selected " + BlockMapFacts.blocks(selectionFirst(), selectionLast())) + "  |  " + hint;
        }
        return hint;
    }

    // ---- layout ----

    @Override
    protected void layoutChildren() {
        // the drawing area first: resizing the canvas draws at once, and a pending fit needs the real width
        double e = em.getAsDouble();
        double gutter = gutterWidth(e);
        double barH = Math.max(logicalBar.prefHeight(-1), e * 0.9);
        renderer.setBarHeight(barH);
        double oldWidth = view.width();
        view.setArea(gutter, Math.max(1, getWidth() - gutter - e * 0.3));
        if (view.width() != oldWidth && getScene() != null && !fitPending) {
            if (fitMode == Fit.LAYOUT) {
                fitNow();
            } else if (fitMode == Fit.WHOLE) {
                fit();
            }
        }
        super.layoutChildren();
        Rows r = rows();
        logicalBar.resizeRelocate(gutter, 0, view.width(), barH);
        diskBar.resizeRelocate(gutter, r.diskNumbersY() + r.stripH(), view.width(), barH);
        redraw();
    }

    @Override
    protected double computeMinHeight(double width) {
        return renderer.minHeight(em.getAsDouble());
    }

    @Override
    protected double computePrefHeight(double width) {
        return computeMinHeight(width) + 12 * em.getAsDouble(); // rows 3.2 em high, bands 14 em
    }

    @Override
    protected double computeMaxHeight(double width) {
        return computePrefHeight(width); // taller would only stretch the bands
    }

    @Override
    protected double computePrefWidth(double height) {
        return em.getAsDouble() * 50;
    }

    private static double gutterWidth(double e) {
        return e * 4.8;
    }

    private Rows rows() {
        return renderer.rows(canvas.getHeight(), em.getAsDouble());
    }

    // ---- drawing ----

    /** Draws everything again from the model and the view. */
    public void redraw() {
        draw();
    }

    @Override
    protected void draw() {
        if (getScene() == null || canvas.getWidth() <= 0 || canvas.getHeight() <= 0) {
            return; // no theme to take colours from yet, or nothing to draw on
        }
        double e = em.getAsDouble();
        view.setMaxCell(MAX_EM * e);
        if (fitPending) {
            fitPending = false;
            fitNow();
            return; // fitNow redraws
        }
        syncBars();
        GraphicsContext g = begin();
        renderer.draw(g, canvas.getWidth(), canvas.getHeight(), e, new BlockPaintRenderer.Marks(tool.get(), cursor,
                selectionFirst(), selectionLast(), press == Press.SELECT, hoverLogical, hoverDisk, hoverMeta,
                hoverExtent, isFocused()));
    }
}
