package mpageviz.ui.builder;

/**
 * Where the paint canvas's two block rows are looking: one cell width (pixels per block, the zoom) shared by both
 * rows, so an extent is as wide on the disk as in the file and its band keeps parallel sides, and an origin per
 * row, so the file's blocks and a disk area far away can be on screen together. Blocks are drawn from x =
 * {@code left}; positions are fractional blocks. No toolkit needed.
 */
public final class BlockPaintViewport {
    private double left;
    private double width = 1;
    private double cell = 20;
    private double minCell = 1e-9;
    private double maxCell = 200;
    private double logicalOrigin;
    private double diskOrigin;
    private long logicalLimit = 1;
    private long diskLimit = 1;

    /** The drawing area: blocks start at x = {@code left} and the rows are {@code width} pixels wide. */
    public void setArea(double left, double width) {
        this.left = left;
        this.width = Math.max(1, width);
        clamp();
    }

    /** How many logical and disk blocks there are to scroll over. */
    public void setLimits(long logicalLimit, long diskLimit) {
        this.logicalLimit = Math.max(1, logicalLimit);
        this.diskLimit = Math.max(1, diskLimit);
        clamp();
    }

    /** The widest a block may get (readability caps it; a projector's em is larger). */
    public void setMaxCell(double maxCell) {
        this.maxCell = maxCell;
        clamp();
    }

    public double left() {
        return left;
    }

    public double width() {
        return width;
    }

    public double cell() {
        return cell;
    }

    public double logicalOrigin() {
        return logicalOrigin;
    }

    public double diskOrigin() {
        return diskOrigin;
    }

    public long logicalLimit() {
        return logicalLimit;
    }

    public long diskLimit() {
        return diskLimit;
    }

    /** How many blocks fit across a row at this zoom. */
    public double visibleBlocks() {
        return width / cell;
    }

    public double xOfLogical(double block) {
        return left + (block - logicalOrigin) * cell;
    }

    public double xOfDisk(double block) {
        return left + (block - diskOrigin) * cell;
    }

    /** The logical block position (fractional) at x. */
    public double logicalAtX(double x) {
        return logicalOrigin + (x - left) / cell;
    }

    /** The disk block position (fractional) at x. */
    public double diskAtX(double x) {
        return diskOrigin + (x - left) / cell;
    }

    /** Sets the zoom, keeping the blocks at x on both rows where they are (as far as the limits allow). */
    public void zoomTo(double newCell, double x) {
        zoomTo(newCell, x, x);
    }

    /**
     * Sets the zoom, keeping the logical block at {@code logicalX} and the disk block at {@code diskX} where they
     * are, so a block and the disk block it maps to can both stay put.
     */
    public void zoomTo(double newCell, double logicalX, double diskX) {
        double l = logicalAtX(logicalX);
        double d = diskAtX(diskX);
        cell = Math.max(minCell(), Math.min(maxCell, newCell));
        logicalOrigin = l - (logicalX - left) / cell;
        diskOrigin = d - (diskX - left) / cell;
        clamp();
    }

    /** Zooms by {@code factor} (above 1 zooms in) around x. */
    public void zoomAt(double factor, double x) {
        zoomTo(cell * factor, x);
    }

    /** Moves the logical row by {@code dx} pixels (positive shows earlier blocks, as dragging the picture right). */
    public void panLogical(double dx) {
        logicalOrigin -= dx / cell;
        clamp();
    }

    public void panDisk(double dx) {
        diskOrigin -= dx / cell;
        clamp();
    }

    public void setLogicalOrigin(double block) {
        logicalOrigin = block;
        clamp();
    }

    public void setDiskOrigin(double block) {
        diskOrigin = block;
        clamp();
    }

    /** Scrolls the logical row the least that shows block {@code b} whole. */
    public void reveal(long b) {
        if (b < logicalOrigin) {
            logicalOrigin = b;
        } else if (b + 1 > logicalOrigin + visibleBlocks()) {
            logicalOrigin = b + 1 - visibleBlocks();
        }
        clamp();
    }

    /** The narrowest a block may get: the whole file and the whole disk then fit across. */
    public double minCell() {
        return Math.min(maxCell, Math.max(minCell, width / Math.max(logicalLimit, diskLimit)));
    }

    private void clamp() {
        cell = Math.max(minCell(), Math.min(maxCell, cell));
        logicalOrigin = clampOrigin(logicalOrigin, logicalLimit);
        diskOrigin = clampOrigin(diskOrigin, diskLimit);
    }

    // A row never scrolls before block 0, nor past its last block once the row is full.
    private double clampOrigin(double origin, long limit) {
        double last = Math.max(0, limit - visibleBlocks());
        return Math.max(0, Math.min(last, origin));
    }
}
