package mpageviz.kernel;

import java.util.HashMap;
import java.util.Map;


/**
 * The block device's buffer cache, for metadata (indirect) blocks: sb_bread, __find_get_block,
 * unmap_underlying_metadata and write_boundary_block. A block read once stays cached for the rest of the run.
 */
public final class BdevCache {
    private final Kernel k;
    private final Map<Long, BufferHead> buffers = new HashMap<>();

    BdevCache(Kernel k) {
        this.k = k;
    }

    /** A metadata block the run starts with in the cache (uptodate, maybe dirty); its bytes come from the image. */
    public void preload(long block, boolean dirty) {
        BufferHead bh = getblk(block);
        bh.state |= BhState.UPTODATE.bit() | (dirty ? BhState.DIRTY.bit() : 0);
        k.bdev.read(block * k.blockSize, bh.metaData, 0, k.blockSize);
    }

    /** __find_get_block: the cached buffer for a block, or null. Creates nothing. */
    public BufferHead findGetBlock(long block) {
        return buffers.get(block);
    }

    /** Whether a block is cached and uptodate (what get_block checks before it needs a read). */
    public boolean uptodate(long block) {
        BufferHead bh = buffers.get(block);
        return bh != null && bh.is(BhState.UPTODATE);
    }

    /** __getblk: find or create the (mapped, not uptodate) buffer for a block. */
    private BufferHead getblk(long block) {
        return buffers.computeIfAbsent(block, b -> {
            BufferHead bh = new BufferHead(k, BufferHead.Kind.META, -1);
            bh.blocknr = b;
            bh.size = k.blockSize;
            bh.state = BhState.MAPPED.bit();
            bh.metaData = new byte[k.blockSize];
            return bh;
        });
    }

    /**
     * sb_bread: an uptodate buffer costs nothing; otherwise one synchronous READ whose wait flushes the plug.
     * Returns null when the read fails (the buffer stays cached, not uptodate, and a later call reads again).
     */
    public BufferHead sbBread(long block) {
        String fn = "__bread";
        BufferHead bh = getblk(block);
        if (bh.is(BhState.UPTODATE)) {
            return bh;
        }
        bh.lock(fn);
        if (bh.is(BhState.UPTODATE)) {
            bh.unlock(fn);
            return bh;
        }
        bh.endIo = k.bufferIo::endBufferReadSync;
        k.bufferIo.submitBh(Bio.READ, bh, Bio.SOURCE_META, "metadata-read");
        bh.waitOn("meta-wait");
        return bh.is(BhState.UPTODATE) ? bh : null;
    }

    /**
     * unmap_underlying_metadata: a block just allocated to file data may still have a stale metadata alias in
     * the cache; make sure that alias is never written over the new data.
     */
    public void unmapUnderlyingMetadata(long block) {
        BufferHead old = buffers.get(block);
        if (old == null) {
            return;
        }
        String fn = "unmap_underlying_metadata";
        old.clear(fn, BhState.DIRTY);
        old.waitOn("lock-buffer");
        old.clear(fn, BhState.REQ);
    }

    /**
     * write_boundary_block: after writing the boundary block {@code bblock}, write block+1 now if it is cached
     * and dirty (usually the file's indirect block), so it lands next to the data just sent.
     */
    public void writeBoundaryBlock(long bblock) {
        BufferHead bh = buffers.get(bblock + 1);
        if (bh != null && bh.is(BhState.DIRTY)) {
            k.bufferIo.llRwBlockWrite(bh);
        }
    }
}
