package mpageviz.view;

import static mpageviz.view.Wording.and;
import static mpageviz.view.Wording.cap;
import static mpageviz.view.Wording.hashes;
import static mpageviz.view.Wording.pages;
import static mpageviz.view.Wording.requestRange;
import static mpageviz.view.Wording.sectors;
import static mpageviz.view.Wording.size;

import java.util.Arrays;
import java.util.List;

import mpageviz.layout.Layout;
import mpageviz.trace.Events;

/**
 * The queue and the disk: requests entering the elevator, elevator back merges, the disk serving a request (and
 * how far its head moves), and bios completing, well or with an error.
 */
final class DiskNarrator extends StepNarrator {

    DiskNarrator(RunState before, RunState after) {
        super(before, after);
    }

    Narration narrate(Events.RequestQueue e) {
        RequestView r = after.request(e.request());
        String range = r == null ? "" : " (" + requestRange(r) + ")";
        if ("blk_queue_bio".equals(e.fn())) {
            return n(e, "Request #" + e.request() + range + " is queued at once",
                    "No plug is active, so the request goes straight to the elevator and the disk.", null,
                    Narration.IO);
        }
        String why = before.queue().isEmpty()
                ? "The flush hands each plugged request to the noop elevator in order; the queue was empty, so"
                + " it goes first."
                : !layout.blockLayer().merge()
                ? "The flush hands each plugged request to the noop elevator in order; merging is off, so it"
                + " stays a request of its own."
                : "The flush hands each plugged request to the noop elevator in order. No queued request ends"
                + " where it starts, so it stays a request of its own.";
        return n(e, "Request #" + e.request() + range + " enters the disk queue", why, null, Narration.IO);
    }

    Narration narrate(Events.ElevatorMerge e) {
        return n(e, "Request #" + e.from() + " is appended to queued request #" + e.into() + " (now "
                        + sectors(e.sector(), e.sectors()) + ")",
                "At flush time the elevator tries one back merge: request #" + e.into() + " ends exactly where #"
                        + e.from() + " starts, so they become one request, one pass over the disk.", null,
                Narration.IO);
    }

    Narration narrate(Events.RequestServe e) {
        boolean w = "write".equals(e.rw());
        String range = sectors(e.sector(), e.sectors());
        List<String> bios = hashes(Arrays.stream(e.bios()).boxed().toList());
        String head = "The disk " + (w ? "writes" : "reads") + " request #" + e.request() + ": " + range + " ("
                + size(e.sectors() * 512L) + ")";
        long headAt = before.counters().headSector();
        String seek;
        if (headAt < 0) {
            seek = "It is the first request the disk serves.";
        } else if (headAt == e.sector()) {
            seek = "It starts where the last request ended: no seek.";
        } else {
            long d = e.sector() - headAt;
            seek = "The head first moves " + (d > 0 ? "forward " : "back ") + Math.abs(d) + " sectors.";
        }
        String chain = bios.size() == 1 ? "Its bio " + bios.get(0) + " completes next."
                : "Its bios " + and(bios) + " complete in sector order.";
        return n(e, head, "Requests are served in queue order. " + chain + " " + seek, null, Narration.IO);
    }

    Narration narrate(Events.BioEnd e) {
        BioView b = before.bio(e.bio());
        String source = b == null ? "bio" : b.source();
        boolean w = b != null && "write".equals(b.rw());
        if (!e.ok()) {
            List<Long> ps = b == null ? List.of() : bioPages(b);
            boolean one = ps.size() == 1;
            String head = b == null ? "Bio #" + e.bio() + " fails"
                    : "bio".equals(source) ? "Bio #" + e.bio() + " fails: " + pages(ps)
                    + (w ? (one ? " is not written" : " are not written")
                    : (one ? " gets no data" : " get no data"))
                    : cap(bioLabel(e.bio(), before)) + " fails";
            return n(e, head, failWhy(b), null, Narration.ERROR);
        }
        if (b == null) {
            return n(e, "Bio #" + e.bio() + " completes", "Its data moved; its completion handler runs now.",
                    null, Narration.DONE);
        }
        if ("bio".equals(source)) {
            List<Long> ps = bioPages(b);
            boolean one = ps.size() == 1;
            return n(e, "Bio #" + e.bio() + " completes: " + pages(ps) + (w ? (one ? " is on disk" : " are on disk")
                            : (one ? " has its data" : " have their data")),
                    w ? "mpage_end_io ends writeback on each page, last page first."
                            : "mpage_end_io now walks its pages from last to first: each becomes uptodate and is"
                            + " unlocked.", null, Narration.DONE);
        }
        long block = blockOfSector(b.sector());
        if ("meta".equals(source)) {
            return n(e, "The read of " + metaName(block) + " completes",
                    "The block is now cached, so the waiting get_block can read the mapping in it.", null,
                    Narration.DONE);
        }
        boolean meta = b.vecs().isEmpty() || b.vecs().get(0).page() < 0;
        if (meta) {
            return n(e, "The write of " + metaName(block) + " completes",
                    "end_buffer_write_sync marks the block uptodate and unlocks it: it is on disk now.", null,
                    Narration.DONE);
        }
        long page = b.vecs().get(0).page();
        return n(e, "The buffer " + (w ? "write" : "read") + " of block " + block + " completes (page " + page
                        + ")",
                w ? "end_buffer_async_write finishes the buffer; the page's writeback ends with its last buffer."
                        : "end_buffer_async_read marks the buffer uptodate; the page finishes when its last"
                        + " buffer does.", null, Narration.DONE);
    }

    private String failWhy(BioView b) {
        if (b == null) {
            return "The I/O failed, so BIO_UPTODATE is clear when its completion runs.";
        }
        long start = b.sector();
        long end = start + b.bytes() / 512;
        String cause = "The I/O failed";
        for (Layout.SectorRange r : layout.faults().badSectors()) {
            if (r.start() < end && start < r.start() + r.count()) {
                cause = "A bad sector inside " + sectors(start, end - start) + " fails the whole bio";
                break;
            }
        }
        long deviceSectors = layout.device().blocks() * blockSize / 512;
        if (end > deviceSectors) {
            cause = "The bio runs past the end of the device, so it fails at once";
        }
        boolean w = "write".equals(b.rw());
        if ("bio".equals(b.source())) {
            return cause + ". mpage_end_io " + (w ? "sets PG_error on every page and AS_EIO on the file;"
                    + " the pages stay clean." : "marks every page in it with PG_error; none becomes uptodate.");
        }
        return cause + ". The buffer is not uptodate, and its page gets PG_error.";
    }
}
