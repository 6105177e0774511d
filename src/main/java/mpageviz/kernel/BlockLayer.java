package mpageviz.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import mpageviz.trace.Events;

/**
 * The block layer under mpage (run-model.md, "Block layer"): the task's plug list with back/front merging, the
 * noop elevator with its insert-time back merge, and a FIFO disk that serves each dispatched request at once and
 * completes its bios in chain order. Every served request is recorded for the summary in disk order.
 */
public final class BlockLayer {
    /** BLK_MAX_REQUEST_COUNT: a plug holding this many requests is flushed before another is added. */
    public static final int MAX_PLUGGED = 16;

    private final Kernel k;
    public final int maxSectors;
    public final int maxSegments;
    private final boolean plugAllowed;
    private final boolean merge;
    private final boolean sortOnFlush;

    private boolean plugged;
    private final List<Request> plugList = new ArrayList<>();
    private final List<Request> queue = new ArrayList<>();
    private int nextRequestId;

    BlockLayer(Kernel k, int maxSectors, int maxSegments, boolean plugAllowed, boolean merge, boolean sortOnFlush) {
        this.k = k;
        this.maxSectors = maxSectors;
        this.maxSegments = maxSegments;
        this.plugAllowed = plugAllowed;
        this.merge = merge;
        this.sortOnFlush = sortOnFlush;
    }

    /** bio_get_nr_vecs: min(max_segments, max_sectors / sectors-per-page + 1, BIO_MAX_PAGES). */
    public int bioGetNrVecs() {
        int n = Math.min(maxSegments, maxSectors / (k.pageSize >> 9) + 1);
        return Math.min(n, 256);
    }

    /**
     * bio_add_page at offset 0: refuses (returns 0) when the bio would pass max_sectors, has no free vec, or has
     * max_segments segments already (one per vec); otherwise adds the page and returns {@code len}.
     */
    public int bioAddPage(Bio bio, Page page, int len, String fn) {
        String refusal = null;
        if (((bio.size + len) >> 9) > maxSectors) {
            refusal = "max-sectors";
        } else if (bio.vecs.size() >= bio.maxVecs) {
            refusal = "max-vecs";
        } else if (bio.vecs.size() >= maxSegments) {
            refusal = "max-segments";
        }
        if (refusal == null) {
            bio.vecs.add(new Bio.Vec(page, page.data, page.base, len));
            bio.size += len;
        }
        if (k.tracing) {
            k.emit(new Events.BioAddPage(k.line, fn, bio.id, page.index, len, refusal == null, refusal));
        }
        return refusal == null ? len : 0;
    }

    /** blk_start_plug, when the layout plugs at all. A nested plug is never installed. */
    public void startPlug() {
        if (plugAllowed) {
            plugged = true;
        }
    }

    /** blk_finish_plug: flush and uninstall. */
    public void finishPlug() {
        flushPlug("finish-plug");
        plugged = false;
    }

    public boolean plugged() {
        return plugged;
    }

    /**
     * submit_bio → generic_make_request → blk_queue_bio. A bio past the device end fails at once. Plugged: a
     * plug merge, else a new plugged request (flushing first at 16). Unplugged: a request served at once.
     */
    public void submitBio(Bio bio) {
        String fn = "submit_bio";
        if (bio.endSector() > k.bdev.sectors()) {
            complete(bio, false);
            return;
        }
        if (!plugged) {
            Request rq = newRequest(bio, false, fn);
            if (k.tracing) {
                k.emit(new Events.RequestQueue(k.line, "blk_queue_bio", rq.id));
            }
            serve(rq);
            return;
        }
        if (merge && attemptPlugMerge(bio)) {
            return;
        }
        if (plugList.size() >= MAX_PLUGGED) {
            flushPlug("request-limit");
        }
        plugList.add(newRequest(bio, true, fn));
    }

    private Request newRequest(Bio bio, boolean inPlug, String fn) {
        Request rq = new Request(++nextRequestId, bio);
        if (k.tracing) {
            k.emit(new Events.RequestNew(k.line, "blk_queue_bio", rq.id, bio.id, bio.rwName(), rq.sector, rq.sectors,
                    inPlug));
        }
        return rq;
    }

