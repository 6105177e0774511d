package mpageviz.layout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import mpageviz.kernel.BhState;
import mpageviz.kernel.BufferHead;
import mpageviz.kernel.Errno;
import mpageviz.kernel.GetBlock;
import mpageviz.kernel.Kernel;
import mpageviz.trace.Events;

/**
 * The layout's get_block, exactly as layout-format.md "How get_block behaves" says: injected errors first, then
 * the synchronous reads of uncached metadata, then a mapped run (grown while contiguous on disk, under the same
 * metadata, within the asked size and maxBlocks, and stopped after a boundary), a hole, or an allocation.
 */
public final class LayoutGetBlock implements GetBlock {
    private final Kernel k;
    private final NavigableMap<Long, Layout.Extent> extents = new TreeMap<>();
    private final Set<Long> boundaries;
    private final List<Layout.MetadataBlock> metadata;
    private final Map<Long, Integer> errors = new HashMap<>();
    private final Set<Long> uptodate;
    private final int maxBlocks;
    private final Layout.Allocator allocator;
    private long nextFree;
    /** Blocks allocated during the run: they stay mapped, and later lookups find them without BH_New. */
    private final Map<Long, Long> allocated = new HashMap<>();

    public LayoutGetBlock(Kernel k, Layout layout) {
        this.k = k;
        for (Layout.Extent e : layout.file().extents()) {
            extents.put(e.logical(), e);
        }
        this.boundaries = new HashSet<>(layout.file().boundaries());
        this.metadata = layout.file().metadata();
        for (Layout.GetBlockError e : layout.getBlock().errors()) {
            errors.put(e.logical(), Errno.of(e.errno()));
        }
        this.uptodate = new HashSet<>(layout.getBlock().uptodate());
        this.maxBlocks = layout.getBlock().maxBlocks();
        this.allocator = layout.file().allocator();
        this.nextFree = allocator == null ? 0 : allocator.next();
    }

    /** The disk block of a logical block, or -1 for a hole. */
    public long physical(long logical) {
        Map.Entry<Long, Layout.Extent> e = extents.floorEntry(logical);
        if (e != null && logical < e.getValue().logical() + e.getValue().count()) {
            return e.getValue().physical() + (logical - e.getValue().logical());
        }
        Long a = allocated.get(logical);
        return a == null ? -1 : a;
    }

    @Override
    public int getBlock(long iblock, BufferHead bh, boolean create) {
        long asked = bh.size >> k.blkbits;
        int ret = lookup(iblock, bh, create);
        if (k.tracing) {
            boolean mapped = ret == 0 && bh.is(BhState.MAPPED);
            k.emit(new Events.GetBlock(k.line, "get_block", iblock, create, asked, ret, mapped ? bh.blocknr : -1,
                    mapped ? bh.size >> k.blkbits : 0, bh.state()));
        }
        return ret;
    }

    private int lookup(long iblock, BufferHead bh, boolean create) {
        String fn = "get_block";
        Integer errno = errors.get(iblock);
        if (errno != null) {
            return -errno;
        }
        for (Layout.MetadataBlock md : metadata) {
            if (covers(md, iblock) && !k.bdevCache.uptodate(md.block())) {
                if (k.bdevCache.sbBread(md.block()) == null) {
                    return -Errno.EIO;
                }
            }
        }
        long p = physical(iblock);
        if (p >= 0) {
            long want = Math.max(1, bh.size >> k.blkbits);
            if (maxBlocks > 0) {
                want = Math.min(want, maxBlocks);
            }
            List<Layout.MetadataBlock> needs = metadataFor(iblock);
            long count = 1;
            boolean boundary = boundaries.contains(iblock);
            while (!boundary && count < want && physical(iblock + count) == p + count
                    && needs.equals(metadataFor(iblock + count))) {
                boundary = boundaries.contains(iblock + count);
                count++;
            }
            bh.clear(fn, BhState.NEW);
            bh.map(fn, p);
            bh.size = count << k.blkbits;
            if (boundary) {
                bh.set(fn, BhState.BOUNDARY);
            }
            if (!create && uptodate.contains(iblock)) {
                copyIntoPage(iblock, p, bh);
                bh.set(fn, BhState.UPTODATE);
            }
            return 0;
        }
        if (!create) {
            return 0; // a hole: nothing mapped, b_size as the caller left it
        }
        if (allocator == null || nextFree > allocator.last()) {
            return -Errno.ENOSPC;
        }
        long block = nextFree++;
        allocated.put(iblock, block);
        bh.map(fn, block);
        bh.size = k.blockSize;
        bh.set(fn, BhState.NEW);
        if (boundaries.contains(iblock)) {
            bh.set(fn, BhState.BOUNDARY);
        }
        return 0;
    }

    /** The filesystem copies the block's on-disk bytes into the page itself (a get_block-uptodate quirk). */
    private void copyIntoPage(long iblock, long block, BufferHead bh) {
        if (bh.page == null) {
            return;
        }
        long first = bh.page.index << (k.pageShift - k.blkbits);
        long inPage = iblock - first;
        if (inPage < 0 || inPage >= k.blocksPerPage) {
            return;
        }
        int offset = (int) (inPage << k.blkbits);
        k.bdev.read(block * k.blockSize, bh.page.data, bh.page.base + offset, k.blockSize);
        if (k.tracing) {
            k.emit(new Events.PageData(k.line, "get_block", bh.page.index, offset, k.blockSize, "get-block", block));
        }
    }

    private static boolean covers(Layout.MetadataBlock md, long iblock) {
        return md.first() <= iblock && iblock <= md.last();
    }

    private List<Layout.MetadataBlock> metadataFor(long iblock) {
        List<Layout.MetadataBlock> out = new ArrayList<>(2);
        for (Layout.MetadataBlock md : metadata) {
            if (covers(md, iblock)) {
                out.add(md);
            }
        }
        return out;
    }
}
