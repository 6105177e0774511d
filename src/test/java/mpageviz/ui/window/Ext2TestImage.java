package mpageviz.ui.window;

import java.nio.file.Path;

import mpageviz.layout.ext2.Ext2Images;

/**
 * A small ext2 image for the import dialog's tests, made with e2fsprogs (mke2fs formats, debugfs copies files in).
 * With 1 KiB blocks it holds {@code /small} (3000 bytes), {@code /sub/nested} (20 KiB, five 4 KiB pages) and the
 * sparse {@code /holes} (16 KiB with data in blocks 0 and 10 only). Tests call {@link #assumeTools()} first.
 */
final class Ext2TestImage {
    static final int BLOCK_SIZE = 1024;

    private Ext2TestImage() {
    }

    /** Skips the calling test unless mke2fs and debugfs can be run. */
    static void assumeTools() {
        Ext2Images.assumeTools();
    }

    /** Formats {@code dir/fs.img} and copies the three files in. */
    static Path create(Path dir) {
        Path img = Ext2Images.mkfs(dir.resolve("fs.img"), 2048, "-b", String.valueOf(BLOCK_SIZE));
        Path small = Ext2Images.sparseFile(dir, "small", 3000, BLOCK_SIZE, 3000, new long[] {0, 2});
        Path nested = Ext2Images.sparseFile(dir, "nested", 20 * 1024, BLOCK_SIZE, 20 * 1024, new long[] {0, 19});
        Path holes = Ext2Images.sparseFile(dir, "holes", 16 * 1024, BLOCK_SIZE, 16 * 1024, new long[] {0, 0},
                new long[] {10, 10});
        debugfs(img, true, "write " + small + " small", "mkdir sub", "write " + nested + " sub/nested",
                "write " + holes + " holes");
        return img;
    }

    /** Runs debugfs commands on an image (writable when {@code write}) and returns what they print. */
    static String debugfs(Path img, boolean write, String... commands) {
        return Ext2Images.debugfs(img, write, commands);
    }

    /** Overwrites bytes of a file at {@code offset}. */
    static void poke(Path file, long offset, byte... bytes) {
        Ext2Images.poke(file, offset, bytes);
    }
}
