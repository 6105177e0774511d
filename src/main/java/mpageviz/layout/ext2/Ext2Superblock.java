package mpageviz.layout.ext2;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of {@code struct ext2_super_block} the importer needs, checked for sanity as {@code ext2_fill_super}
 * and e2fsck would, plus the values derived from them (kernel-semantics.md §9.1).
 *
 * @param inodesCount     s_inodes_count
 * @param blocksCount     s_blocks_count: the device size in blocks
 * @param firstDataBlock  s_first_data_block: 1 for 1 KiB blocks, 0 otherwise
 * @param blockSize       1024 &lt;&lt; s_log_block_size
 * @param blocksPerGroup  s_blocks_per_group
 * @param inodesPerGroup  s_inodes_per_group
 * @param revLevel        0 (GOOD_OLD) or 1 (DYNAMIC)
 * @param firstIno        first non-reserved inode (11 in revision 0)
 * @param inodeSize       on-disk inode size (128 in revision 0)
 * @param featureCompat   s_feature_compat
 * @param featureIncompat s_feature_incompat
 * @param featureRoCompat s_feature_ro_compat
 * @param firstMetaBg     s_first_meta_bg (used only with META_BG)
 * @param volumeName      s_volume_name, without trailing NULs
 * @param groups          number of block groups
 */
