package mpageviz.ui.builder;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

import mpageviz.layout.Layout.MetadataBlock;
import mpageviz.ui.builder.BlockPaintRenderer.Marks;
import mpageviz.ui.builder.BlockPaintRenderer.Rows;

/**
 * What the pointer and the keys do on the {@link BlockPaintCanvas}: the keyboard cursor and the selection, what
 * the pointer is over, the press or drag in progress, and the status line's wording of all that. A drag on the
 * file row selects blocks and, on release, applies the {@link PaintTool}; other drags and the wheel pan or zoom.
 */
final class PaintGestures {
    /** Each wheel notch (40 pixels of delta) zooms by this factor, as in the main window's strips. */
    private static final double NOTCH_ZOOM = 1.25;
    /** A press that moves less than this many pixels is a click. */
    private static final double SLOP = 3;

    /** What the primary button pressed on: a logical range being selected, the disk row, or a row being panned. */
    private enum Press { NONE, SELECT, DISK, PAN_LOGICAL, PAN_DISK }

    private final BlockPaintCanvas canvas;
    private final BuilderModel model;
    private final BlockMapFacts facts;
    private final BlockPaintViewport view;
    private final PaintZoom zoom;
    private final BlockPaintRenderer renderer;

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

    private Press press = Press.NONE;
    private double pressX;
    private double pressY;
    private double lastX;
    private boolean moved;

    PaintGestures(BlockPaintCanvas canvas, BuilderModel model, BlockMapFacts facts, BlockPaintViewport view,
                  PaintZoom zoom, BlockPaintRenderer renderer) {
        this.canvas = canvas;
        this.model = model;
        this.facts = facts;
        this.view = view;
        this.zoom = zoom;
        this.renderer = renderer;
    }

    long cursor() {
        return cursor;
    }

    long selectionFirst() {
        return Math.min(anchor, cursor);
    }

    long selectionLast() {
        return Math.max(anchor, cursor);
    }

    /** Puts the cursor and the selection back on block 0 (a newly opened layout). */
    void home() {
        cursor = 0;
        anchor = 0;
    }

    /** Keeps the cursor and the selection on the logical row after it shrank to {@code limit} blocks. */
    void clamp(long limit) {
        cursor = Math.min(cursor, limit - 1);
        anchor = Math.min(anchor, limit - 1);
    }

    /** The view moved: describe what is now under the resting pointer, if any, and redraw. */
    void viewChanged() {
        if (!Double.isNaN(lastPointerX)) {
            hover(lastPointerX, lastPointerY);
        } else {
            canvas.refresh();
        }
    }

    /** The model changed: what is under the pointer may have changed (and indexes into the lists may be stale). */
    void modelChanged() {
        if (Double.isNaN(lastPointerX)) {
            forgetHover();
            canvas.refresh();
        } else {
            hover(lastPointerX, lastPointerY);
        }
    }

    private void forgetHover() {
        hoverLogical = -1;
        hoverDisk = -1;
        hoverMeta = -1;
        hoverExtent = -1;
    }

    /** Everything the renderer marks besides the model. */
    Marks marks(PaintTool tool, boolean focused) {
        return new Marks(tool, cursor, selectionFirst(), selectionLast(), press == Press.SELECT, hoverLogical,
                hoverDisk, hoverMeta, hoverExtent, focused);
    }

    // ---- pointer ----

    void hover(double x, double y) {
        lastPointerX = x;
        lastPointerY = y;
        boolean none = Double.isNaN(x);
        hoverLogical = none ? -1 : canvas.logicalAt(x, y);
        hoverDisk = none ? -1 : canvas.diskAt(x, y);
        hoverMeta = hoverDisk >= 0 ? facts.metadataAtDisk(hoverDisk) : none ? -1
                : renderer.bracketAt(canvas.rows(), x, y);
        hoverExtent = hoverLogical >= 0 ? facts.extentAtLogical(hoverLogical)
                : hoverDisk >= 0 ? facts.extentAtDisk(hoverDisk) : -1;
        canvas.refresh();
    }

    void exited(MouseEvent e) {
        if (press == Press.NONE) {
            hover(Double.NaN, Double.NaN);
        }
    }

    void pressed(MouseEvent e) {
        canvas.requestFocus();
        e.consume(); // else the tab pane around us takes the focus back on this press
        pressX = e.getX();
        pressY = e.getY();
        lastX = pressX;
        moved = false;
        boolean upper = e.getY() < canvas.rows().bandMiddle();
        if (e.getButton() != MouseButton.PRIMARY) {
            press = upper ? Press.PAN_LOGICAL : Press.PAN_DISK;
        } else if (canvas.logicalAt(e.getX(), e.getY()) >= 0) {
            press = Press.SELECT;
            cursor = canvas.logicalAt(e.getX(), e.getY());
            if (!e.isShiftDown()) {
                anchor = cursor;
            }
        } else if (canvas.diskAt(e.getX(), e.getY()) >= 0) {
            press = Press.DISK;
        } else {
            press = upper ? Press.PAN_LOGICAL : Press.PAN_DISK;
        }
        hover(e.getX(), e.getY());
    }

