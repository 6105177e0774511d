package mpageviz.view;

import java.util.List;

/**
 * A bio at a step. {@code status}: building (mpage is filling it), submitted (in a request, not yet served) or
 * done; {@code ok} is meaningful once done.
 */
public record BioView(int id, String source, String rw, long sector, int maxVecs, List<Vec> vecs, String status,
                      String reason, int request, boolean ok) {
    public static final String BUILDING = "building";
    public static final String SUBMITTED = "submitted";
    public static final String DONE = "done";

    /** A page (or, for metadata, page -1) and the bytes it contributes. */
    public record Vec(long page, int length) {
    }

    public int bytes() {
        int n = 0;
        for (Vec v : vecs) {
            n += v.length();
        }
        return n;
    }

    public BioView with(String newStatus, String newReason, int newRequest, boolean newOk) {
        return new BioView(id, source, rw, sector, maxVecs, vecs, newStatus, newReason, newRequest, newOk);
    }
}
