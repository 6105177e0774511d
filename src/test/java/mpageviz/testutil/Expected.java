package mpageviz.testutil;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import mpageviz.trace.Summary;

/**
 * Expected summary records, built field by field with the record constructors (not the engine's factories), so
 * that a test states by hand what trace-format.md says each kind of record holds.
 */
public final class Expected {
    /** PAGE_CACHE_SIZE of the layouts these tests use. */
    public static final int PAGE = 4096;

    private Expected() {
    }

    /** A whole 4 KiB page in a bio: [page index, 4096]. */
    public static Summary.Vec vec(long page) {
        return new Summary.Vec(page, PAGE);
    }

    /** A partial page in a bio (end of file or a trailing hole): [page index, length]. */
    public static Summary.Vec vec(long page, int length) {
        return new Summary.Vec(page, length);
    }

    /** Whole pages {@code first..last} in bio order. */
    public static Summary.Vec[] vecs(long first, long last) {
        List<Summary.Vec> out = new ArrayList<>();
        for (long p = first; p <= last; p++) {
            out.add(vec(p));
        }
        return out.toArray(new Summary.Vec[0]);
    }

    public static Summary.Submission readBio(long sector, String reason, Summary.Vec... vecs) {
        return new Summary.Submission("bio", "read", sector, Arrays.asList(vecs), reason, -1, null);
    }

    public static Summary.Submission writeBio(long sector, String reason, Summary.Vec... vecs) {
        return new Summary.Submission("bio", "write", sector, Arrays.asList(vecs), reason, -1, null);
    }

    public static Summary.Submission fallback(long page, String reason) {
        return new Summary.Submission("fallback", null, -1, null, reason, -1, page);
    }

    public static Summary.Submission skipped(long page) {
        return new Summary.Submission("skipped", null, -1, null, "already-cached", -1, page);
    }

    /** A page buffer read by block_read_full_page (submit_bh). */
    public static Summary.Submission readBh(long block, long page) {
        return new Summary.Submission("bh", "read", -1, null, null, block, page);
    }

    /** A page buffer written by block_write_full_page (submit_bh). */
    public static Summary.Submission writeBh(long block, long page) {
        return new Summary.Submission("bh", "write", -1, null, null, block, page);
    }

    /** write_boundary_block's write of the cached block after a boundary block: a bh with no page. */
    public static Summary.Submission boundaryBlockWrite(long block) {
        return new Summary.Submission("bh", "write", -1, null, null, block, null);
    }

    /** A metadata (indirect) block read by get_block. */
    public static Summary.Submission meta(long block) {
        return new Summary.Submission("meta", "read", -1, null, null, block, null);
    }

    public static Summary.Request read(long sector, int sectors, String... from) {
        return new Summary.Request("read", sector, sectors, Arrays.asList(from));
    }

    public static Summary.Request write(long sector, int sectors, String... from) {
        return new Summary.Request("write", sector, sectors, Arrays.asList(from));
    }

    /** {@code n} copies of a submission kind, for the {@code from} list of a merged request. */
    public static String[] times(int n, String kind) {
        String[] out = new String[n];
        Arrays.fill(out, kind);
        return out;
    }

    /** Page flag names as the summary lists them (sorted by hand in the tests). */
    public static List<String> flags(String... names) {
        return Arrays.asList(names);
    }

    /** A page's expected final state. */
    public static Summary.PageResult page(long index, List<String> flags, PageBytes bytes) {
        return new Summary.PageResult(index, flags, bytes.sha256());
    }
}
