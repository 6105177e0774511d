package mpageviz.layout.ext2;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real ext2 image opened read-only: superblock, group descriptors, inodes, directories and path lookup
 * (kernel-semantics.md §9.1). Everything read from the image is checked before it is used, so a corrupt image
 * gives an {@link Ext2Exception} naming the field, never a huge allocation or an endless loop.
 */
public final class Ext2Image implements Closeable {
    public static final long ROOT_INO = 2;
    /** The smallest rec_len a directory entry can have (EXT2_DIR_REC_LEN(1)). */
    private static final int MIN_REC_LEN = 12;

    private final Path path;
    private final FileChannel channel;
    private final Ext2Superblock sb;
    /** bg_inode_table of each group looked at so far, checked. */
    private final Map<Long, Long> inodeTables = new HashMap<>();

    private Ext2Image(Path path, FileChannel channel, Ext2Superblock sb) {
        this.path = path;
        this.channel = channel;
        this.sb = sb;
    }

    /** Opens an image and checks its superblock. */
    public static Ext2Image open(Path path) throws Ext2Exception {
        if (Files.isDirectory(path)) {
            throw new Ext2Exception("image: " + path + " is a folder");
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new Ext2Exception("image: " + path + ": no such file");
        } catch (IOException e) {
            throw new Ext2Exception("image: cannot open " + path + " (" + e.getMessage() + ")", e);
        }
        try {
            long bytes = ch.size();
            int end = Ext2Superblock.OFFSET + Ext2Superblock.SIZE;
            if (bytes < end) {
                throw new Ext2Exception("image: truncated: " + bytes + " bytes cannot hold the superblock (bytes "
                        + Ext2Superblock.OFFSET + ".." + (end - 1) + ")");
            }
            ByteBuffer raw = read(ch, Ext2Superblock.OFFSET, Ext2Superblock.SIZE);
            return new Ext2Image(path, ch, Ext2Superblock.parse(raw, bytes));
        } catch (Ext2Exception e) {
            closeQuietly(ch);
            throw e;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new Ext2Exception("image: cannot read " + path + " (" + e.getMessage() + ")", e);
        }
    }

    public Path path() {
        return path;
    }

