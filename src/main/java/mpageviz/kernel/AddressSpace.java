package mpageviz.kernel;

import java.util.TreeMap;

/** struct address_space of the one file: its cached pages by index, i_size, AS_EIO/AS_ENOSPC and writeback_index. */
public final class AddressSpace {
    private final Kernel k;
    final TreeMap<Long, Page> pages = new TreeMap<>();
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
        pages.put(page.index, page);
        return 0;
    }
}
