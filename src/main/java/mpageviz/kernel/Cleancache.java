package mpageviz.kernel;

import java.util.Set;
import java.util.function.LongUnaryOperator;

import mpageviz.trace.Events;

/**
 * A cleancache backend that holds some page indexes of the file. A hit fills the page with the on-disk bytes of
 * its (single) block, as a backend that had kept a clean copy would.
 */
public final class Cleancache {
    private final Kernel k;
    private final Set<Long> held;
    private final LongUnaryOperator blockOf;

    /** {@code blockOf} gives a page's disk block (pages are one block each when cleancache is consulted). */
    public Cleancache(Kernel k, Set<Long> held, LongUnaryOperator blockOf) {
        this.k = k;
        this.held = Set.copyOf(held);
        this.blockOf = blockOf;
    }

    /** cleancache_get_page: 0 on a hit (page filled), -1 on a miss. */
    public int getPage(Page page) {
        if (!held.contains(page.index)) {
            return -1;
        }
        long block = blockOf.applyAsLong(page.index);
        k.bdev.read(block * k.blockSize, page.data, page.base, k.pageSize);
        if (k.tracing) {
            k.emit(new Events.PageData(k.line, "cleancache_get_page", page.index, 0, k.pageSize, "cleancache",
                    block));
        }
        return 0;
    }
}
