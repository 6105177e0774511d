package mpageviz.layout.ext2;

import java.util.List;

/**
 * The ext2 file system that {@link DebugfsScript}'s mke2fs command makes, predicted block for block, so a layout's
 * blocks can be checked against it before anything runs (e2fsprogs 1.47: ext2fs_initialize,
 * ext2fs_allocate_group_table, then mke2fs's root directory and lost+found, which take the first free blocks).
 *
 * <pre>
 * group g   [superblock][descriptors]          only groups 0, 1 and powers of 3, 5, 7 (sparse_super)
 *           [block bitmap][inode bitmap][inode table: 16 inodes of 256 bytes]
 * group 0   ... then [root directory: 1 block][lost+found: 12, 8 or 4 blocks], then free
 * </pre>
 *
 * Without resize_inode there are no reserved descriptor blocks, and 16 inodes a group keep the inode table at 4, 2
 * or 1 blocks, so almost every block is free for the layout's file.
 */
final class Mke2fsPlan {
    static final int INODE_SIZE = 256;
    static final int INODES_PER_GROUP = 16;
    /** "none" first, so that mke2fs.conf cannot add features (resize_inode, dir_index, ext4's) behind our back. */
    static final String FEATURES = "none,filetype,sparse_super,large_file";
    /** ext2 block numbers are 32 bits. */
    static final long MAX_BLOCKS = 0xFFFF_FFFFL;
    /** mke2fs drops a last group smaller than its own metadata plus this many blocks (ext2fs_initialize). */
    private static final long LAST_GROUP_SLACK = 50;

    final int blockSize;
    final long blocksCount;
    final long firstDataBlock;
    final long blocksPerGroup;
    final long groups;
    final long descriptorBlocks;
    final long inodeTableBlocks;
    final long lostFoundBlocks;

    private Mke2fsPlan(int blockSize, long blocksCount) {
        this.blockSize = blockSize;
        this.firstDataBlock = blockSize == 1024 ? 1 : 0;
        this.blocksPerGroup = 8L * blockSize;
        this.blocksCount = blocksCount;
        this.groups = (blocksCount - firstDataBlock + blocksPerGroup - 1) / blocksPerGroup;
        this.descriptorBlocks = (groups + blockSize / 32 - 1) / (blockSize / 32);
        this.inodeTableBlocks = (long) INODES_PER_GROUP * INODE_SIZE / blockSize;
        // create_lost_and_found grows the directory to 16 KiB, but never past the 12 direct blocks.
        this.lostFoundBlocks = Math.min(12, 16384 / blockSize);
    }

    /**
     * The plan for a device of {@code deviceBlocks} blocks: that many, or a few more when the last group would
     * be so small that mke2fs would drop it (and with it the end of the device).
     */
    static Mke2fsPlan forDevice(int blockSize, long deviceBlocks) throws Ext2Exception {
        if (deviceBlocks > MAX_BLOCKS) {
            throw new Ext2Exception("device.blocks " + deviceBlocks + " is more than ext2's 32-bit block numbers "
                    + "reach (" + MAX_BLOCKS + ")");
        }
        // At least one block past the first data block, so that there is a group 0 to grow.
        Mke2fsPlan plan = new Mke2fsPlan(blockSize, Math.max(deviceBlocks, blockSize == 1024 ? 2 : 1));
        long rem = (plan.blocksCount - plan.firstDataBlock) % plan.blocksPerGroup;
        long needed = plan.metadataBlocks(plan.groups - 1) + LAST_GROUP_SLACK;
        if (rem != 0 && rem < needed) {
            plan = new Mke2fsPlan(blockSize, plan.blocksCount + needed - rem);
        }
        if (plan.blocksCount > MAX_BLOCKS) {
            throw new Ext2Exception("device.blocks " + deviceBlocks + " is too close to ext2's limit of " + MAX_BLOCKS
                    + " blocks: mke2fs needs " + plan.blocksCount + " to give the last block group room");
        }
        // Past this, mke2fs would switch to meta_bg and move the descriptors; this plan does not model that.
        if (plan.descriptorBlocks > plan.blocksPerGroup * 3 / 4) {
            throw new Ext2Exception("device.blocks " + deviceBlocks + " needs " + plan.descriptorBlocks
                    + " group descriptor blocks, too many for ext2 without meta_bg; use a larger geometry.blockSize "
                    + "or a smaller device");
        }
        return plan;
    }