    public Ext2Superblock superblock() {
        return sb;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    // ---- blocks, groups, inodes ----

    /** One whole block, little-endian. */
    ByteBuffer readBlock(long block) throws Ext2Exception {
        if (block < 0 || block >= sb.blocksCount()) {
            throw new Ext2Exception("block " + block + " is past the end of the device (" + sb.blocksCount()
                    + " blocks)");
        }
        return readAt(block * sb.blockSize(), sb.blockSize());
    }

    private ByteBuffer readAt(long pos, int length) throws Ext2Exception {
        try {
            return read(channel, pos, length);
        } catch (IOException e) {
            throw new Ext2Exception("image: read of " + length + " bytes at byte " + pos + " failed ("
                    + e.getMessage() + ")", e);
        }
    }

    private static ByteBuffer read(FileChannel ch, long pos, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new IOException("unexpected end of the image at byte " + (pos + buf.position()));
            }
        }
        return buf.flip();
    }

    /** bg_inode_table of {@code group}, checked to lie on the device with its whole table. */
    private long inodeTable(long group) throws Ext2Exception {
        Long known = inodeTables.get(group);
        if (known != null) {
            return known;
        }
        long descBlock = sb.descriptorBlock(group / sb.descPerBlock());
        if (descBlock >= sb.blocksCount()) {
            throw new Ext2Exception("group " + group + ": its descriptor block " + descBlock
                    + " is past the end of the device (" + sb.blocksCount() + " blocks)");
        }
        long offset = (group % sb.descPerBlock()) * Ext2Superblock.DESC_SIZE;
        ByteBuffer d = readAt(descBlock * sb.blockSize() + offset, Ext2Superblock.DESC_SIZE);
        long table = Ext2Superblock.u32(d, 8);
        if (table == 0 || table + sb.inodeTableBlocks() > sb.blocksCount()) {
            throw new Ext2Exception("group " + group + ": bg_inode_table " + table + " (" + sb.inodeTableBlocks()
                    + " blocks) does not lie on the device (" + sb.blocksCount() + " blocks)");
        }
        inodeTables.put(group, table);
        return table;
    }

    /** Reads inode {@code ino} (1-based). */
    public Ext2Inode inode(long ino) throws Ext2Exception {
        if (ino < 1 || ino > sb.inodesCount()) {
            throw new Ext2Exception("inode " + ino + " is out of range 1.." + sb.inodesCount()
                    + " (s_inodes_count)");
        }
        long group = (ino - 1) / sb.inodesPerGroup();
        long byteInTable = ((ino - 1) % sb.inodesPerGroup()) * sb.inodeSize();
        long pos = inodeTable(group) * sb.blockSize() + byteInTable;
        return Ext2Inode.parse(ino, readAt(pos, 128));
    }

    /**
     * The block map of a regular file or directory. Inodes without ext2 block pointers (ext4 extents, inline
     * data, fast symlinks, devices) are refused.
     */
    public Ext2BlockMap blockMap(Ext2Inode inode) throws Ext2Exception {
        String who = "inode " + inode.number();
        if (!inode.isRegular() && !inode.isDirectory()) {
            throw new Ext2Exception(who + ": a " + inode.typeName() + " has no data blocks to map");
        }
        if ((inode.flags() & Ext2Inode.EXTENTS_FL) != 0) {
            throw new Ext2Exception(who + ": uses an ext4 extent tree (i_flags 0x"
                    + Long.toHexString(inode.flags()) + "), not ext2 block pointers");
        }
        if ((inode.flags() & Ext2Inode.INLINE_DATA_FL) != 0) {
            throw new Ext2Exception(who + ": keeps its data inline (i_flags 0x" + Long.toHexString(inode.flags())
                    + "), not in blocks");
        }
        return Ext2BlockMap.walk(this, inode);
    }

    // ---- directories and paths ----

    /** The inode a path names; "/" and "" are the root. Symbolic links are not followed. */
    public Ext2Inode lookup(String filePath) throws Ext2Exception {
        Ext2Inode current = inode(ROOT_INO);
        StringBuilder seen = new StringBuilder();
        for (String name : components(filePath)) {
            String dirPath = seen.length() == 0 ? "/" : seen.toString();
            if (!current.isDirectory()) {
                throw new Ext2Exception(filePath + ": " + dirPath + " is a " + current.typeName()
                        + ", not a directory" + (current.isSymlink() ? " (links are not followed)" : ""));
            }
            long found = 0;
            for (RawEntry e : readDirectory(current, dirPath)) {
                if (e.name().equals(name)) {
                    found = e.inode();
                    break;
                }
            }
            if (found == 0) {
                throw new Ext2Exception(filePath + ": no such file or directory (" + dirPath + " has no entry \""
                        + name + "\")");
            }
            seen.append('/').append(name);
            current = inode(found);
        }
        return current;
    }

    /** The entries of the directory at {@code dirPath} (with "." and ".."), or the one entry of a non-directory. */
    public List<Ext2DirEntry> list(String dirPath) throws Ext2Exception {
        Ext2Inode target = lookup(dirPath);
        List<Ext2DirEntry> out = new ArrayList<>();
        if (!target.isDirectory()) {
            List<String> parts = components(dirPath);
            String name = parts.isEmpty() ? "/" : parts.get(parts.size() - 1);
            out.add(new Ext2DirEntry(name, target.number(), target.typeName(), target.size()));
            return out;
        }
        for (RawEntry e : readDirectory(target, normalize(dirPath))) {
            Ext2Inode child = inode(e.inode());
            out.add(new Ext2DirEntry(e.name(), e.inode(), child.typeName(), child.size()));
        }
        return out;
    }

    /** "/a/b" for "a//b/", "/" for "" and "/". */
    public static String normalize(String filePath) {
        List<String> parts = components(filePath);
        return parts.isEmpty() ? "/" : "/" + String.join("/", parts);
    }

    private static List<String> components(String filePath) {
        List<String> parts = new ArrayList<>();
        for (String p : filePath.split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts;
    }

    /** A used directory entry (inode != 0). */
    private record RawEntry(String name, long inode) {
    }

    /**
     * Walks the ext2_dir_entry_2 records of every block of a directory, checking each as ext2_check_page does:
     * rec_len at least 12, a multiple of 4, inside the block and large enough for the name; the inode in range.
     */
    private List<RawEntry> readDirectory(Ext2Inode dir, String dirPath) throws Ext2Exception {
        int bs = sb.blockSize();
        String who = "directory " + dirPath;
        if (dir.size() < 0 || dir.size() % bs != 0) {
            throw new Ext2Exception(who + ": i_size " + Long.toUnsignedString(dir.size())
                    + " is not a multiple of the block size " + bs);
        }
        long blocks = dir.size() / bs;
        if (blocks > sb.blocksCount()) {
            throw new Ext2Exception(who + ": i_size " + dir.size() + " is larger than the device");
        }
        Ext2BlockMap map = blockMap(dir);
        List<RawEntry> out = new ArrayList<>();
        for (long n = 0; n < blocks; n++) {
            long block = map.physicalOf(n);
            if (block < 0) {
                throw new Ext2Exception(who + ": block " + n + " of its " + blocks + " is a hole");
            }
            ByteBuffer b = readBlock(block);
            String where = who + ", block " + block + ": entry at offset ";
            int off = 0;
            while (off < bs) {
                if (off + 8 > bs) {
                    throw new Ext2Exception(where + off + " runs past the block end");
                }
                long ino = Ext2Superblock.u32(b, off);
                int recLen = recLen(Short.toUnsignedInt(b.getShort(off + 4)));
                int nameLen = sb.hasFileType() ? Byte.toUnsignedInt(b.get(off + 6))
                        : Short.toUnsignedInt(b.getShort(off + 6));
                if (recLen < MIN_REC_LEN) {
                    throw new Ext2Exception(where + off + " has rec_len " + recLen + ", below the minimum "
                            + MIN_REC_LEN);
                }
                if (recLen % 4 != 0) {
                    throw new Ext2Exception(where + off + " has rec_len " + recLen + ", not a multiple of 4");
                }
                if (off + recLen > bs) {
                    throw new Ext2Exception(where + off + " has rec_len " + recLen + ", past the block end");
                }
                if (8 + nameLen > recLen) {
                    throw new Ext2Exception(where + off + " has name_len " + nameLen + ", more than its rec_len "
                            + recLen + " holds");
                }
                if (ino > sb.inodesCount()) {
                    throw new Ext2Exception(where + off + " names inode " + ino + ", past s_inodes_count "
                            + sb.inodesCount());
                }
                if (ino != 0) {
                    byte[] name = new byte[nameLen];
                    b.get(off + 8, name);
                    out.add(new RawEntry(new String(name, StandardCharsets.UTF_8), ino));
                }
                off += recLen;
            }
        }
        return out;
    }

    /** ext2_rec_len_from_disk: 64 KiB blocks store a whole-block rec_len as 65535 or 0. */
    private int recLen(int disk) {
        if (sb.blockSize() >= 65536 && (disk == 65535 || disk == 0)) {
            return 65536;
        }
        return disk;
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing with a better message
        }
    }
}
