package mpageviz.layout;

import java.util.List;

/**
 * The call a run makes (layout-format.md, {@code run}). Fields that do not apply to {@code op} keep their defaults.
 *
 * @param op        readpages, readpage, writepages or writepage
 * @param first     readpages: first page index (with {@code count}); -1 when {@code pages} is used
 * @param count     readpages: number of pages (with {@code first})
 * @param pages     readpages: explicit ascending page list, or null
 * @param index     readpage / writepage: the page index; -1 otherwise
 * @param syncMode  writepages / writepage: "none" or "all"
 * @param rangeStart writepages: first page (writeback_index when cyclic)
 * @param rangeEnd   writepages: last page, -1 for no end
 * @param nrToWrite  writepages: budget of pages, -1 for no limit
 * @param rangeCyclic writepages: start at writeback_index and wrap
 * @param memalloc  the task has PF_MEMALLOC
 */
public record RunSpec(String op, long first, long count, List<Long> pages, long index, String syncMode,
                      long rangeStart, long rangeEnd, long nrToWrite, boolean rangeCyclic, boolean memalloc) {

    public static final String READPAGES = "readpages";
    public static final String READPAGE = "readpage";
    public static final String WRITEPAGES = "writepages";
    public static final String WRITEPAGE = "writepage";

    public RunSpec {
        pages = pages == null ? null : List.copyOf(pages);
    }

    /** readpages over first..first+count-1. */
    public static RunSpec readpages(long first, long count) {
        return new RunSpec(READPAGES, first, count, null, -1, "none", 0, -1, -1, false, false);
    }

    /** readpages over an explicit list of indexes. */
    public static RunSpec readpages(List<Long> pages) {
        return new RunSpec(READPAGES, -1, 0, pages, -1, "none", 0, -1, -1, false, false);
    }

    public static RunSpec readpage(long index) {
        return new RunSpec(READPAGE, -1, 0, null, index, "none", 0, -1, -1, false, false);
    }

    public static RunSpec writepages(String syncMode, long rangeStart, long rangeEnd) {
        return new RunSpec(WRITEPAGES, -1, 0, null, -1, syncMode, rangeStart, rangeEnd, -1, false, false);
    }

    public static RunSpec writepage(long index, String syncMode) {
        return new RunSpec(WRITEPAGE, -1, 0, null, index, syncMode, 0, -1, -1, false, false);
    }

    public boolean isWrite() {
        return WRITEPAGES.equals(op) || WRITEPAGE.equals(op);
    }

    /** The page indexes readpages consumes, ascending. */
    public List<Long> readaheadPages() {
        if (pages != null) {
            return pages;
        }
        Long[] list = new Long[(int) count];
        for (int i = 0; i < count; i++) {
            list[i] = first + i;
        }
        return List.of(list);
    }

    public RunSpec withMemalloc(boolean on) {
        return new RunSpec(op, first, count, pages, index, syncMode, rangeStart, rangeEnd, nrToWrite, rangeCyclic, on);
    }
}