    /** attempt_plug_merge: newest to oldest, back then front; the first adjacent request within limits takes it. */
    private boolean attemptPlugMerge(Bio bio) {
        for (int i = plugList.size() - 1; i >= 0; i--) {
            Request rq = plugList.get(i);
            if (rq.noMerge || rq.rw != bio.rw) {
                continue;
            }
            boolean back = rq.endSector() == bio.sector;
            boolean front = !back && rq.sector - bio.sectors() == bio.sector;
            if (!back && !front) {
                continue;
            }
            if (!fits(rq, bio.sectors(), bio.vecs.size())) {
                rq.noMerge = true;
                if (k.tracing) {
                    k.emit(new Events.RequestNoMerge(k.line, "attempt_plug_merge", rq.id));
                }
                continue;
            }
            if (back) {
                rq.bios.add(bio);
            } else {
                rq.bios.add(0, bio);
                rq.sector = bio.sector;
            }
            rq.sectors += bio.sectors();
            rq.segments += bio.vecs.size();
            if (k.tracing) {
                k.emit(new Events.RequestMerge(k.line, back ? "bio_attempt_back_merge" : "bio_attempt_front_merge",
                        rq.id, bio.id, back ? "back" : "front", rq.sector, rq.sectors));
            }
            return true;
        }
        return false;
    }

    private boolean fits(Request rq, int sectors, int segments) {
        return rq.sectors + sectors <= maxSectors && rq.segments + segments <= maxSegments;
    }

    /**
     * blk_flush_plug_list: hand the plugged requests to the elevator (sorted by sector when the layout says so),
     * each with one insert-time back merge attempt, then run the queue: the disk serves everything FIFO.
     */
    public void flushPlug(String reason) {
        if (plugList.isEmpty()) {
            return;
        }
        List<Request> list = new ArrayList<>(plugList);
        plugList.clear();
        if (sortOnFlush) {
            list.sort(Comparator.comparingLong(r -> r.sector));
        }
        if (k.tracing) {
            k.emit(new Events.PlugFlush(k.line, "blk_flush_plug_list", reason, list.size()));
        }
        for (Request rq : list) {
            Request into = merge ? insertMergeCandidate(rq) : null;
            if (into != null) {
                into.bios.addAll(rq.bios);
                into.sectors += rq.sectors;
                into.segments += rq.segments;
                if (k.tracing) {
                    k.emit(new Events.ElevatorMerge(k.line, "elv_attempt_insert_merge", into.id, rq.id, into.sector,
                            into.sectors));
                }
            } else {
                queue.add(rq);
                if (k.tracing) {
                    k.emit(new Events.RequestQueue(k.line, "elv_insert", rq.id));
                }
            }
        }
        runQueue();
    }

    /** The most recently queued mergeable request that ends where {@code rq} starts, if the two fit together. */
    private Request insertMergeCandidate(Request rq) {
        if (rq.noMerge) {
            return null; // attempt_merge refuses when either request is not mergeable
        }
        for (int i = queue.size() - 1; i >= 0; i--) {
            Request q = queue.get(i);
            if (!q.noMerge && q.rw == rq.rw && q.endSector() == rq.sector) {
                return fits(q, rq.sectors, rq.segments) ? q : null;
            }
        }
        return null;
    }

    private void runQueue() {
        while (!queue.isEmpty()) {
            serve(queue.remove(0));
        }
    }

    /** The disk serves a request: each bio in chain order moves its bytes (or fails) and completes. */
    private void serve(Request rq) {
        int[] ids = new int[rq.bios.size()];
        List<String> from = new ArrayList<>(rq.bios.size());
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rq.bios.get(i).id;
            from.add(rq.bios.get(i).source);
        }
        k.recorder.served(rq.rw == Bio.WRITE ? "write" : "read", rq.sector, rq.sectors, from);
        if (k.tracing) {
            k.emit(new Events.RequestServe(k.line, "request_fn", rq.id, rq.rw == Bio.WRITE ? "write" : "read",
                    rq.sector, rq.sectors, ids));
        }
        for (Bio bio : rq.bios) {
            complete(bio, k.bdev.transfer(bio));
        }
    }

    /** bio_endio: BIO_UPTODATE from the transfer, then bi_end_io. */
    private void complete(Bio bio, boolean ok) {
        bio.uptodate = ok;
        if (k.tracing) {
            k.emit(new Events.BioEnd(k.line, "bio_endio", bio.id, ok));
        }
        if (bio.rw == Bio.READ && ok) {
            traceReadData(bio);
        }
        bio.endIo.endIo(bio);
    }

    /** Records which disk blocks' bytes landed in which page, so the picture can show where data came from. */
    private void traceReadData(Bio bio) {
        if (!k.tracing) {
            return;
        }
        long sector = bio.sector;
        for (Bio.Vec v : bio.vecs) {
            if (v.page() != null) {
                k.emit(new Events.PageData(k.line, "bio_endio", v.page().index, v.offset() - v.page().base, v.length(), "disk",
                        (sector << 9) / k.blockSize));
            }
            sector += v.length() >> 9;
        }
    }
}
