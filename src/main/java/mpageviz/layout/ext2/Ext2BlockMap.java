package mpageviz.layout.ext2;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An inode's block map as ext2_get_branch walks it: the data blocks, ascending by logical block, and the indirect
 * blocks in pre-order (each one before the blocks it points at, so outer levels come first).
 *
 * <pre>
 * i_block[0..11]  -> data (L 0..11)
 * i_block[12] ind -> data (L 12 .. 12+p-1)
 * i_block[13] dind -> ind -> data
 * i_block[14] tind -> dind -> ind -> data           (p = block size / 4)
 * </pre>
 *
 * The walk reads every indirect block once. A pointer past the device, a block used twice (as data or as an
 * indirect block) and indirect blocks that point back up the tree are errors, so the work is bounded by the
 * device size whatever the image holds.
 */
public final class Ext2BlockMap {
    /** An indirect block: {@code level} 1 (points at data), 2 or 3; it covers logical blocks first..last. */
    public record Indirect(long block, int level, long first, long last) {
    }

    private static final int DIRECT = Ext2Inode.NDIR_BLOCKS;
    /** The "parent" of a pointer held in the inode's own i_block array. */
    private static final long INODE = -1;

    private long[] logical = new long[16];
    private long[] physical = new long[16];
    private int size;
    private final List<Indirect> indirect = new ArrayList<>();

    private Ext2BlockMap() {
    }

    /** Data blocks mapped. */
    public int size() {
        return size;
    }

    /** The i-th mapped logical block, ascending. */
    public long logical(int i) {
        return logical[i];
    }

    /** The disk block of the i-th mapped logical block. */
    public long physical(int i) {
        return physical[i];
    }

    /** The indirect blocks, outer level first (pre-order). */
    public List<Indirect> indirect() {
        return Collections.unmodifiableList(indirect);
    }

    /** The disk block of a logical block, or -1 for a hole. */
    public long physicalOf(long block) {
        int i = Arrays.binarySearch(logical, 0, size, block);
        return i >= 0 ? physical[i] : -1;
    }

    /** Logical blocks ext2 can address with {@code ptrs} pointers per block: 12 + p + p² + p³. */
    public static long capacity(int ptrs) {
        long p = ptrs;
        return DIRECT + p + p * p + p * p * p;
    }

    /**
     * Whether blocks_to_boundary is 0 at {@code block}: the last slot of its pointer array (direct block 11, or
     * the last slot of a leaf indirect block). kernel-semantics.md §9.2.
     */
    public static boolean isBoundary(long block, int ptrs) {
        if (block < DIRECT) {
            return block == DIRECT - 1;
        }
        return (block - DIRECT) % ptrs == ptrs - 1;
    }

    /** Walks {@code inode}'s pointers on {@code image}. */
    static Ext2BlockMap walk(Ext2Image image, Ext2Inode inode) throws Ext2Exception {
        return new Walker(image, inode).run();
    }

    private void add(long l, long p) {
        if (size == logical.length) {
            logical = Arrays.copyOf(logical, size * 2);
            physical = Arrays.copyOf(physical, size * 2);
        }
        logical[size] = l;
        physical[size] = p;
        size++;
    }

    /** One walk of one inode; holds the bookkeeping that catches corrupt trees. */
    private static final class Walker {
        private final Ext2Image image;
        private final Ext2Inode inode;
        private final long devBlocks;
        private final int ptrs;
        private final Ext2BlockMap map = new Ext2BlockMap();
        private final BlockSet used = new BlockSet();
        /** Where each indirect block was found, for messages about blocks used twice. */
        private final Map<Long, String> indirectFrom = new HashMap<>();
        /** The indirect blocks above the one being read (at most three). */
        private final long[] path = new long[4];
        private int depth;

        Walker(Ext2Image image, Ext2Inode inode) {
            this.image = image;
            this.inode = inode;
            this.devBlocks = image.superblock().blocksCount();
            this.ptrs = image.superblock().ptrsPerBlock();
        }

        Ext2BlockMap run() throws Ext2Exception {
            for (int i = 0; i < DIRECT; i++) {
                long p = inode.block(i);
                if (p != 0) {
                    inRange(p, INODE, i);
                    data(i, p, INODE, i);
                }
            }
            long base = DIRECT;
            long span = ptrs;
            for (int level = 1; level <= 3; level++) {
                int slot = DIRECT - 1 + level;
                long p = inode.block(slot);
                if (p != 0) {
                    inRange(p, INODE, slot);
                    indirect(p, level, base, span, where(INODE, slot));
                }
                base += span;
                span *= ptrs;
            }
            return map;
        }

        /** Where a pointer sits, for messages: built only when something is wrong (or once per indirect block). */
        private static String where(long parent, int slot) {
            return parent == INODE ? "i_block[" + slot + "]" : "indirect block " + parent + ", slot " + slot;
        }

        private void indirect(long block, int level, long first, long span, String where) throws Ext2Exception {
            claim(block, "indirect block (from " + where + ")");
            indirectFrom.put(block, where);
            map.indirect.add(new Indirect(block, level, first, first + span - 1));
            ByteBuffer b = image.readBlock(block);
            path[depth++] = block;
            long childSpan = span / ptrs;
            for (int s = 0; s < ptrs; s++) {
                long p = Ext2Superblock.u32(b, 4 * s);
                if (p == 0) {
                    continue; // a hole for the slot's whole range
                }
                inRange(p, block, s);
                long childFirst = first + s * childSpan;
                if (p == block) {
                    throw error("indirect block " + block + " points at itself (slot " + s + ")");
                }
                // A pointer back up the chain would make the walk (and ext2_get_branch) go round forever.
                for (int d = 0; d < depth - 1; d++) {
                    if (path[d] == p) {
                        throw error("indirect blocks " + p + " and " + block + " point at each other ("
                                + where(block, s) + " points back at " + p + ", which leads to " + block + ")");
                    }
                }
                if (level == 1) {
                    data(childFirst, p, block, s);
                } else {
                    indirect(p, level - 1, childFirst, childSpan, where(block, s));
                }
            }
            depth--;
        }

        private void data(long l, long p, long parent, int slot) throws Ext2Exception {
            if (!used.add(p)) {
                throw usedTwice(p, "the data block of logical block " + l + " (from " + where(parent, slot) + ")");
            }
            map.add(l, p);
        }

        /** Marks an indirect block used by this inode; a second use names both. */
        private void claim(long block, String use) throws Ext2Exception {
            if (!used.add(block)) {
                throw usedTwice(block, use);
            }
        }

        /** Two pointers of one file name the same disk block: the layout would map one block twice. */
        private Ext2Exception usedTwice(long block, String use) {
            String first = indirectFrom.containsKey(block)
                    ? "indirect block (from " + indirectFrom.get(block) + ")" : firstDataUse(block);
            return error("block " + block + " is used twice: as " + first + " and as " + use);
        }

        private String firstDataUse(long block) {
            for (int i = 0; i < map.size; i++) {
                if (map.physical[i] == block) {
                    return "the data block of logical block " + map.logical[i];
                }
            }
            return "another block of this file";
        }

        private void inRange(long block, long parent, int slot) throws Ext2Exception {
            if (block >= devBlocks) {
                throw error(where(parent, slot) + " points at block " + block + ", past the end of the device ("
                        + devBlocks + " blocks)");
            }
        }

        private Ext2Exception error(String what) {
            return new Ext2Exception("inode " + inode.number() + ": " + what);
        }
    }
}
