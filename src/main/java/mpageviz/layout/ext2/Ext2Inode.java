package mpageviz.layout.ext2;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The fields of an on-disk {@code struct ext2_inode} the importer needs (kernel-semantics.md §9.1): mode, size
 * (with i_size_high for regular files, as ext2_iget reads it), flags and the fifteen block pointers.
 */
public final class Ext2Inode {
    /** i_block slots: 12 direct, then single, double and triple indirect. */
    public static final int N_BLOCKS = 15;
    public static final int NDIR_BLOCKS = 12;

    public static final int S_IFMT = 0xF000;
    public static final int S_IFSOCK = 0xC000;
    public static final int S_IFLNK = 0xA000;
    public static final int S_IFREG = 0x8000;
    public static final int S_IFBLK = 0x6000;
    public static final int S_IFDIR = 0x4000;
    public static final int S_IFCHR = 0x2000;
    public static final int S_IFIFO = 0x1000;

    /** ext4's flags for an extent tree or inline data: such an inode has no ext2 block pointers. */
    static final long EXTENTS_FL = 0x80000;
    static final long INLINE_DATA_FL = 0x10000000;

    private final long number;
    private final int mode;
    private final long size;
    private final int linksCount;
    private final long flags;
    private final long[] block = new long[N_BLOCKS];

    private Ext2Inode(long number, ByteBuffer raw) {
        ByteBuffer b = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.number = number;
        this.mode = Short.toUnsignedInt(b.getShort(0));
        this.linksCount = Short.toUnsignedInt(b.getShort(26));
        this.flags = Ext2Superblock.u32(b, 32);
        for (int i = 0; i < N_BLOCKS; i++) {
            block[i] = Ext2Superblock.u32(b, 40 + 4 * i);
        }
        long low = Ext2Superblock.u32(b, 4);
        // i_dir_acl doubles as i_size_high, but only regular files use it that way.
        long high = (mode & S_IFMT) == S_IFREG ? Ext2Superblock.u32(b, 108) : 0;
        this.size = (high << 32) | low;
    }

    /** Decodes the first 128 bytes of {@code raw} (its position is ignored: the inode starts at index 0). */
    static Ext2Inode parse(long number, ByteBuffer raw) {
        return new Ext2Inode(number, raw);
    }

    public long number() {
        return number;
    }

    public int mode() {
        return mode;
    }

    /** i_size, 64 bits for regular files. Unsigned on disk; a value past 2^63 comes back negative. */
    public long size() {
        return size;
    }

    public int linksCount() {
        return linksCount;
    }

    public long flags() {
        return flags;
    }

    /** i_block[i]: 0 is a hole. */
    public long block(int i) {
        return block[i];
    }

    public boolean isRegular() {
        return (mode & S_IFMT) == S_IFREG;
    }

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public boolean isSymlink() {
        return (mode & S_IFMT) == S_IFLNK;
    }

    /** A short word for the file type, as {@code ext2 ls} prints it. */
    public String typeName() {
        switch (mode & S_IFMT) {
            case S_IFREG:
                return "file";
            case S_IFDIR:
                return "dir";
            case S_IFLNK:
                return "symlink";
            case S_IFCHR:
                return "chardev";
            case S_IFBLK:
                return "blockdev";
            case S_IFIFO:
                return "fifo";
            case S_IFSOCK:
                return "socket";
            default:
                return mode == 0 ? "free" : "unknown";
        }
    }
}
