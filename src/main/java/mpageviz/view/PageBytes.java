package mpageviz.view;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Rebuilds a page's bytes at a step from its data spans: the layout's page stamp, zeros, or bytes of the disk
 * image. The trace records where bytes came from, not the bytes, so the picture reads them back from the image.
 */
public final class PageBytes {

    /** Reads bytes of the disk image (the synthetic image can compute them). */
    @FunctionalInterface
    public interface Disk {
        void read(long diskOffset, byte[] dst, int off, int len);
    }

    private PageBytes() {
    }

    public static byte[] of(PageView page, int pageSize, Disk disk) {
        byte[] out = new byte[pageSize];
        byte[] stamp = null;
        for (PageView.DataSpan s : page.data()) {
            switch (s.source()) {
                case PageView.DataSpan.ZERO:
                    break;
                case PageView.DataSpan.STAMP:
                    if (stamp == null) {
                        stamp = pageStamp(page.index(), pageSize);
                    }
                    System.arraycopy(stamp, s.offset(), out, s.offset(), s.length());
                    break;
                default:
                    disk.read(s.diskOffset(), out, s.offset(), s.length());
            }
        }
        return out;
    }

    /** {@code "page %012d\n"} repeated over the page: how run-model.md fills pages named in a layout. */
    public static byte[] pageStamp(long index, int pageSize) {
        byte[] unit = String.format("page %012d", index).concat("\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[pageSize];
        for (int i = 0; i < pageSize; i++) {
            out[i] = unit[i % unit.length];
        }
        return out;
    }

    /** The synthetic image as a {@link Disk}: block b is {@code "block %012d\n"} repeated, restarted per block. */
    public static Disk synthetic(int blockSize) {
        return (diskOffset, dst, off, len) -> {
            for (int i = 0; i < len; i++) {
                long pos = diskOffset + i;
                long block = pos / blockSize;
                int inUnit = (int) ((pos % blockSize) % 19);
                dst[off + i] = inUnit < 6 ? (byte) "block ".charAt(inUnit)
                        : inUnit == 18 ? (byte) '\n' : digit(block, 17 - inUnit);
            }
        };
    }

    /**
     * A disk image file as a {@link Disk}. Bytes that cannot be read (the file went away, or ends early) show as
     * {@code '?'}: the picture is a view, and a run that needed them has already failed or finished.
     */
    public static Disk image(Path file) {
        return (diskOffset, dst, off, len) -> {
            try (FileChannel ch = FileChannel.open(file)) {
                ByteBuffer buf = ByteBuffer.wrap(dst, off, len);
                while (buf.hasRemaining() && ch.read(buf, diskOffset + buf.position() - off) > 0) {
                    // keep reading: a positional read may return fewer bytes than asked
                }
                Arrays.fill(dst, buf.position(), off + len, (byte) '?');
            } catch (IOException e) {
                Arrays.fill(dst, off, off + len, (byte) '?');
            }
        };
    }

    private static byte digit(long value, int fromRight) {
        for (int i = 0; i < fromRight; i++) {
            value /= 10;
        }
        return (byte) ('0' + value % 10);
    }
}