public record Ext2Superblock(long inodesCount, long blocksCount, long firstDataBlock, int blockSize,
                             long blocksPerGroup, long inodesPerGroup, int revLevel, long firstIno, int inodeSize,
                             long featureCompat, long featureIncompat, long featureRoCompat, long firstMetaBg,
                             String volumeName, long groups) {

    /** The superblock's byte offset on every ext2 device. */
    public static final int OFFSET = 1024;
    public static final int SIZE = 1024;
    public static final int MAGIC = 0xEF53;

    public static final long INCOMPAT_FILETYPE = 0x2;
    public static final long INCOMPAT_META_BG = 0x10;
    public static final long RO_COMPAT_SPARSE_SUPER = 0x1;

    /** Incompatible features ext2 in 3.2–3.8 can mount (kernel-semantics.md §9.1). */
    private static final long INCOMPAT_SUPPORTED = INCOMPAT_FILETYPE | INCOMPAT_META_BG;
    private static final String[] INCOMPAT_NAMES = {"compression", "filetype", "needs_recovery", "journal_dev",
        "meta_bg", "bit5", "extent", "64bit", "mmp", "flex_bg", "ea_inode", "bit11", "dirdata", "metadata_csum_seed",
        "large_dir", "inline_data", "encrypt", "casefold"};

    /** Bytes of one block group descriptor. */
    public static final int DESC_SIZE = 32;

    /**
     * Parses and checks the superblock.
     *
     * @param raw        the 1024 bytes at byte offset 1024
     * @param imageBytes the image's length, to catch a truncated image
     */
    public static Ext2Superblock parse(ByteBuffer raw, long imageBytes) throws Ext2Exception {
        ByteBuffer b = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int magic = Short.toUnsignedInt(b.getShort(56));
        if (magic != MAGIC) {
            throw new Ext2Exception(String.format("superblock: bad magic 0x%04X (expected 0xEF53)", magic));
        }
        long revLevel = u32(b, 76);
        if (revLevel > 1) {
            throw new Ext2Exception("superblock: revision level " + revLevel + " is not 0 (GOOD_OLD) or 1 (DYNAMIC)");
        }
        long log = u32(b, 24);
        if (log > 6) {
            throw new Ext2Exception("superblock: s_log_block_size " + log + " gives a block size above 65536");
        }
        int blockSize = 1024 << log;
        long firstDataBlock = u32(b, 20);
        long expectedFirst = blockSize == 1024 ? 1 : 0;
        if (firstDataBlock != expectedFirst) {
            throw new Ext2Exception("superblock: s_first_data_block is " + firstDataBlock + ", expected "
                    + expectedFirst + " for " + blockSize + "-byte blocks");
        }
        long blocksCount = u32(b, 4);
        if (blocksCount <= firstDataBlock + 1) {
            throw new Ext2Exception("superblock: s_blocks_count " + blocksCount + " leaves no room for data");
        }
        if (blocksCount > imageBytes / blockSize) {
            throw new Ext2Exception("image: truncated: its " + imageBytes + " bytes hold " + imageBytes / blockSize
                    + " blocks of " + blockSize + " bytes, but s_blocks_count is " + blocksCount);
        }
        long maxPerGroup = 8L * blockSize; // one bitmap block per group
        long blocksPerGroup = u32(b, 32);
        if (blocksPerGroup < 1 || blocksPerGroup > maxPerGroup) {
            throw new Ext2Exception("superblock: s_blocks_per_group " + blocksPerGroup + " is out of range 1.."
                    + maxPerGroup + " (8 × block size)");
        }
        int inodeSize = 128;
        long firstIno = 11;
        if (revLevel == 1) {
            inodeSize = Short.toUnsignedInt(b.getShort(88));
            if (inodeSize < 128 || inodeSize > blockSize || Integer.bitCount(inodeSize) != 1) {
                throw new Ext2Exception("superblock: s_inode_size " + inodeSize
                        + " is not a power of two in 128.." + blockSize + " (the block size)");
            }
            firstIno = u32(b, 84);
        }
        long groups = (blocksCount - firstDataBlock - 1) / blocksPerGroup + 1;
        long inodesPerGroup = u32(b, 40);
        if (inodesPerGroup < 1 || inodesPerGroup > maxPerGroup) {
            throw new Ext2Exception("superblock: s_inodes_per_group " + inodesPerGroup + " is out of range 1.."
                    + maxPerGroup + " (8 × block size)");
        }
        long tableBlocks = (inodesPerGroup * inodeSize + blockSize - 1) / blockSize;
        if (tableBlocks > blocksPerGroup) {
            throw new Ext2Exception("superblock: s_inodes_per_group " + inodesPerGroup + " needs an inode table of "
                    + tableBlocks + " blocks, more than s_blocks_per_group " + blocksPerGroup);
        }
        long inodesCount = u32(b, 0);
        if (inodesCount < 2 || inodesCount > groups * inodesPerGroup) {
            throw new Ext2Exception("superblock: s_inodes_count " + inodesCount + " is out of range 2.."
                    + groups * inodesPerGroup + " (" + groups + " groups × s_inodes_per_group " + inodesPerGroup
                    + ")");
        }
        if (firstIno < 3 || firstIno > inodesCount) {
            throw new Ext2Exception("superblock: s_first_ino " + firstIno + " is out of range 3.." + inodesCount
                    + " (s_inodes_count)");
        }
        long incompat = u32(b, 96);
        long unsupported = incompat & ~INCOMPAT_SUPPORTED;
        if (unsupported != 0) {
            throw new Ext2Exception(String.format("superblock: incompatible features 0x%X (%s) are not ext2; only "
                    + "filetype and meta_bg are supported", unsupported, featureNames(unsupported)));
        }
        byte[] name = new byte[16];
        b.get(120, name);
        Ext2Superblock sb = new Ext2Superblock(inodesCount, blocksCount, firstDataBlock, blockSize, blocksPerGroup,
                inodesPerGroup, (int) revLevel, firstIno, inodeSize, u32(b, 92), incompat, u32(b, 100), u32(b, 260),
                cString(name), groups);
        sb.checkDescriptorTable();
        return sb;
    }

    /** Without META_BG the descriptor table follows the superblock's block and must fit on the device. */
    private void checkDescriptorTable() throws Ext2Exception {
        long tableBlocks = (groups + descPerBlock() - 1) / descPerBlock();
        long first = firstDataBlock + 1;
        long last = first + (hasFeature(INCOMPAT_META_BG) ? Math.min(tableBlocks, firstMetaBg) : tableBlocks) - 1;
        if (last >= blocksCount) {
            throw new Ext2Exception("superblock: the group descriptor table (blocks " + first + ".." + last
                    + ") reaches past the end of the device (" + blocksCount + " blocks)");
        }
    }

    private boolean hasFeature(long incompatBit) {
        return (featureIncompat & incompatBit) != 0;
    }

    /** Whether directory entries carry a file type byte (and so an 8-bit name_len). */
    public boolean hasFileType() {
        return hasFeature(INCOMPAT_FILETYPE);
    }

    /** Group descriptors per block. */
    public long descPerBlock() {
        return blockSize / DESC_SIZE;
    }

    /** Block pointers per indirect block (addr_per_block). */
    public int ptrsPerBlock() {
        return blockSize / 4;
    }

    /** Blocks of one group's inode table. */
    public long inodeTableBlocks() {
        return (inodesPerGroup * inodeSize + blockSize - 1) / blockSize;
    }

    /** The disk block holding descriptor block {@code n} (the kernel's descriptor_loc). */
    public long descriptorBlock(long n) {
        if (!hasFeature(INCOMPAT_META_BG) || n < firstMetaBg) {
            return firstDataBlock + 1 + n;
        }
        long group = n * descPerBlock();
        return group * blocksPerGroup + firstDataBlock + (hasSuper(group) ? 1 : 0);
    }

    /** Whether a group holds a superblock copy (ext2_bg_has_super). */
    public boolean hasSuper(long group) {
        if ((featureRoCompat & RO_COMPAT_SPARSE_SUPER) == 0 || group <= 1) {
            return true;
        }
        return isPower(group, 3) || isPower(group, 5) || isPower(group, 7);
    }

    private static boolean isPower(long n, long base) {
        long p = base;
        while (p < n) {
            p *= base;
        }
        return p == n;
    }

    static String featureNames(long bits) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            if ((bits & (1L << i)) != 0) {
                names.add(i < INCOMPAT_NAMES.length ? INCOMPAT_NAMES[i] : "bit" + i);
            }
        }
        return String.join(", ", names);
    }

    static long u32(ByteBuffer b, int offset) {
        return Integer.toUnsignedLong(b.getInt(offset));
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
