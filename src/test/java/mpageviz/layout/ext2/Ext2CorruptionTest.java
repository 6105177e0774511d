package mpageviz.layout.ext2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import mpageviz.layout.ext2.Ext2Images.Stat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupt images give one clear error naming what is wrong, within a second: a truncated image, a bad superblock,
 * block pointers off the device, indirect blocks that point at themselves, each other or a shared child, absurd
 * sizes and directory entries that overrun their block.
 */
class Ext2CorruptionTest {
    private static final int BS = 1024;
    private static final long BLOCKS = 2048;

    @TempDir
    static Path shared;
    private static Path template;
    private static Stat f;
    private static Stat t;
    private static Stat d;

    @TempDir
    Path dir;
    private Path img;

    /**
     * One template image: /f (600 blocks, into the double-indirect range), /t (sparse, reaching the triple-indirect
     * range), /d (a directory holding /d/x). Each test corrupts its own copy.
     */
    @BeforeAll
    static void template() {
        Ext2Images.assumeTools();
        template = Ext2Images.mkfs(shared.resolve("template.img"), new Ext2Images.Fs(BS, 128, 1, BLOCKS));
        long tind = 12 + 256 + 256 * 256;
        Path fSrc = Ext2Images.denseFile(shared, "f", 600L * BS, BS, 1);
        Path tSrc = Ext2Images.sparseFile(shared, "t", (tind + 8) * BS, BS, 2, new long[] {0, 0},
                new long[] {tind + 5, tind + 6});
        Path xSrc = Ext2Images.denseFile(shared, "x", 100, BS, 3);
        Ext2Images.debugfs(template, true, "write " + fSrc + " f", "write " + tSrc + " t", "mkdir d",
                "write " + xSrc + " d/x");
        f = Ext2Images.stat(template, "/f", BS);
        t = Ext2Images.stat(template, "/t", BS);
        d = Ext2Images.stat(template, "/d", BS);
    }

