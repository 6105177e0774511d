package mpageviz.kernel;

import java.util.ArrayList;
import java.util.List;

/** The page flags mpage.c and its helpers read or change (PG_locked, PG_error, ...), as bits of an int. */
public enum PageFlag {
    LOCKED("locked"),
    ERROR("error"),
    UPTODATE("uptodate"),
    DIRTY("dirty"),
    WRITEBACK("writeback"),
    MAPPEDTODISK("mappedtodisk");

    private final String label;

    PageFlag(String label) {
        this.label = label;
    }

    /** The trace-format.md name. */
    public String label() {
        return label;
    }

    public int bit() {
        return 1 << ordinal();
    }

    /** The flag with a trace-format.md name, or null. */
    public static PageFlag of(String label) {
        for (PageFlag f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        return null;
    }

    /** Sorted names of the flags set in {@code bits}. */
    public static List<String> names(int bits) {
        List<String> out = new ArrayList<>();
        for (PageFlag f : values()) {
            if ((bits & f.bit()) != 0) {
                out.add(f.label);
            }
        }
        out.sort(null);
        return out;
    }

    /** Bits for a list of names; unknown names are ignored (the layout reader has already rejected them). */
    public static int bits(List<String> labels) {
        int bits = 0;
        for (String l : labels) {
            PageFlag f = of(l);
            if (f != null) {
                bits |= f.bit();
            }
        }
        return bits;
    }
}
