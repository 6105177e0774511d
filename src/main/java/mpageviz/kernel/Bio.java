package mpageviz.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * struct bio: the first sector, the direction, the vecs and the capacity bio_alloc gave it. {@code source} says who
 * built it: mpage ("bio"), a buffer head of a page ("bh") or a metadata read ("meta").
 */
public final class Bio {
    public static final int READ = 0;
    public static final int WRITE = 1;

    /** Who built a bio, as named in the trace summary. */
    public static final String SOURCE_BIO = "bio";
    public static final String SOURCE_BH = "bh";
    public static final String SOURCE_META = "meta";

    /** bi_end_io. */
    @FunctionalInterface
    public interface EndIo {
        void endIo(Bio bio);
    }

    /** One bio_vec: bytes {@code offset..offset+length} of {@code bytes} (a page's data or a metadata buffer). */
    public record Vec(Page page, byte[] bytes, int offset, int length) {
    }

    public final int id;
    public long sector;
    public int rw;
    public final int maxVecs;
    public final List<Vec> vecs = new ArrayList<>(4);
    /** bi_size in bytes. */
    public int size;
    /** BIO_UPTODATE. */
    public boolean uptodate = true;
    public String source = SOURCE_BIO;
    public EndIo endIo;
    /** The buffer a submit_bh bio carries. */
    BufferHead bh;

    Bio(int id, int maxVecs) {
        this.id = id;
        this.maxVecs = maxVecs;
    }

    public int sectors() {
        return size >> 9;
    }

    public long endSector() {
        return sector + sectors();
    }

    public String rwName() {
        return rw == WRITE ? "write" : "read";
    }
}
