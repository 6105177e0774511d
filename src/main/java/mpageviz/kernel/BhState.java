package mpageviz.kernel;

import java.util.ArrayList;
import java.util.List;

/** The buffer_head state bits (enum bh_state_bits) that mpage.c and the buffer paths use, as bits of an int. */
public enum BhState {
    UPTODATE("uptodate"),
    DIRTY("dirty"),
    LOCK("locked"),
    REQ("req"),
    MAPPED("mapped"),
    NEW("new"),
    ASYNC_READ("async-read"),
    ASYNC_WRITE("async-write"),
    DELAY("delay"),
    BOUNDARY("boundary"),
    WRITE_EIO("write-eio");

    private final String label;

    BhState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public int bit() {
        return 1 << ordinal();
    }

    public static BhState of(String label) {
        for (BhState s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        return null;
    }

    /** Names of the bits set, in bit order. */
    public static List<String> names(int bits) {
        List<String> out = new ArrayList<>();
        for (BhState s : values()) {
            if ((bits & s.bit()) != 0) {
                out.add(s.label);
            }
        }
        return out;
    }

    public static int bits(List<String> labels) {
        int bits = 0;
        for (String l : labels) {
            BhState s = of(l);
            if (s != null) {
                bits |= s.bit();
            }
        }
        return bits;
    }
}
