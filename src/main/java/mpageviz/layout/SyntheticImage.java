package mpageviz.layout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The synthetic disk image of run-model.md: block b holds {@code "block %012d\n"} repeated and cut to the block
 * size, so any page's bytes say which disk blocks they came from.
 */
public final class SyntheticImage {
    private SyntheticImage() {
    }

    /** The stamp text of one block (19 bytes per repetition). */
    public static byte[] stamp(long block, int blockSize) {
        return repeat(String.format("block %012d%n", block).replace(System.lineSeparator(), "\n"), blockSize);
    }

    /** The starting bytes of a page named in a layout's pageCache: {@code "page %012d\n"} repeated. */
    public static byte[] pageStamp(long index, int pageSize) {
        return repeat("page " + String.format("%012d", index) + "\n", pageSize);
    }

    private static byte[] repeat(String text, int size) {
        byte[] unit = text.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = unit[i % unit.length];
        }
        return out;
    }

    /** Writes a stamped image of {@code blocks} blocks to a new temporary file. */
    public static Path create(long blocks, int blockSize) throws IOException {
        Path file = Files.createTempFile("mpageviz-synthetic-", ".img");
        write(file, blocks, blockSize);
        return file;
    }

    /** Writes a stamped image of {@code blocks} blocks to {@code file}, replacing it. */
    public static void write(Path file, long blocks, int blockSize) throws IOException {
        int perChunk = Math.max(1, (1 << 20) / blockSize);
        ByteBuffer chunk = ByteBuffer.allocate(perChunk * blockSize);
        byte[] digits = new byte[12];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long b = 0;
            while (b < blocks) {
                chunk.clear();
                int n = (int) Math.min(perChunk, blocks - b);
                for (int i = 0; i < n; i++) {
                    fillBlock(chunk, b + i, blockSize, digits);
                }
                chunk.flip();
                while (chunk.hasRemaining()) {
                    ch.write(chunk);
                }
                b += n;
            }
        }
    }

    private static void fillBlock(ByteBuffer out, long block, int blockSize, byte[] digits) {
        long v = block;
        for (int i = 11; i >= 0; i--) {
            digits[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        for (int i = 0; i < blockSize; i++) {
            int pos = i % 19;
            byte c;
            if (pos < 6) {
                c = (byte) "block ".charAt(pos);
            } else if (pos < 18) {
                c = digits[pos - 6];
            } else {
                c = '\n';
            }
            out.put(c);
        }
    }
}