    /** mke2fs's options, before the image and the block count. */
    List<String> options() {
        return List.of("-t", "ext2", "-b", String.valueOf(blockSize), "-r", "1", "-I", String.valueOf(INODE_SIZE),
                "-N", String.valueOf(groups * INODES_PER_GROUP), "-O", FEATURES);
    }

    long groupFirst(long group) {
        return firstDataBlock + group * blocksPerGroup;
    }

    /** The group's last block. */
    long groupLast(long group) {
        return Math.min(groupFirst(group) + blocksPerGroup, blocksCount) - 1;
    }

    long groupOf(long block) {
        return (block - firstDataBlock) / blocksPerGroup;
    }

    /** Whether a group holds a superblock and descriptor copy (ext2fs_bg_has_super with sparse_super). */
    static boolean hasSuper(long group) {
        return group <= 1 || isPower(group, 3) || isPower(group, 5) || isPower(group, 7);
    }

    private static boolean isPower(long n, long base) {
        long p = base;
        while (p < n) {
            p *= base;
        }
        return p == n;
    }

    /** Blocks at the start of a group that its own metadata takes (superblock copy, descriptors, bitmaps, table). */
    private long metadataBlocks(long group) {
        return (hasSuper(group) ? 1 + descriptorBlocks : 0) + 2 + inodeTableBlocks;
    }

    /** The first block after the group's metadata (in group 0, after lost+found): the group's first free block. */
    long firstFree(long group) {
        long end = groupFirst(group) + metadataBlocks(group);
        return group == 0 ? end + 1 + lostFoundBlocks : end;
    }

    /** Free blocks in a group right after mke2fs. */
    long freeBlocks(long group) {
        return groupLast(group) + 1 - firstFree(group);
    }

    /** Free blocks on the whole image right after mke2fs (s_free_blocks_count). */
    long freeBlocks() {
        long sum = 0;
        for (long g = 0; g < groups; g++) {
            sum += freeBlocks(g);
        }
        return sum;
    }

    /** Whether mke2fs leaves {@code block} in use (or, with 1 KiB blocks, outside every group: block 0). */
    boolean isTaken(long block) {
        return block < firstDataBlock || block < blocksCount && block < firstFree(groupOf(block));
    }

    /** The first block of from..to that mke2fs uses, or -1. */
    long firstTaken(long from, long to) {
        long b = from;
        while (b <= to) {
            if (isTaken(b)) {
                return b;
            }
            b = groupLast(groupOf(b)) + 1; // the rest of this group is free
        }
        return -1;
    }

    /** What mke2fs puts in a block it uses, for messages: "the inode table of group 0 (blocks 5..8)". */
    String describe(long block) {
        if (block < firstDataBlock) {
            return "the boot block (block 0, outside every block group)";
        }
        long g = groupOf(block);
        long at = groupFirst(g);
        if (hasSuper(g)) {
            if (block == at) {
                return (g == 0 ? "the superblock" : "the backup superblock of group " + g) + " (block " + at + ")";
            }
            if (block <= at + descriptorBlocks) {
                return (g == 0 ? "the" : "group " + g + "'s backup") + " group descriptor table " + range(at + 1,
                        at + descriptorBlocks);
            }
            at += 1 + descriptorBlocks;
        }
        if (block == at) {
            return "the block bitmap of group " + g + " (block " + at + ")";
        }
        if (block == at + 1) {
            return "the inode bitmap of group " + g + " (block " + (at + 1) + ")";
        }
        at += 2;
        if (block < at + inodeTableBlocks) {
            return "the inode table of group " + g + " " + range(at, at + inodeTableBlocks - 1);
        }
        at += inodeTableBlocks;
        if (block == at) {
            return "the root directory (block " + at + ")";
        }
        return "lost+found " + range(at + 1, at + lostFoundBlocks);
    }

    private static String range(long first, long last) {
        return first == last ? "(block " + first + ")" : "(blocks " + first + ".." + last + ")";
    }
}
