package mpageviz.kernel;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;

/** struct address_space of the one file: its cached pages by index, i_size, AS_EIO/AS_ENOSPC and writeback_index. */
public final class AddressSpace {
    private final Kernel k;
    private final HashMap<Long, Page> pages = new HashMap<>();
    /** The cached indexes in ascending order, rebuilt after an insert (write_cache_pages walks them in order). */
    private long[] sorted;
    /** i_size of the host inode. */
    public final long iSize;
    public boolean asEio;
    public boolean asEnospc;
    public long writebackIndex;

    AddressSpace(Kernel k, long iSize) {
        this.k = k;
        this.iSize = iSize;
    }

    public Page find(long index) {
        return pages.get(index);
    }

    void insert(Page page) {
        pages.put(page.index, page);
        sorted = null;
    }

    /** The cached pages with index >= {@code from}, ascending (the radix-tree walk of a tagged lookup). */
    List<Page> pagesFrom(long from) {
        if (sorted == null) {
            sorted = pages.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        }
        int at = Arrays.binarySearch(sorted, from);
        if (at < 0) {
            at = -at - 1;
        }
        final long[] keys = sorted;
        final int first = at;
        return new java.util.AbstractList<Page>() {
            @Override
            public Page get(int i) {
                return pages.get(keys[first + i]);
            }

            @Override
            public int size() {
                return keys.length - first;
            }
        };
    }

    public int pagesCount() {
        return pages.size();
    }

    public Iterable<Page> pages() {
        return pages.values();
    }

    /** mapping_set_error: ENOSPC sets AS_ENOSPC, any other error AS_EIO, 0 nothing. */
    public void setError(String fn, int err) {
        if (err == 0) {
            return;
        }
        String flag;
        if (err == -Errno.ENOSPC) {
            asEnospc = true;
            flag = "AS_ENOSPC";
        } else {
            asEio = true;
            flag = "AS_EIO";
        }
        if (k.tracing) {
            k.emit(new mpageviz.trace.Events.MappingError(k.line, fn, flag));
        }
    }

    /**
     * add_to_page_cache_lru: lock the fresh page and insert it; -EEXIST when another page already holds the
     * index (the layout's alreadyCached pages), leaving the fresh page unlocked and out of the cache.
     */
    public int addToPageCacheLru(Page page) {
        if (pages.containsKey(page.index)) {
            return -Errno.EEXIST;
        }
        page.set("add_to_page_cache_lru", PageFlag.LOCKED);
        page.mapping = this;
        insert(page);
        return 0;
    }
}
