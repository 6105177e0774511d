package mpageviz.testutil;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The bytes a page should hold at the end of a run, built by hand from run-model.md "Data": disk block b holds
 * {@code "block %012d\n"} repeated and cut to the block size, a pageCache page starts as {@code "page %012d\n"}
 * repeated, a fresh page starts zero-filled.
 */
public final class PageBytes {
    private final byte[] data;
    private final int blockSize;

    private PageBytes(byte[] data, int blockSize) {
        this.data = data;
        this.blockSize = blockSize;
    }

    /** A fresh page (readahead, or a readpage of an index not in the cache): all zero. */
    public static PageBytes fresh(int pageSize, int blockSize) {
        return new PageBytes(new byte[pageSize], blockSize);
    }

    /** A page named in the layout's pageCache: its starting stamp. */
    public static PageBytes cached(long index, int pageSize, int blockSize) {
        return new PageBytes(repeat(String.format("page %012d", index) + "\n", pageSize), blockSize);
    }

    /** A fresh 4 KiB page holding the stamps of 1 KiB disk blocks, in order. */
    public static PageBytes ofBlocks(long... diskBlocks) {
        return fresh(4096, 1024).blocks(0, diskBlocks);
    }

    /** The stamp of one disk block. */
    public static byte[] blockStamp(long block, int blockSize) {
        return repeat(String.format("block %012d", block) + "\n", blockSize);
    }

    /** Puts the stamps of {@code diskBlocks} into consecutive block slots starting at {@code firstSlot}. */
    public PageBytes blocks(int firstSlot, long... diskBlocks) {
        for (int i = 0; i < diskBlocks.length; i++) {
            System.arraycopy(blockStamp(diskBlocks[i], blockSize), 0, data, (firstSlot + i) * blockSize, blockSize);
        }
        return this;
    }

    /** Zeroes bytes {@code from} to the end of the page. */
    public PageBytes zeroFrom(int from) {
        Arrays.fill(data, from, data.length, (byte) 0);
        return this;
    }

    /** Zeroes block slot {@code slot}. */
    public PageBytes zeroSlot(int slot) {
        Arrays.fill(data, slot * blockSize, (slot + 1) * blockSize, (byte) 0);
        return this;
    }

    public byte[] bytes() {
        return data.clone();
    }

    /** Bytes {@code from..from+length-1} of the page. */
    public byte[] range(int from, int length) {
        return Arrays.copyOfRange(data, from, from + length);
    }

    public String sha256() {
        return sha256(data);
    }

    public static String sha256(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder sb = new StringBuilder(d.length * 2);
            for (byte b : d) {
                sb.append(String.format("%02x", b & 0xff));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] repeat(String text, int size) {
        byte[] unit = text.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = unit[i % unit.length];
        }
        return out;
    }
}
