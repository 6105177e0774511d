package mpageviz.kernel;

/** struct writeback_control: the budget, the range (in bytes, end inclusive), the sync mode and the counters. */
public final class WritebackControl {
    public static final long LLONG_MAX = Long.MAX_VALUE;

    public long nrToWrite;
    public long pagesSkipped;
    public long rangeStart;
    public long rangeEnd;
    /** WB_SYNC_ALL when true, WB_SYNC_NONE when false. */
    public final boolean syncAll;
    public boolean taggedWritepages;
    public boolean rangeCyclic;

    public WritebackControl(boolean syncAll, long nrToWrite, long rangeStart, long rangeEnd, boolean rangeCyclic) {
        this.syncAll = syncAll;
        this.nrToWrite = nrToWrite;
        this.rangeStart = rangeStart;
        this.rangeEnd = rangeEnd;
        this.rangeCyclic = rangeCyclic;
    }

    public boolean syncAll() {
        return syncAll;
    }

    /** redirty_page_for_writepage: count the skip and dirty the page again, buffers untouched. */
    void redirtyPageForWritepage(Page page) {
        pagesSkipped++;
        page.set("redirty_page_for_writepage", PageFlag.DIRTY);
        page.tagDirty = true;
    }
}
