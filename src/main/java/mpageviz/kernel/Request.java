package mpageviz.kernel;

import java.util.ArrayList;
import java.util.List;

/** struct request: a run of adjacent sectors in one direction, made of bios kept in chain (ascending) order. */
public final class Request {
    public final int id;
    public final int rw;
    public long sector;
    public int sectors;
    /** Physical segments, counting one per vec. */
    public int segments;
    /** REQ_NOMERGE: a merge was refused on limits, so it takes no more bios. */
    public boolean noMerge;
    public final List<Bio> bios = new ArrayList<>(4);

    Request(int id, Bio bio) {
        this.id = id;
        this.rw = bio.rw;
        this.sector = bio.sector;
        this.sectors = bio.sectors();
        this.segments = bio.vecs.size();
        this.bios.add(bio);
    }

    public long endSector() {
        return sector + sectors;
    }
}
