package mpageviz.ui.builder;

import java.util.function.DoubleSupplier;

import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyEvent;

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
 * <p>Drawing is done by {@link BlockPaintRenderer}; the words come from {@link BlockMapFacts}; the pointer and
 * the keys are handled by {@link PaintGestures}, zoom and the scroll bars by {@link PaintZoom}.
 */
public final class BlockPaintCanvas extends CanvasView {
    private static final double MAX_EM = 6.0;
    /** The keys the canvas answers to, for a tooltip. */
    public static final String KEYS = "\u2190/\u2192 cursor, Shift+\u2190/\u2192 select, B boundary at the cursor, "
            + "Delete/Backspace make the selection holes, +/\u2212 zoom, 0 fit the file, Esc cancel; "
            + "Ctrl+scroll zooms, scroll or right-drag pans the row under the pointer";

    private final BuilderModel model;
    private final BlockPaintViewport view = new BlockPaintViewport();
    private final ObjectProperty<PaintTool> tool = new SimpleObjectProperty<>(this, "tool", PaintTool.MAP);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final BlockMapFacts facts;
    private final BlockPaintRenderer renderer;
    private final PaintZoom zoom;
    private final PaintGestures gestures;
    private boolean fitPending = true;

    public BlockPaintCanvas(BuilderModel model, Palette palette, DoubleSupplier em) {
        super(palette, em);
        this.model = model;
        this.facts = new BlockMapFacts(model);
        this.renderer = new BlockPaintRenderer(model, facts, view, palette);
        this.zoom = new PaintZoom(this, model, facts, view, this::viewChanged);
        this.gestures = new PaintGestures(this, model, facts, view, zoom, renderer);
        getStyleClass().add("block-paint-canvas");
        setFocusTraversable(true);
        getChildren().addAll(zoom.bars());

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

        canvas.setOnMouseMoved(e -> gestures.hover(e.getX(), e.getY()));
        canvas.setOnMouseExited(gestures::exited);
        canvas.setOnMousePressed(gestures::pressed);
        canvas.setOnMouseDragged(gestures::dragged);
        canvas.setOnMouseReleased(gestures::released);
        canvas.setOnScroll(gestures::scrolled);
        addEventHandler(KeyEvent.KEY_PRESSED, gestures::keyPressed);
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
        return zoom.scaleProperty();
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
        return gestures.cursor();
    }

    public long selectionFirst() {
        return gestures.selectionFirst();
    }

    public long selectionLast() {
        return gestures.selectionLast();
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
        zoom.zoomAt(factor, x, y < rows().bandMiddle());
    }

    public void zoomIn() {
        zoomAt(2, zoom.centre(xOfLogical(gestures.cursor())));
    }

    public void zoomOut() {
        zoomAt(0.5, zoom.centre(xOfLogical(gestures.cursor())));
    }

    /** Shows the whole file across the rows, and the disk from just before the file's first disk block. */
    public void fit() {
        zoom.fit();
    }

    /**
     * The view a newly opened layout starts with: the whole file if its cells stay readable, otherwise readable
     * cells from block 0; the disk row starts a few blocks before the lowest disk block the file uses. Waits for
     * the first layout when the canvas has no size yet.
     */
    public void fitToLayout() {
        fitPending = true;
        gestures.home();
        if (getScene() != null && canvas.getWidth() > 0) {
            redraw();
        }
    }

    /** Starts the disk row a few blocks before the lowest extent or metadata block (0 for an unmapped file). */
    public void fitDiskOrigin() {
        zoom.fitDiskOrigin();
    }

    // PaintZoom is built before PaintGestures (which needs it), so it reaches the gestures through this method.
    private void viewChanged() {
        gestures.viewChanged();
    }

    // ---- the model ----

    private void modelChanged() {
        updateLimits();
        gestures.modelChanged();
    }

    // The logical row runs to the file's end (or its last extent or boundary), rounded up to a page, plus two
    // pages past it so that blocks beyond i_size can be painted too; the disk row runs to the device's end.
    private void updateLimits() {
        long end = model.fileBlocks();
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
        int bpp = model.blocksPerPage();
        long slack = Math.max(2L * bpp, 8);
        long logical = (end + slack + bpp - 1) / bpp * bpp;
        view.setLimits(logical, Math.max(diskEnd, 1));
        gestures.clamp(logical);
    }

    private long logicalAtX(double x) {
        if (x < view.left() || x >= view.left() + view.width()) {
            return -1;
        }
        long l = (long) Math.floor(view.logicalAtX(x));
        return l < 0 || l >= view.logicalLimit() ? -1 : l;
    }

    // ---- status ----

    /** Describes what is under the pointer again and redraws. */
    void refresh() {
        status.set(describe());
        redraw();
    }

    private String describe() {
        return gestures.describe(tool.get(), isFocused());
    }

    // ---- layout ----

    @Override
    protected void layoutChildren() {
        // the drawing area first: resizing the canvas draws at once, and a pending fit needs the real width
        double e = em.getAsDouble();
        double gutter = gutterWidth(e);
        double barH = zoom.barHeight(e);
        renderer.setBarHeight(barH);
        double oldWidth = view.width();
        view.setArea(gutter, Math.max(1, getWidth() - gutter - e * 0.3));
        if (view.width() != oldWidth && getScene() != null && !fitPending) {
            zoom.refit(e);
        }
        super.layoutChildren();
        Rows r = rows();
        zoom.placeBars(r.diskNumbersY() + r.stripH(), barH);
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

    Rows rows() {
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
            zoom.fitNow(e);
            return; // fitNow redraws
        }
        zoom.syncBars();
        GraphicsContext g = begin();
        renderer.draw(g, canvas.getWidth(), canvas.getHeight(), e, gestures.marks(tool.get(), isFocused()));
    }
}
