package mpageviz.ui;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import mpageviz.testutil.E2fsTools;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;

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
        Assumptions.assumeTrue(tool("mke2fs") != null && tool("debugfs") != null,
                "mke2fs/debugfs (e2fsprogs) not found: ext2 import tests skipped");
    }

    /** Formats {@code dir/fs.img} and copies the three files in. */
    static Path create(Path dir) throws IOException {
        Path img = dir.resolve("fs.img");
        run(List.of(tool("mke2fs"), "-q", "-F", "-t", "ext2", "-b", String.valueOf(BLOCK_SIZE), img.toString(),
                "2048"), null);
        Path small = file(dir.resolve("small"), 3000, new long[] {0, 2});
        Path nested = file(dir.resolve("nested"), 20 * 1024, new long[] {0, 19});
        Path holes = file(dir.resolve("holes"), 16 * 1024, new long[] {0, 0}, new long[] {10, 10});
        debugfs(img, true, "write " + small + " small", "mkdir sub", "write " + nested + " sub/nested",
                "write " + holes + " holes");
        return img;
    }

    /** Runs debugfs commands on an image (writable when {@code write}) and returns what they print. */
    static String debugfs(Path img, boolean write, String... commands) {
        List<String> cmd = new ArrayList<>(List.of(tool("debugfs")));
        if (write) {
            cmd.add("-w");
        }
        cmd.addAll(List.of("-f", "-", img.toString()));
        return run(cmd, String.join("\n", commands) + "\n");
    }

    /** Overwrites bytes of a file at {@code offset}. */
    static void poke(Path file, long offset, byte... bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            raf.write(bytes);
        }
    }

    /** A file of {@code size} bytes with random non-zero data in the given block ranges and holes elsewhere. */
    private static Path file(Path f, long size, long[]... blockRanges) throws IOException {
        Random r = new Random(size);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(size);
            for (long[] range : blockRanges) {
                long from = range[0] * BLOCK_SIZE;
                long to = Math.min((range[1] + 1) * BLOCK_SIZE, size);
                byte[] chunk = new byte[(int) (to - from)];
                r.nextBytes(chunk);
                // a block of zeros would become a hole in the image: keep one byte in each sector non-zero
                for (int i = 0; i < chunk.length; i += 512) {
                    chunk[i] |= 1;
                }
                raf.seek(from);
                raf.write(chunk);
            }
        }
        return f;
    }

    private static String tool(String name) {
        return E2fsTools.path(name);
    }

    private static String run(List<String> cmd, String stdin) {
        return E2fsTools.run(cmd, stdin);
    }
}
