package mpageviz.kernel;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The disk under the file: an image file read and written with positional I/O. Sectors listed as bad fail every
 * transfer that touches them (BIO_UPTODATE clear), and such a transfer moves no bytes.
 */
public final class BlockDevice implements Closeable {
    private final FileChannel channel;
    private final Path path;
    public final int blockSize;
    public final long blocks;
    private final List<long[]> badSectors = new ArrayList<>();

    /** Opens an image; {@code writable} only when the run may change it. */
    public BlockDevice(Path path, int blockSize, long blocks, boolean writable) throws IOException {
        this.path = path;
        this.channel = writable
                ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.READ);
        this.blockSize = blockSize;
        this.blocks = blocks;
    }

    public Path path() {
        return path;
    }

    public void addBadSectors(long start, long count) {
        badSectors.add(new long[] {start, start + count});
    }

    /** Device size in 512-byte sectors. */
    public long sectors() {
        return blocks * (blockSize >> 9);
    }

    /** Whether sectors [start, end) avoid every bad range and lie inside the device. */
    public boolean healthy(long start, long end) {
        if (start < 0 || end > sectors()) {
            return false;
        }
        for (long[] bad : badSectors) {
            if (start < bad[1] && bad[0] < end) {
                return false;
            }
        }
        return true;
    }

    /** Performs a bio's transfer: all of it, or nothing when it touches a bad sector. Returns BIO_UPTODATE. */
    boolean transfer(Bio bio) {
        if (!healthy(bio.sector, bio.endSector())) {
            return false;
        }
        long pos = bio.sector << 9;
        int i = 0;
        int n = bio.vecs.size();
        while (i < n) {
            // Adjacent vecs over one array (neighbouring pages of a slab) move in one transfer.
            Bio.Vec first = bio.vecs.get(i);
            int length = first.length();
            int j = i + 1;
            while (j < n && bio.vecs.get(j).bytes() == first.bytes()
                    && bio.vecs.get(j).offset() == first.offset() + length) {
                length += bio.vecs.get(j).length();
                j++;
            }
            ByteBuffer buf = ByteBuffer.wrap(first.bytes(), first.offset(), length);
            try {
                if (bio.rw == Bio.WRITE) {
                    long at = pos;
                    while (buf.hasRemaining()) {
                        at += channel.write(buf, at);
                    }
                } else {
                    readFully(buf, pos);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("I/O on " + path + " at byte " + pos, e);
            }
            pos += length;
            i = j;
        }
        return true;
    }

    /** Reads bytes straight from the image (what a filesystem or cleancache copies without a bio). */
    public void read(long bytePos, byte[] dst, int off, int len) {
        try {
            readFully(ByteBuffer.wrap(dst, off, len), bytePos);
        } catch (IOException e) {
            throw new UncheckedIOException("read of " + path + " at byte " + bytePos, e);
        }
    }

    private void readFully(ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new IOException("image ends before byte " + pos);
            }
            pos += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
