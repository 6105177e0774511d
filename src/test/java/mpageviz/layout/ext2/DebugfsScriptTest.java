package mpageviz.layout.ext2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import mpageviz.layout.Layout;
import mpageviz.testutil.LayoutBuilder;
import org.junit.jupiter.api.Test;

/**
 * {@link DebugfsScript} without running anything: the commands it writes, the blocks it picks, the mke2fs command,
 * and the clear refusals (block size, blocks mke2fs uses, blocks past the device, metadata that is not ext2's).
 */
class DebugfsScriptTest {
    /** 1 KiB blocks on 4096 blocks: mke2fs uses blocks 1..21 (superblock .. lost+found). */
    private static LayoutBuilder oneK() {
        return LayoutBuilder.layout().geometry(4096, 1024).size(16384).device(4096, 1024, 128);
    }

    private static String refusal(Layout layout) {
        return assertThrows(Ext2Exception.class, () -> DebugfsScript.from(layout, "f")).getMessage();
    }

    private static List<String> commands(DebugfsScript s) {
        List<String> out = new ArrayList<>();
        for (String line : s.commands().split("\n")) {
            if (!line.startsWith("#")) {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void theBoundaryExample_givesEveryCommandInOrder() throws Exception {
        Layout layout = oneK().extent(0, 1000, 12).extent(12, 1013, 4).metadata(1012, 12, 267, false, false).build();
        DebugfsScript s = DebugfsScript.from(layout, "f");
        List<String> expected = new ArrayList<>(List.of("write /dev/null f", "sif f mode 0100644", "zap_block 1012",
                "sif f block[IND] 1012"));
        for (int l = 0; l < 16; l++) {
            expected.add("bmap f " + l + " " + (l < 12 ? 1000 + l : 1001 + l));
        }
        // mke2fs leaves blocks 22..4095 free: 4074, of which the file takes 16 data blocks and 1 indirect block.
        expected.addAll(List.of("setb 1000 12", "setb 1013 4", "setb 1012", "sif f size 16384", "sif f blocks 34",
                "set_bg 0 free_blocks_count 4057", "ssv free_blocks_count 4057"));
        assertEquals(expected, commands(s));
        assertEquals(List.of(new DebugfsScript.IndirectBlock(1012, 1, 12, 267, false)), s.indirect());
        assertEquals(List.of(), s.notes());
        assertEquals("mke2fs -q -F -t ext2 -b 1024 -r 1 -I 256 -N 16 -O none,filetype,sparse_super,large_file "
                + "IMAGE 4096", s.mke2fsCommand("IMAGE"));
        assertEquals("debugfs -w -f 'my script' IMAGE", DebugfsScript.debugfsCommand("my script", "IMAGE"));
        assertTrue(s.commands().startsWith("# mpageviz debugfs-script for the layout \"test\":\n"), s.commands());
        assertTrue(s.commands().contains("#   " + s.mke2fsCommand("IMAGE") + "\n"), s.commands());
    }

    @Test
    void pointersInADoubleIndirectBlock_areWrittenByteByByte_littleEndian() throws Exception {
        // IND 3001 = 0x0BB9 in slot 1 of DIND 3000 (bytes 4..7: B9 0B 00 00).
        Layout layout = oneK().size(1000L * 1024).extent(524, 2500, 2).metadata(3000, 268, 65803, false, false)
                .metadata(3001, 524, 779, false, false).build();
        List<String> c = commands(DebugfsScript.from(layout, "f"));
        assertEquals(List.of("zap_block 3000", "sif f block[DIND] 3000", "zap_block 3001",
                "zap_block -o 4 -l 1 -p 0xb9 3000", "zap_block -o 5 -l 1 -p 0x0b 3000", "bmap f 524 2500",
                "bmap f 525 2501"), c.subList(2, 9));
    }

    @Test
    void equalNeighbouringBytes_takeOneZapCommand() throws Exception {
        // IND 65793 = 0x010101 in slot 0 of DIND 70000: bytes 01 01 01 00.
        Layout layout = oneK().size(1000L * 1024).device(80000, 1024, 128).extent(268, 66000, 1)
                .metadata(70000, 268, 65803, false, false).metadata(65793, 268, 523, false, false).build();
        List<String> c = commands(DebugfsScript.from(layout, "f"));
        assertTrue(c.contains("zap_block -o 0 -l 3 -p 0x01 70000"), c.toString());
        assertEquals(1, c.stream().filter(x -> x.startsWith("zap_block -o")).count(), c.toString());
    }

    @Test
    void tripleIndirectPointers_gothroughATindAndADind() throws Exception {
        long t = 12 + 256 + 256 * 256;
        Layout layout = oneK().size((t + 300) * 1024).extent(t + 260, 500, 3).build();
        DebugfsScript s = DebugfsScript.from(layout, "f");
        // [TIND][DIND][IND][data], each right before what it points at, as ext2 allocates a branch.
        assertEquals(List.of(new DebugfsScript.IndirectBlock(497, 3, t, t + 256L * 256 * 256 - 1, true),
                new DebugfsScript.IndirectBlock(498, 2, t, t + 256 * 256 - 1, true),
                new DebugfsScript.IndirectBlock(499, 1, t + 256, t + 511, true)), s.indirect());
        List<String> c = commands(s);
        assertTrue(c.contains("sif f block[TIND] 497"), c.toString());
        assertTrue(c.contains("zap_block -o 0 -l 1 -p 0xf2 497"), "slot 0 of the TIND: DIND 498 = 0x01F2");
        assertTrue(c.contains("zap_block -o 4 -l 1 -p 0xf3 498"), "slot 1 of the DIND: IND 499 = 0x01F3");
        assertTrue(c.contains("sif f blocks 12"), "3 data and 3 indirect blocks, 2 sectors each");
    }

    @Test
    void indirectBlocksTheLayoutDoesNotList_areChosenAndNamed() throws Exception {
        Layout layout = oneK().extent(0, 1000, 12).extent(12, 1013, 4).build();
        DebugfsScript s = DebugfsScript.from(layout, "f");
        assertEquals(List.of(new DebugfsScript.IndirectBlock(1012, 1, 12, 267, true)), s.indirect());
        String note = "file.metadata lists no IND for logical blocks 12..267: this script puts it on block 1012";
        assertEquals(List.of(note), s.notes());
        assertTrue(s.commands().contains("# Note: " + note + ".\n"), s.commands());
    }

    @Test
    void aChosenBlockThatWouldClash_movesAboveTheFile() throws Exception {
        // The block before logical 12's data is logical 11's: the IND goes above the file's last block.
        Layout layout = oneK().extent(0, 1000, 16).extent(16, 2000, 1).size(17 * 1024).build();
        assertEquals(2001, DebugfsScript.from(layout, "f").indirect().get(0).block());
    }

    @Test
    void blockCount_growsWhenMke2fsWouldDropASmallLastGroup() throws Exception {
        // 8200 blocks of 1 KiB: group 1 would have 7 blocks, too few for its metadata and 50 more.
        DebugfsScript s = DebugfsScript.from(oneK().device(8200, 1024, 128).extent(0, 100, 16).build(), "f");
        assertEquals(8251, s.blocksCount());
        assertTrue(s.mke2fsCommand("IMAGE").endsWith(" -N 32 -O none,filetype,sparse_super,large_file IMAGE 8251"));
        assertEquals(4096, DebugfsScript.from(oneK().extent(0, 100, 16).build(), "f").blocksCount());
    }

    @Test
    void blockSizes_otherThan1k2k4k_areRefused() {
        assertEquals("geometry.blockSize 512 cannot be recreated: mke2fs and the ext2 kernels this tool follows use "
                + "1024, 2048 or 4096 here", refusal(oneK().geometry(4096, 512).extent(0, 100, 8).build()));
        assertTrue(refusal(oneK().geometry(8192, 8192).extent(0, 100, 1).build())
                .startsWith("geometry.blockSize 8192 cannot be recreated"));
    }

    @Test
    void blocksMke2fsUses_areRefused_namingTheBlock() {
        assertEquals("file.extents[0] (logical 0..3 on disk blocks 5..8): disk block 5 (logical block 0) collides "
                + "with the inode table of group 0 (blocks 5..8) on the image mke2fs makes (the first free block of "
                + "group 0 is 22)", refusal(oneK().extent(0, 5, 4).build()));
        assertEquals("file.metadata[0] (block 15, logical 12..267): block 15 collides with lost+found (blocks 10..21) "
                + "on the image mke2fs makes (the first free block of group 0 is 22)",
                refusal(oneK().extent(0, 100, 4).metadata(15, 12, 267, false, false).build()));
        assertTrue(refusal(oneK().extent(0, 9, 1).build()).contains("collides with the root directory (block 9)"));
        assertTrue(refusal(oneK().extent(0, 1, 1).build()).contains("collides with the superblock (block 1)"));
        assertTrue(refusal(oneK().extent(0, 2, 1).build()).contains("collides with the group descriptor table "
                + "(block 2)"));
        assertTrue(refusal(oneK().extent(0, 3, 1).build()).contains("collides with the block bitmap of group 0"));
        // Later groups: a backup superblock (group 1) and the bitmaps of a group without one (group 2).
        LayoutBuilder big = oneK().device(40000, 1024, 128);
        assertEquals("file.extents[0] (logical 0..3 on disk blocks 8190..8193): disk block 8193 (logical block 3) "
                + "collides with the backup superblock of group 1 (block 8193) on the image mke2fs makes (the first "
                + "free block of group 1 is 8201)", refusal(big.extent(0, 8190, 4).build()));
        assertTrue(refusal(oneK().device(40000, 1024, 128).extent(0, 16386, 1).build())
                .contains("collides with the inode bitmap of group 2 (block 16386)"));
        assertTrue(refusal(oneK().device(40000, 1024, 128).extent(0, 8194, 1).build())
                .contains("collides with group 1's backup group descriptor table (block 8194)"));
        // 4 KiB blocks: the superblock is in block 0, the descriptors in block 1.
        LayoutBuilder fourK = LayoutBuilder.layout().geometry(4096, 4096).size(4096).device(4096, 1024, 128);
        assertEquals("file.extents[0] (logical 0..0 on disk blocks 1..1): disk block 1 (logical block 0) collides "
                + "with the group descriptor table (block 1) on the image mke2fs makes (the first free block of group "
                + "0 is 10)", refusal(fourK.extent(0, 1, 1).build()));
    }

    @Test
    void blockZero_isRefused_asExt2ReadsItAsAHole() {
        assertEquals("file.extents[0] (logical 0..0 on disk blocks 0..0): disk block 0 cannot hold data: ext2 reads "
                + "a block pointer of 0 as a hole", refusal(LayoutBuilder.layout().geometry(4096, 4096).size(4096)
                .extent(0, 0, 1).build()));
    }

    @Test
    void blocksPastTheDevice_areRefused() {
        assertEquals("file.extents[0] (logical 0..9 on disk blocks 4090..4099): disk block 4096 is past the end of "
                + "the device (device.blocks 4096)", refusal(oneK().extent(0, 4090, 10).build()));
        assertEquals("file.metadata[0] (block 5000, logical 12..267): block 5000 is past the end of the device "
                + "(device.blocks 4096)", refusal(oneK().extent(0, 100, 20).metadata(5000, 12, 267, false, false)
                .build()));
        assertEquals("device.blocks 8589934592 is more than ext2's 32-bit block numbers reach (4294967295)",
                refusal(oneK().device(1L << 33, 1024, 128).extent(0, 100, 1).build()));
    }

    @Test
    void metadataThatIsNotAnExt2IndirectBlock_isRefused() {
        assertEquals("file.metadata[0] (block 200, logical 16..271): is not the range of an ext2 indirect block; "
                + "with 1024-byte blocks they cover IND 12..267, DIND 268..65803, TIND 65804..16843019, and the DINDs "
                + "and INDs under them aligned parts of those",
                refusal(oneK().extent(0, 100, 20).metadata(200, 16, 271, false, false).build()));
        assertEquals("file.metadata[1] (block 201, logical 12..267): file.metadata[0] is already the IND of these "
                + "logical blocks", refusal(oneK().extent(0, 100, 20).metadata(200, 12, 267, false, false)
                .metadata(201, 12, 267, false, false).build()));
        // A DIND and its first IND share their first block; a third entry for that range is one too many.
        assertEquals("file.metadata[2] (block 202, logical 268..523): file.metadata[1] is already the IND of these "
                + "logical blocks", refusal(oneK().extent(0, 100, 20).metadata(200, 268, 65803, false, false)
                .metadata(201, 268, 523, false, false).metadata(202, 268, 523, false, false).build()));
    }

    @Test
    void aBlockUsedTwice_isRefused() {
        assertEquals("file.metadata[0] (block 105, logical 12..267): block 105 is also used by file.extents[0] "
                + "(logical 0..19 on disk blocks 100..119)", refusal(oneK().extent(0, 100, 20)
                .metadata(105, 12, 267, false, false).build()));
        assertEquals("file.extents[1] (logical 30..31 on disk blocks 110..111): disk block 110 is also used by "
                + "file.extents[0] (logical 0..19 on disk blocks 100..119)",
                refusal(oneK().extent(0, 100, 20).extent(30, 110, 2).build()));
        assertEquals("file.extents[1] (logical 10..11 on disk blocks 300..301): logical block 10 is also mapped by "
                + "file.extents[0] (logical 0..19 on disk blocks 100..119)",
                refusal(oneK().extent(0, 100, 20).extent(10, 300, 2).build()));
    }

    @Test
    void filesLargerThanExt2Holds_areRefused() {
        assertEquals("file.size 21474836480000 is larger than the largest ext2 file of 1024-byte blocks "
                + "(17247252480 bytes)", refusal(oneK().size(20000L << 30).extent(0, 100, 20).build()));
        assertEquals("file.extents[0] (logical 16843020..16843020 on disk blocks 100..100): logical block 16843020 is "
                + "past the largest ext2 file of 1024-byte blocks (16843020 blocks)",
                refusal(oneK().extent(16843020, 100, 1).build()));
        assertEquals("file.extents: more than 1048576 data blocks; a debugfs script takes one command per block, so "
                + "it is not written", refusal(LayoutBuilder.layout().geometry(4096, 4096).size(8L << 30)
                .device(1 << 22, 1024, 128).extent(0, 100, (1 << 20) + 1).build()));
    }

    @Test
    void names_arePlainWords() {
        for (String bad : List.of("", ".", "..", "a b", "a/b", "lost+found", "x\"y", "é")) {
            assertFalse(DebugfsScript.isValidName(bad), bad);
            assertTrue(assertThrows(Ext2Exception.class, () -> DebugfsScript.from(oneK().build(), bad)).getMessage()
                    .startsWith("file name \"" + bad + "\" is not 1..255 of the characters"));
        }
        assertTrue(DebugfsScript.isValidName("07-boundary.v2_x"));
    }

    @Test
    void aTitleWithANewline_staysInOneCommentLine() throws Exception {
        DebugfsScript s = DebugfsScript.from(oneK().title("two\nlines").extent(0, 100, 1).build(), "f");
        assertTrue(s.commands().contains("layout \"two lines\""), s.commands());
    }

    @Test
    void blocksPastEndOfFile_andCacheFlags_getANote() throws Exception {
        Layout layout = oneK().size(1024).extent(0, 100, 2).build();
        assertEquals(List.of("logical blocks from 1 lie past i_size 1024: the kernel never reads them, and e2fsck "
                + "reports the inode's i_size as wrong"), DebugfsScript.from(layout, "f").notes());
        Layout cached = oneK().extent(0, 1000, 12).extent(12, 1013, 4).metadata(1012, 12, 267, true, true).build();
        assertEquals(List.of("file.metadata's cached and dirty flags describe the buffer cache before the run; a new "
                + "image has nothing cached"), DebugfsScript.from(cached, "f").notes());
    }
}
