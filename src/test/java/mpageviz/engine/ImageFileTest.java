package mpageviz.engine;

import static mpageviz.testutil.Expected.flags;
import static mpageviz.testutil.Expected.page;
import static mpageviz.testutil.Expected.write;
import static mpageviz.testutil.LayoutBuilder.layout;
import static mpageviz.testutil.PageBytes.ofBlocks;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.layout.SyntheticImage;
import mpageviz.testutil.PageBytes;
import mpageviz.testutil.Runs;
import mpageviz.trace.Probe;

/**
 * Runs on a real image file (a user's image): reads never change it; writes go to a copy unless the run is
 * in place, and change exactly the blocks the written pages map to.
 */
class ImageFileTest {
    private static final int KB = 1024;
    private static final int BLOCKS = 4096;

    @TempDir
    Path dir;
    private Path image;
    private byte[] original;

    @BeforeEach
    void writeImage() throws Exception {
        image = dir.resolve("user.img");
        SyntheticImage.write(image, BLOCKS, KB);
        original = Files.readAllBytes(image);
    }

    /** The original image with pages 0 and 1 (their "page" stamps) written over blocks 100..107. */
    private byte[] afterWritingPages0And1() {
        byte[] expected = original.clone();
        System.arraycopy(PageBytes.cached(0, 4096, KB).bytes(), 0, expected, 100 * KB, 4096);
        System.arraycopy(PageBytes.cached(1, 4096, KB).bytes(), 0, expected, 104 * KB, 4096);
        return expected;
    }

    private Layout writeTwoPages() {
        return layout().size(8 * KB).extent(0, 100, 8).image(image.toString(), BLOCKS).dirtyPages(0, 1)
                .run(Runs.writepagesAll("none")).build();
    }

    // The image written by SyntheticImage.write holds "block %012d\n" per block, as the pages read from it show.
    @Test
    void readRun_leavesTheImageByteIdentical() throws Exception {
        Layout l = layout().size(16 * KB).extent(0, 100, 16).image(image.toString(), BLOCKS)
                .run(RunSpec.readpages(0, 4)).build();
        Runner.Result r = Runner.run(l, Runner.Options.quiet());

        assertArrayEquals(original, Files.readAllBytes(image));
        assertEquals(image, r.image());
        assertFalse(r.imageCopy());
        assertEquals(List.of(page(0, flags("mappedtodisk", "uptodate"), ofBlocks(100, 101, 102, 103)),
                page(1, flags("mappedtodisk", "uptodate"), ofBlocks(104, 105, 106, 107)),
                page(2, flags("mappedtodisk", "uptodate"), ofBlocks(108, 109, 110, 111)),
                page(3, flags("mappedtodisk", "uptodate"), ofBlocks(112, 113, 114, 115))), r.summary().pages());
    }

    // A write run works on a copy: the user's image is untouched, the copy differs exactly at blocks 100..107.
    @Test
    void writeRun_writesACopyAndLeavesTheUserImage() throws Exception {
        Runner.Result r = Runner.run(writeTwoPages(), Runner.Options.quiet());
        try {
            assertTrue(r.imageCopy());
            assertNotEquals(image, r.image());
            assertArrayEquals(original, Files.readAllBytes(image));
            assertArrayEquals(afterWritingPages0And1(), Files.readAllBytes(r.image()));
            assertEquals(List.of(write(200, 16, "bio")), r.summary().requests());
        } finally {
            Files.deleteIfExists(r.image());
        }
    }

    // In place, the same run changes the user's image itself, and only the mapped blocks.
    @Test
    void writeRun_inPlace_writesTheUserImage() throws Exception {
        Runner.Result r = Runner.run(writeTwoPages(), new Runner.Options(Probe.OFF, null, true));

        assertFalse(r.imageCopy());
        assertEquals(image, r.image());
        assertArrayEquals(afterWritingPages0And1(), Files.readAllBytes(image));
    }
}