    void dragged(MouseEvent e) {
        double x = e.getX();
        moved |= Math.abs(x - pressX) > SLOP || Math.abs(e.getY() - pressY) > SLOP;
        double dx = x - lastX;
        lastX = x;
        switch (press) {
            case SELECT:
                // The selection follows the pointer along the logical row (and above it); once the pointer heads
                // down to the disk the selection stays as it was.
                Rows r = canvas.rows();
                autoScroll(x, e.getY() < r.logicalY() + r.rowH());
                if (e.getY() < r.logicalY() + r.rowH()) {
                    double l = Math.floor(view.logicalAtX(Math.max(view.left(),
                            Math.min(view.left() + view.width() - 1, x))));
                    cursor = (long) Math.max(0, Math.min(view.logicalLimit() - 1, l));
                }
                break;
            case DISK:
                if (moved) {
                    press = Press.PAN_DISK;
                    zoom.pan(false, x - pressX);
                    zoom.syncBars();
                }
                break;
            case PAN_LOGICAL:
                if (moved) {
                    zoom.pan(true, dx);
                    zoom.syncBars();
                }
                break;
            case PAN_DISK:
                if (moved) {
                    zoom.pan(false, dx);
                    zoom.syncBars();
                }
                break;
            default:
                break;
        }
        hover(x, e.getY());
    }

    /**
     * Dragging past the left or right edge scrolls the row the pointer is on by as far as it is past the edge, so
     * a selection can grow beyond the screen and a drop target can be brought into view.
     */
    private void autoScroll(double x, boolean logicalRow) {
        double right = view.left() + view.width();
        double over = x < view.left() ? view.left() - x : x > right ? right - x : 0;
        if (over != 0) {
            zoom.pan(logicalRow, over);
            zoom.syncBars();
        }
    }

    void released(MouseEvent e) {
        Press p = press;
        press = Press.NONE;
        long first = selectionFirst();
        long last = selectionLast();
        long disk = canvas.diskAt(e.getX(), e.getY());
        PaintTool tool = canvas.toolProperty().get();
        if (p == Press.SELECT) {
            switch (tool) {
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
        } else if (p == Press.DISK && !moved && tool == PaintTool.METADATA && disk >= 0) {
            int i = facts.metadataAtDisk(disk);
            if (i >= 0) {
                model.removeMetadata(i);
            }
        }
        hover(e.getX(), e.getY());
    }

    void scrolled(ScrollEvent e) {
        if (e.isControlDown() || e.isShortcutDown()) {
            if (e.getDeltaY() != 0) {
                canvas.zoomAt(Math.pow(NOTCH_ZOOM, e.getDeltaY() / 40.0), e.getX(), e.getY());
            }
        } else {
            double d = Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY()) ? e.getDeltaX() : e.getDeltaY();
            zoom.pan(e.getY() < canvas.rows().bandMiddle(), d);
            zoom.viewChanged();
        }
        e.consume();
    }

    // ---- keys ----

    void keyPressed(KeyEvent e) {
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
                zoom.reveal(cursor);
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
                canvas.zoomIn();
                break;
            case MINUS:
            case SUBTRACT:
                canvas.zoomOut();
                break;
            case DIGIT0:
            case NUMPAD0:
                if (shortcut) {
                    return;
                }
                canvas.fit();
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
        forgetHover();
        canvas.refresh();
    }

    // ---- status ----

    /** What is under the pointer, what the drag in progress will do, or how to use the tool. */
    String describe(PaintTool tool, boolean focused) {
        if (press == Press.SELECT) {
            return facts.describeDrag(tool, selectionFirst(), selectionLast(), hoverDisk);
        }
        if (hoverLogical >= 0) {
            return facts.describeLogical(hoverLogical);
        }
        if (hoverDisk >= 0) {
            return facts.describeDisk(hoverDisk, tool);
        }
        if (hoverMeta >= 0) {
            return facts.describeMetadata(hoverMeta);
        }
        String hint = tool.hint();
        if (focused) {
            return (selectionFirst() == selectionLast() ? "cursor " + facts.describeLogical(cursor)
                    : "selected " + BlockMapFacts.blocks(selectionFirst(), selectionLast())) + "  |  " + hint;
        }
        return hint;
    }
}