    @BeforeEach
    void copy() throws IOException {
        img = Files.copy(template, dir.resolve("img"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Opens the copy, lists "/" and "/d" and builds a layout of {@code file}; returns the error's message. */
    private String errorOf(String file) {
        Ext2Exception e = assertThrows(Ext2Exception.class, () -> assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> {
                    try (Ext2Image image = Ext2Image.open(img)) {
                        image.list("/");
                        image.list("/d");
                        Ext2LayoutBuilder.build(image, file, Ext2LayoutBuilder.Call.readpages(), 4096, null);
                    }
                }));
        return e.getMessage();
    }

    private long inode(String file) throws Exception {
        try (Ext2Image image = Ext2Image.open(template)) {
            return image.lookup(file).number();
        }
    }

    private static Ext2Superblock superblock() {
        try (Ext2Image image = Ext2Image.open(template)) {
            return image.superblock();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void sif(String file, String field, String value) {
        Ext2Images.debugfs(img, true, "set_inode_field " + file + " " + field + " " + value);
    }

    // ---- the image and its superblock ----

    @Test
    void truncatedImage() throws IOException {
        byte[] all = Files.readAllBytes(template);
        Files.write(img, java.util.Arrays.copyOf(all, all.length / 2));
        assertEquals("image: truncated: its " + all.length / 2 + " bytes hold " + BLOCKS / 2 + " blocks of 1024 "
                + "bytes, but s_blocks_count is " + BLOCKS, errorOf("/f"));
        Files.write(img, java.util.Arrays.copyOf(all, 1500));
        assertEquals("image: truncated: 1500 bytes cannot hold the superblock (bytes 1024..2047)", errorOf("/f"));
        Files.write(img, new byte[0]);
        assertEquals("image: truncated: 0 bytes cannot hold the superblock (bytes 1024..2047)", errorOf("/f"));
    }

    @Test
    void missingImageOrAFolder() throws IOException {
        Files.delete(img);
        assertEquals("image: " + img + ": no such file", errorOf("/f"));
        Files.createDirectory(img);
        assertEquals("image: " + img + " is a folder", errorOf("/f"));
    }

    @Test
    void badMagic() {
        Ext2Images.pokeU16(img, 1024 + 56, 0x1234);
        assertEquals("superblock: bad magic 0x1234 (expected 0xEF53)", errorOf("/f"));
    }

    @Test
    void badSuperblockFields() throws IOException {
        Ext2Images.pokeU32(img, 1024 + 76, 7);
        assertEquals("superblock: revision level 7 is not 0 (GOOD_OLD) or 1 (DYNAMIC)", errorOf("/f"));
        copy();
        Ext2Images.pokeU32(img, 1024 + 24, 30);
        assertEquals("superblock: s_log_block_size 30 gives a block size above 65536", errorOf("/f"));
        copy();
        Ext2Images.pokeU32(img, 1024 + 24, 2); // 4 KiB blocks, but s_first_data_block stays 1
        assertEquals("superblock: s_first_data_block is 1, expected 0 for 4096-byte blocks", errorOf("/f"));
        copy();
        Ext2Images.pokeU32(img, 1024 + 32, 0);
        assertEquals("superblock: s_blocks_per_group 0 is out of range 1..8192 (8 × block size)", errorOf("/f"));
        copy();
        Ext2Images.pokeU16(img, 1024 + 88, 100);
        assertEquals("superblock: s_inode_size 100 is not a power of two in 128..1024 (the block size)",
                errorOf("/f"));
        copy();
        Ext2Images.pokeU32(img, 1024, 0xFFFFFFF0L);
        assertTrue(errorOf("/f").startsWith("superblock: s_inodes_count 4294967280 is out of range 2.."));
        copy();
        Ext2Images.pokeU32(img, 1024 + 4, 0xFFFFFFFFL);
        assertTrue(errorOf("/f").startsWith("image: truncated: its " + BLOCKS * BS + " bytes hold"));
        copy();
        Ext2Images.pokeU32(img, 1024 + 96, 0x2C2); // filetype + extent + 64bit + flex_bg
        assertEquals("superblock: incompatible features 0x2C0 (extent, 64bit, flex_bg) are not ext2; only filetype "
                + "and meta_bg are supported", errorOf("/f"));
    }

    @Test
    void ext4Image_isRefused() {
        Path ext4 = dir.resolve("ext4.img");
        img = ext4;
        Ext2Images.mkfs(ext4, 4096, "-t", "ext4", "-b", "1024");
        assertTrue(errorOf("/").matches("superblock: incompatible features 0x[0-9A-F]+ \\(.*extent.*\\) are not ext2;"
                + " only filetype and meta_bg are supported"), errorOf("/"));
    }

    @Test
    void groupDescriptorPointingOffTheDevice() {
        Ext2Images.pokeU32(img, 2L * BS + 8, 99999); // group 0's bg_inode_table (the table is in block 2)
        assertEquals("group 0: bg_inode_table 99999 (" + superblock().inodeTableBlocks()
                + " blocks) does not lie on the device (2048 blocks)", errorOf("/f"));
    }

    // ---- block pointers ----

    @Test
    void directPointerPastTheDevice() throws Exception {
        sif("/f", "block[0]", "99999");
        assertEquals("inode " + inode("/f") + ": i_block[0] points at block 99999, past the end of the device (2048 "
                + "blocks)", errorOf("/f"));
        copy();
        sif("/f", "block[DIND]", "4294967295");
        assertEquals("inode " + inode("/f") + ": i_block[13] points at block 4294967295, past the end of the device"
                + " (2048 blocks)", errorOf("/f"));
    }

    @Test
    void indirectSlotPastTheDevice() throws Exception {
        long ind = f.indirect().get(0);
        Ext2Images.pokeU32(img, ind * BS + 4 * 3, 5_000_000);
        assertEquals("inode " + inode("/f") + ": indirect block " + ind + ", slot 3 points at block 5000000, past "
                + "the end of the device (2048 blocks)", errorOf("/f"));
    }

    @Test
    void indirectBlockPointingAtItself() throws Exception {
        long dind = f.indirect().get(f.levels().indexOf(2));
        Ext2Images.pokeU32(img, dind * BS + 4, dind);
        assertEquals("inode " + inode("/f") + ": indirect block " + dind + " points at itself (slot 1)",
                errorOf("/f"));
        copy();
        // A single-indirect block naming itself as a data block.
        long ind = f.indirect().get(0);
        Ext2Images.pokeU32(img, ind * BS + 4 * 7, ind);
        assertEquals("inode " + inode("/f") + ": indirect block " + ind + " points at itself (slot 7)",
                errorOf("/f"));
    }

    @Test
    void indirectBlocksPointingAtEachOther() throws Exception {
        // /t: i_block[14] -> tind -> dind -> ind -> data. Make the dind point back at the tind.
        long tind = t.indirect().get(t.levels().indexOf(3));
        long dind = t.indirect().get(t.levels().lastIndexOf(2));
        Ext2Images.pokeU32(img, dind * BS, tind);
        assertEquals("inode " + inode("/t") + ": indirect blocks " + tind + " and " + dind + " point at each other "
                + "(indirect block " + dind + ", slot 0 points back at " + tind + ", which leads to " + dind + ")",
                errorOf("/t"));
    }

    @Test
    void indirectBlocksSharingAChild_andDataBlocksUsedTwice() throws Exception {
        long dind = f.indirect().get(f.levels().indexOf(2));
        long firstInd = f.indirect().get(f.levels().indexOf(2) + 1);
        Ext2Images.pokeU32(img, dind * BS + 4, firstInd);
        assertEquals("inode " + inode("/f") + ": block " + firstInd + " is used twice: as indirect block (from "
                + "indirect block " + dind + ", slot 0) and as indirect block (from indirect block " + dind
                + ", slot 1)", errorOf("/f"));
        copy();
        sif("/f", "block[1]", String.valueOf(f.data().get(0L)));
        assertEquals("inode " + inode("/f") + ": block " + f.data().get(0L) + " is used twice: as the data block of "
                + "logical block 0 and as the data block of logical block 1 (from i_block[1])", errorOf("/f"));
        copy();
        sif("/f", "block[5]", String.valueOf(f.indirect().get(0)));
        assertTrue(errorOf("/f").contains("block " + f.indirect().get(0) + " is used twice: as the data block of "
                + "logical block 5"), errorOf("/f"));
    }

    @Test
    void absurdSizes() throws Exception {
        String who = "inode " + inode("/f") + " (/f): i_size ";
        sif("/f", "size", "0xFFFFFFFFFFFFFFFF");
        assertEquals(who + "18446744073709551615 is absurd: the largest file a layout of 1024-byte ext2 blocks "
                + "holds is 17247252480 bytes", errorOf("/f"));
        copy();
        sif("/f", "size", "0x10000000000000");
        assertTrue(errorOf("/f").startsWith(who + "4503599627370496 is absurd"));
        copy();
        // Large but possible: a sparse file of 16 GiB builds (readpages of it all, without listing the pages).
        sif("/f", "size", "0x400000000");
        try (Ext2Image image = Ext2Image.open(img)) {
            assertEquals(0x400000000L / 4096, assertTimeoutPreemptively(Duration.ofSeconds(1),
                    () -> Ext2LayoutBuilder.build(image, "/f", Ext2LayoutBuilder.Call.readpages(), 4096, null))
                    .run().count());
            // Writing it would cover holes past block 599, and is refused before any page is made.
            assertEquals("/f: page 150 covers a hole at logical block 600: writing there needs ext2 block "
                    + "allocation, which is not supported", assertThrows(Ext2Exception.class,
                    () -> Ext2LayoutBuilder.build(image, "/f", Ext2LayoutBuilder.Call.writepages(), 4096, null))
                    .getMessage());
        }
    }

    @Test
    void extentMappedInode_isRefused() throws Exception {
        sif("/f", "flags", "0x80000");
        assertEquals("inode " + inode("/f") + ": uses an ext4 extent tree (i_flags 0x80000), not ext2 block "
                + "pointers", errorOf("/f"));
    }

    // ---- directories ----

    /** Byte offset in the image of /d's first block plus {@code offset}. */
    private long dirByte(int offset) {
        return d.data().get(0L) * BS + offset;
    }

    @Test
    void directoryEntriesThatOverrunTheirBlock() {
        long block = d.data().get(0L);
        String at = "directory /d, block " + block + ": entry at offset ";
        // "." is at offset 0 and ".." at 12, each with rec_len 12; x follows with the rest of the block.
        Ext2Images.pokeU16(img, dirByte(12 + 4), BS + 100);
        assertEquals(at + "12 has rec_len 1124, past the block end", errorOf("/d/x"));
        Ext2Images.pokeU16(img, dirByte(12 + 4), 12); // ".." as it was (x follows it)
        Ext2Images.pokeU16(img, dirByte(4), 14);
        assertEquals(at + "0 has rec_len 14, not a multiple of 4", errorOf("/d/x"));
        Ext2Images.pokeU16(img, dirByte(4), 8);
        assertEquals(at + "0 has rec_len 8, below the minimum 12", errorOf("/d/x"));
        Ext2Images.pokeU16(img, dirByte(4), 12);
        Ext2Images.poke(img, dirByte(6), (byte) 250);
        assertEquals(at + "0 has name_len 250, more than its rec_len 12 holds", errorOf("/d/x"));
        Ext2Images.poke(img, dirByte(6), (byte) 1);
        Ext2Images.pokeU32(img, dirByte(0), 99999);
        assertEquals(at + "0 names inode 99999, past s_inodes_count " + superblock().inodesCount(), errorOf("/d/x"));
    }

    @Test
    void directorySizes() throws Exception {
        sif("/d", "size", "1000");
        assertEquals("directory /d: i_size 1000 is not a multiple of the block size 1024", errorOf("/d/x"));
        copy();
        sif("/d", "size", "4096");
        assertEquals("directory /d: block 1 of its 4 is a hole", errorOf("/d/x"));
        copy();
        sif("/d", "size", "0x7FFFFC00");
        assertEquals("directory /d: i_size 2147482624 is larger than the device", errorOf("/d/x"));
    }

    @Test
    void everyMessageIsOneLine() {
        for (String m : List.of(errorOfAfter(() -> Ext2Images.pokeU16(img, 1024 + 56, 0)),
                errorOfAfter(() -> Ext2Images.pokeU32(img, dirByte(0), 99999)))) {
            assertTrue(!m.contains("\n") && !m.isBlank(), m);
        }
    }

    private String errorOfAfter(Runnable corruption) {
        try {
            copy();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        corruption.run();
        return errorOf("/d/x");
    }
}
