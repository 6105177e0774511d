package mpageviz.view;

import java.util.List;

/**
 * A request at a step: where it is (plug, queue or served), its sectors and its bios in chain order. A request
 * merged into another at insert time is {@code merged} and names the request that took it.
 */
public record RequestView(int id, String rw, long sector, int sectors, List<Integer> bios, String place,
                          boolean noMerge, int servedOrder, int mergedInto) {
    public static final String PLUG = "plug";
    public static final String QUEUE = "queue";
    public static final String SERVED = "served";
    public static final String MERGED = "merged";

    public RequestView withPlace(String newPlace, int order) {
        return new RequestView(id, rw, sector, sectors, bios, newPlace, noMerge, order, mergedInto);
    }
}
