package mpageviz.testutil;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import mpageviz.layout.Layout;
import mpageviz.layout.SyntheticImage;

/** Plain, obviously-right answers the property tests compare the engine against. */
public final class Reference {
    private Reference() {
    }

    /** The disk block of a logical block per the layout's extents, or -1 for a hole. */
    public static long physical(Layout layout, long logical) {
        return RandomLayouts.physical(layout.file(), logical);
    }

    /** ceil(i_size / blockSize): logical blocks holding at least one byte of the file. */
    public static long blocksBelowEof(Layout layout) {
        return RandomLayouts.blocksBelowEof(layout);
    }

    /**
     * A page as a read leaves it: block by block the stamp of its disk block when the logical block is mapped and
     * lies below EOF, zeros otherwise.
     */
    public static byte[] readPage(Layout layout, long index) {
        int ps = layout.geometry().pageSize();
        int bs = layout.geometry().blockSize();
        int bpp = ps / bs;
        byte[] out = new byte[ps];
        long eof = blocksBelowEof(layout);
        for (int j = 0; j < bpp; j++) {
            long l = index * bpp + j;
            long p = physical(layout, l);
            if (l < eof && p >= 0) {
                System.arraycopy(SyntheticImage.stamp(p, bs), 0, out, j * bs, bs);
            }
        }
        return out;
    }

    /** Whether every block of the page is a hole or past EOF (a read leaves it all zeros, with no I/O). */
    public static boolean wholeHole(Layout layout, long index) {
        int bpp = layout.blocksPerPage();
        long eof = blocksBelowEof(layout);
        for (int j = 0; j < bpp; j++) {
            long l = index * bpp + j;
            if (l < eof && physical(layout, l) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** A pageCache page's bytes after a write: its stamp, with the bytes at or past i_size zeroed. */
    public static byte[] writtenPage(Layout layout, long index) {
        int ps = layout.geometry().pageSize();
        byte[] page = SyntheticImage.pageStamp(index, ps);
        long start = index * ps;
        long size = layout.file().size();
        for (int i = 0; i < ps; i++) {
            if (start + i >= size) {
                page[i] = 0;
            }
        }
        return page;
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
