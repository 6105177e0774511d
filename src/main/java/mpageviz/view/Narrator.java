package mpageviz.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import mpageviz.kernel.BhState;
import mpageviz.kernel.Errno;
import mpageviz.kernel.PageFlag;
import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.trace.Event;
import mpageviz.trace.EventVisitor;
import mpageviz.trace.Events;

/**
 * Says in words what each step of a run did and why the kernel did it. A pure function of (state before, event,
 * state after), like every panel: the same step always reads the same. One handler per event kind; the texts are
 * our own, short enough for a projector, and name the kernel condition (BH_Boundary, a hole then data, a full
 * bio, ...) behind the step.
 */
public final class Narrator {

    private Narrator() {
    }

    /** The narration of {@code event}, the step from {@code before} to {@code after}. */
    public static Narration narrate(RunState before, Event event, RunState after) {
        if (event == null) {
            throw new IllegalArgumentException("no event to narrate");
        }
        RunState b = before != null ? before : after;
        RunState a = after != null ? after : before;
        if (b == null) {
            throw new IllegalArgumentException("no state to narrate " + event.kind() + " against");
        }
        return event.accept(new Teller(b, a));
    }

    /** What the run is about to do, before any event: the call, its pages and what to watch for. */
    public static Narration atStart(RunState start) {
        if (start == null) {
            throw new IllegalArgumentException("no starting state");
        }
        return new Teller(start, start).start();
    }

    // =====================================================================================================
    // Wording helpers shared by all handlers

    static String size(long bytes) {
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        if (bytes > 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return bytes == 1 ? "1 byte" : bytes + " bytes";
    }

    static String sectors(long start, long count) {
        return count <= 1 ? "sector " + start : "sectors " + start + "-" + (start + count - 1);
    }

    static String blocks(long first, long count) {
        return count <= 1 ? "block " + first : "blocks " + first + "-" + (first + count - 1);
    }

    /** "1004" or "1004-1007". */
    static String span(long first, long count) {
        return count <= 1 ? String.valueOf(first) : first + "-" + (first + count - 1);
    }

    static String logicals(long first, long count) {
        return count <= 1 ? "logical block " + first : "logical blocks " + first + "-" + (first + count - 1);
    }

    /** "page 3", "pages 0-2", "pages 0, 2 and 5-7". */
    static String pages(List<Long> list) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = 0;
        while (i < list.size()) {
            int j = i;
            while (j + 1 < list.size() && list.get(j + 1) == list.get(j) + 1) {
                j++;
            }
            parts.add(j == i ? String.valueOf(list.get(i)) : list.get(i) + "-" + list.get(j));
            n += j - i + 1;
            i = j + 1;
        }
        if (n == 0) {
            return "no pages";
        }
        return (n == 1 ? "page " : "pages ") + and(parts);
    }

    static String and(List<String> parts) {
        if (parts.isEmpty()) {
            return "";
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static boolean has(int bits, PageFlag f) {
        return (bits & f.bit()) != 0;
    }

    static boolean has(int bits, BhState s) {
        return (bits & s.bit()) != 0;
    }

    private static String pageSetWord(PageFlag f) {
        switch (f) {
            case LOCKED:
                return "locked";
            case ERROR:
                return "marked with PG_error";
            case UPTODATE:
                return "uptodate";
            case DIRTY:
                return "dirty";
            case WRITEBACK:
                return "under writeback";
            default:
                return "mapped to disk";
        }
    }

    private static String pageClearWord(PageFlag f) {
        switch (f) {
            case LOCKED:
                return "unlocked";
            case ERROR:
                return "free of PG_error";
            case UPTODATE:
                return "no longer uptodate";
            case DIRTY:
                return "clean";
            case WRITEBACK:
                return "out of writeback";
            default:
                return "no longer mapped to disk";
        }
    }

    /** "uptodate and unlocked". */
    static String pageChange(int set, int clear) {
        List<String> words = new ArrayList<>();
        for (PageFlag f : PageFlag.values()) {
            if (has(set, f)) {
                words.add(pageSetWord(f));
            }
        }
        for (PageFlag f : PageFlag.values()) {
            if (has(clear, f)) {
                words.add(pageClearWord(f));
            }
        }
        return words.isEmpty() ? "unchanged" : and(words);
    }

    private static String bhSetWord(BhState s) {
        switch (s) {
            case REQ:
                return "marked submitted";
            case ASYNC_READ:
                return "marked for an async read";
            case ASYNC_WRITE:
                return "marked for an async write";
            case DELAY:
                return "delayed";
            case BOUNDARY:
                return "a boundary (BH_Boundary)";
            case WRITE_EIO:
                return "marked with a write error";
            case LOCK:
                return "locked";
            default:
                return s.label();
        }
    }

    private static String bhClearWord(BhState s) {
        switch (s) {
            case UPTODATE:
                return "no longer uptodate";
            case DIRTY:
                return "clean";
            case LOCK:
                return "unlocked";
            case REQ:
                return "no longer marked submitted";
            case MAPPED:
                return "unmapped";
            case NEW:
                return "no longer new";
            case ASYNC_READ:
                return "done reading";
            case ASYNC_WRITE:
                return "done writing";
            case DELAY:
                return "no longer delayed";
            case BOUNDARY:
                return "no longer a boundary";
            default:
                return "free of its write error";
        }
    }

    /** "mapped and uptodate, unlocked". */
    static String bhChange(int set, int clear) {
        List<String> words = new ArrayList<>();
        for (BhState s : BhState.values()) {
            if (has(set, s)) {
                words.add(bhSetWord(s));
            }
        }
        for (BhState s : BhState.values()) {
            if (has(clear, s)) {
                words.add(bhClearWord(s));
            }
        }
        return words.isEmpty() ? "unchanged" : and(words);
    }

    /** Buffer state bits as a short list: "mapped, BH_Boundary". */
    static String bhList(int bits) {
        List<String> words = new ArrayList<>();
        for (BhState s : BhState.values()) {
            if (has(bits, s)) {
                words.add(s == BhState.BOUNDARY ? "BH_Boundary" : s.label());
            }
        }
        return words.isEmpty() ? "no bits" : String.join(", ", words);
    }

    static String errno(int ret) {
        return Errno.name(ret);
    }

    // =====================================================================================================

    /** One narration: the two states, the layout, and a handler per kind. */
    private static final class Teller implements EventVisitor<Narration> {
        private final RunState before;
        private final RunState after;
        private final Layout layout;
        private final int pageSize;
        private final int blockSize;
        private final int blocksPerPage;
        private final int pageToBlockShift;
        private final boolean write;
        private final boolean plugOn;

        Teller(RunState before, RunState after) {
            this.before = before;
            this.after = after;
            this.layout = before.layout();
            this.pageSize = layout.geometry().pageSize();
            this.blockSize = layout.geometry().blockSize();
            this.blocksPerPage = layout.blocksPerPage();
            this.pageToBlockShift = layout.geometry().pageShift() - layout.geometry().blkbits();
            this.write = layout.run().isWrite();
            this.plugOn = layout.blockLayer().plug();
        }

        // ------------------------------------------------------------------ small lookups

        private Narration n(Event e, String headline, String why, String reason, String tone) {
            return new Narration(headline, why, e.fn(), e.line(), reason, tone);
        }

        private long blockOfSector(long sector) {
            return sector * 512 / blockSize;
        }

        private long firstLogical(long page) {
            return page << pageToBlockShift;
        }

        /** "indirect block 1012" when the layout lists it as metadata, else "metadata block 1012". */
        private String metaName(long block) {
            for (Layout.MetadataBlock md : layout.file().metadata()) {
                if (md.block() == block) {
                    return "indirect block " + block;
                }
            }
            return "metadata block " + block;
        }

        private Layout.MetadataBlock metaCovering(long logical) {
            for (Layout.MetadataBlock md : layout.file().metadata()) {
                if (md.first() <= logical && logical <= md.last()) {
                    return md;
                }
            }
            return null;
        }

        private Layout.MetadataBlock metaAt(long block) {
            for (Layout.MetadataBlock md : layout.file().metadata()) {
                if (md.block() == block) {
                    return md;
                }
            }
            return null;
        }

        /** The disk block the layout maps a logical block to, or -1 for a hole. */
        private long physical(long logical) {
            for (Layout.Extent x : layout.file().extents()) {
                if (x.logical() <= logical && logical < x.logical() + x.count()) {
                    return x.physical() + (logical - x.logical());
                }
            }
            return -1;
        }

        private static List<Long> bioPages(BioView b) {
            List<Long> out = new ArrayList<>();
            for (BioView.Vec v : b.vecs()) {
                if (v.page() >= 0 && (out.isEmpty() || out.get(out.size() - 1) != v.page())) {
                    out.add(v.page());
                }
            }
            return out;
        }

        private static List<Long> list(long[] pages) {
            List<Long> out = new ArrayList<>();
            for (long p : pages) {
                if (p >= 0) {
                    out.add(p);
                }
            }
            return out;
        }

        /** The latest mpage bio in {@code s} that holds {@code page} and has {@code status}; null if none. */
        private static BioView bioHolding(RunState s, long page, String status) {
            for (int id = s.bioCount(); id >= 1; id--) {
                BioView b = s.bio(id);
                if (b == null || !status.equals(b.status())) {
                    continue;
                }
                for (BioView.Vec v : b.vecs()) {
                    if (v.page() == page) {
                        return b;
                    }
                }
            }
            return null;
        }

        private String bioRef(BioView b) {
            return b == null ? "its bio" : "bio #" + b.id();
        }

        /** How a bio reads in a sentence: "bio #3", "the read of indirect block 1012", "buffer bio #4". */
        private String bioLabel(int id, RunState s) {
            BioView b = s.bio(id);
            if (b == null || "bio".equals(b.source())) {
                return "bio #" + id;
            }
            long block = blockOfSector(b.sector());
            if ("meta".equals(b.source())) {
                return "the read of " + metaName(block);
            }
            boolean meta = b.vecs().isEmpty() || b.vecs().get(0).page() < 0;
            if (meta) {
                return "the write of " + metaName(block);
            }
            return "buffer bio #" + id + " (block " + block + ")";
        }

        private static List<String> hashes(List<Integer> ids) {
            List<String> out = new ArrayList<>();
            for (int id : ids) {
                out.add("#" + id);
            }
            return out;
        }

        private String requestRange(RequestView r) {
            return sectors(r.sector(), r.sectors());
        }

        private String requestList(List<Integer> ids, RunState s) {
            List<String> parts = new ArrayList<>();
            for (int id : ids) {
                RequestView r = s.request(id);
                parts.add(r == null ? "#" + id : "#" + id + " (" + requestRange(r) + ")");
            }
            return (ids.size() == 1 ? "request " : "requests ") + and(parts);
        }

        /** Disk block of the current page's first block, from the last get_block run or its buffers; -1 if unknown. */
        private long currentFirstBlock(long page) {
            if (page < 0) {
                return -1;
            }
            PageView pv = before.page(page);
            if (pv != null && pv.buffers() != null && !pv.buffers().isEmpty()
                    && has(pv.buffers().get(0).state(), BhState.MAPPED)) {
                return pv.buffers().get(0).block();
            }
            Events.GetBlock g = before.lastGetBlock();
            long first = firstLogical(page);
            if (g != null && g.ret() == 0 && g.block() >= 0) {
                if (g.logical() <= first && first < g.logical() + g.count()) {
                    return g.block() + (first - g.logical());
                }
                if (g.create() && g.logical() >= first && g.logical() < first + blocksPerPage) {
                    return g.block() - (g.logical() - first); // one block per call, contiguous so far
                }
            }
            return -1;
        }

        /** "page 3", or "the page" when no page is current (a replayed or partial trace). */
        private static String pageName(long p) {
            return p >= 0 ? "page " + p : "the page";
        }

        private String budget(long nrToWrite) {
            return nrToWrite >= Long.MAX_VALUE / 2 ? "no page budget" : nrToWrite + " left in the page budget";
        }

        private String callName() {
            switch (layout.run().op()) {
                case RunSpec.READPAGE:
                    return "mpage_readpage";
                case RunSpec.WRITEPAGES:
                    return "mpage_writepages";
                case RunSpec.WRITEPAGE:
                    return "mpage_writepage";
                default:
                    return "mpage_readpages";
            }
        }

        private int callLine() {
            switch (layout.run().op()) {
                case RunSpec.READPAGE:
                    return 402;
                case RunSpec.WRITEPAGES:
                    return 673;
                case RunSpec.WRITEPAGE:
                    return 700;
                default:
                    return 366;
            }
        }

        private String geometry() {
            return size(blockSize) + " blocks, " + size(pageSize) + " pages";
        }

        // ------------------------------------------------------------------ the start of a run

        Narration start() {
            RunSpec run = layout.run();
            String headline;
            switch (run.op()) {
                case RunSpec.READPAGE:
                    headline = "mpage_readpage will read page " + run.index() + " (" + geometry() + ")";
                    break;
                case RunSpec.WRITEPAGE:
                    headline = "mpage_writepage will write page " + run.index() + " (" + geometry() + ")";
                    break;
                case RunSpec.WRITEPAGES: {
                    List<Long> dirty = new ArrayList<>();
                    for (Layout.PageSpec p : layout.pageCache()) {
                        if (p.has("dirty")) {
                            dirty.add(p.index());
                        }
                    }
                    dirty.sort(null);
                    headline = "mpage_writepages will write back " + (dirty.isEmpty() ? "the file"
                            : "dirty " + pages(dirty)) + " (" + geometry() + ")";
                    break;
                }
                default:
                    headline = "mpage_readpages will read " + pages(run.readaheadPages()) + " (" + geometry() + ")";
                    break;
            }
            List<String> hints = hints();
            String why = hints.size() >= 2 ? hints.get(0) + " " + hints.get(1) : hints.get(0);
            return new Narration(headline, why, callName(), callLine(), null, Narration.INFO);
        }

        /** What is worth watching in this layout, most telling first; never empty. */
        private List<String> hints() {
            List<String> out = new ArrayList<>();
            RunSpec run = layout.run();
            Layout.FileMap file = layout.file();
            for (long b : file.boundaries()) {
                long p = physical(b);
                out.add("Watch logical block " + b + (p >= 0 ? " (disk " + p + ")" : "")
                        + ": get_block flags it BH_Boundary, so mpage sends its bio right after it"
                        + (write ? " and writes the indirect block behind it." : "."));
                break;
            }
            for (Layout.MetadataBlock md : file.metadata()) {
                if (!md.cached()) {
                    out.add("Indirect block " + md.block() + " is not cached: mapping " + logicals(md.first(),
                            md.last() - md.first() + 1) + " must read it first"
                            + (plugOn ? ", and that wait flushes the plug." : "."));
                    break;
                }
                if (write && md.dirty()) {
                    out.add("Indirect block " + md.block() + " is cached and dirty: watch whether it is written"
                            + " next to the data.");
                    break;
                }
            }
            for (Layout.SectorRange r : layout.faults().badSectors()) {
                out.add(cap(sectors(r.start(), r.count())) + (r.count() <= 1 ? " is bad: any bio that touches it"
                        : " are bad: any bio that touches them") + " fails as a whole.");
                break;
            }
            if (!layout.faults().bioAllocFailures().isEmpty()) {
                out.add("bio_alloc call #" + layout.faults().bioAllocFailures().get(0) + " will fail"
                        + (run.memalloc() ? "; the task has PF_MEMALLOC, so mpage retries with fewer vectors."
                        : "; without PF_MEMALLOC mpage cannot retry."));
            }
            for (Layout.GetBlockError err : layout.getBlock().errors()) {
                out.add("get_block fails with " + err.errno() + " for logical block " + err.logical() + ".");
                break;
            }
            if (!layout.getBlock().uptodate().isEmpty()) {
                out.add("get_block returns logical block " + layout.getBlock().uptodate().get(0)
                        + " already uptodate: the filesystem copies its data itself.");
            }
            if (!layout.cleancache().isEmpty()) {
                out.add("Cleancache holds page " + layout.cleancache().get(0) + ", so it needs no disk read.");
            }
            for (Layout.PageSpec p : layout.pageCache()) {
                if (p.alreadyCached()) {
                    out.add("Page " + p.index() + " is already cached: readahead must skip it, leaving a gap.");
                    break;
                }
            }
            if (!write) {
                for (Layout.PageSpec p : layout.pageCache()) {
                    if (!p.alreadyCached() && p.buffers() != null) {
                        out.add("Page " + p.index() + " already has buffer heads, which mpage does not handle.");
                        break;
                    }
                }
            } else {
                writeHints(out);
            }
            String hole = holeHint();
            if (hole != null) {
                out.add(hole);
            }
            long size = file.size();
            if (size % pageSize != 0) {
                out.add("The file ends inside page " + size / pageSize + " (i_size " + size + " bytes).");
            }
            if (file.extents().size() > 1) {
                out.add("The file lies in " + file.extents().size() + " pieces on disk: watch where a bio breaks.");
            }
            int maxSectors = layout.device().maxSectors();
            if (maxSectors < 128) {
                out.add("The queue takes at most " + maxSectors + " sectors (" + size(maxSectors * 512L)
                        + ") per request, so bios fill up fast.");
            }
            if (!plugOn) {
                out.add("No plug: every bio goes to the disk at once and nothing merges later.");
            } else if (layout.blockLayer().sortOnFlush()) {
                out.add("The plug flush sorts requests by sector, as Linux 3.8 does.");
            }
            if (layout.memory().bufferHeadsOverLimit()) {
                out.add("buffer_heads_over_limit is set: written pages lose their buffer heads.");
            }
            if (run.nrToWrite() > 0 && RunSpec.WRITEPAGES.equals(run.op())) {
                out.add("Only " + run.nrToWrite() + " pages may be written (nr_to_write).");
            }
            if (run.rangeCyclic()) {
                out.add("Cyclic writeback starts at page " + run.rangeStart() + " and wraps around to 0.");
            }
            if (out.isEmpty()) {
                out.add(write ? "Watch contiguous dirty pages share one bio and one request."
                        : "Watch contiguous blocks become one bio and one request.");
            }
            return out;
        }

        private void writeHints(List<String> out) {
            long size = layout.file().size();
            for (Layout.PageSpec p : layout.pageCache()) {
                if (p.has("dirty") && (long) p.index() * pageSize >= size) {
                    out.add("Page " + p.index() + " lies past end of file: mpage cannot write it.");
                    break;
                }
            }
            for (Layout.PageSpec p : layout.pageCache()) {
                if (p.has("writeback")) {
                    out.add("Page " + p.index() + " is still under writeback from an earlier write.");
                    break;
                }
            }
            for (Layout.PageSpec p : layout.pageCache()) {
                if (p.buffers() == null || !p.has("dirty")) {
                    continue;
                }
                for (int i = 0; i < p.buffers().size(); i++) {
                    Layout.BufferSpec b = p.buffers().get(i);
                    if (!b.has("mapped") && b.has("dirty")) {
                        out.add("Buffer " + i + " of page " + p.index() + " is dirty but has no disk block.");
                        return;
                    }
                    if (b.has("mapped") && !b.has("dirty")) {
                        out.add("Page " + p.index() + " is only partly dirty: buffer " + i + " is clean.");
                        return;
                    }
                }
            }
        }

        private String holeHint() {
            RunSpec run = layout.run();
            List<Long> pageList = new ArrayList<>();
            if (RunSpec.READPAGES.equals(run.op())) {
                pageList.addAll(run.readaheadPages());
            } else if (run.index() >= 0) {
                pageList.add(run.index());
            } else {
                for (Layout.PageSpec p : layout.pageCache()) {
                    pageList.add(p.index());
                }
            }
            long lastLogical = (layout.file().size() + blockSize - 1) / blockSize;
            for (long p : pageList) {
                Layout.PageSpec spec = layout.pageSpec(p);
                if (write && spec != null && spec.buffers() != null) {
                    continue; // a page with buffers does not ask get_block
                }
                long first = firstLogical(p);
                for (long l = first; l < first + blocksPerPage && l < lastLogical; l++) {
                    if (physical(l) < 0) {
                        if (write) {
                            return "Logical block " + l + " (page " + p + ") is a hole: writing it makes get_block"
                                    + (layout.file().allocator() == null ? " fail with ENOSPC, as nothing can be"
                                    + " allocated." : " allocate a disk block.");
                        }
                        return "Logical block " + l + " (page " + p + ") is a hole: there is nothing on disk for it.";
                    }
                }
            }
            return null;
        }

        // ------------------------------------------------------------------ call

        @Override
        public Narration visit(Events.CallBegin e) {
            RunSpec run = layout.run();
            String headline;
            String why;
            switch (e.op()) {
                case RunSpec.READPAGE:
                    headline = "mpage_readpage starts on page " + run.index();
                    why = "One page on its own, so nr_pages is 1: get_block is asked only for this page's blocks,"
                            + " and the bio is sent before the call returns.";
                    break;
                case RunSpec.WRITEPAGES:
                    headline = "mpage_writepages starts (" + ("all".equals(run.syncMode()) ? "WB_SYNC_ALL"
                            : "WB_SYNC_NONE") + ")";
                    why = "write_cache_pages walks the dirty pages in index order and hands each to"
                            + " __mpage_writepage. Pages whose blocks follow on disk share a bio"
                            + (plugOn ? "; the plug holds the requests until the end." : ".");
                    break;
                case RunSpec.WRITEPAGE:
                    headline = "mpage_writepage starts on page " + run.index();
                    why = "One page, with no fallback inside mpage: if the page cannot go in a bio, mpage returns"
                            + " -EAGAIN and the caller writes it through buffer heads.";
                    break;
                default:
                    headline = "mpage_readpages starts on " + pages(run.readaheadPages());
                    why = "Readahead built these fresh pages and wants them read. mpage maps them with get_block"
                            + " and packs pages that are contiguous on disk into as few bios as it can.";
                    break;
            }
            return n(e, headline, why, null, Narration.INFO);
        }

        @Override
        public Narration visit(Events.CallEnd e) {
            Counters c = after.counters();
            String tally = (c.biosSubmitted() == 0 ? "no bios" : c.biosSubmitted() + (c.biosSubmitted() == 1 ? " bio"
                    : " bios")) + " and "
                    + (c.fallbackPages() == 0 ? "no fallback" : c.fallbackPages()
                    + (c.fallbackPages() == 1 ? " fallback" : " fallbacks"));
            String ret = e.ret() == 0 ? "0" : "-" + errno(e.ret());
            if (e.ret() == -Errno.EAGAIN && "mpage_writepage".equals(e.fn())) {
                return n(e, "mpage_writepage returns -EAGAIN: the page needs the buffer path",
                        "mpage could not put the page in a bio, and mpage_writepage has no fallback of its own. The"
                                + " caller now hands the still-locked page to the mapping's writepage.",
                        null, Narration.FALLBACK);
            }
            String headline = e.fn() + " returns " + ret + " after " + tally;
            if (e.ret() != 0) {
                return n(e, headline, "The walk stopped on -" + errno(e.ret()) + ". The error goes back to the"
                        + " caller, and the mapping keeps it so fsync can report it.", null, Narration.ERROR);
            }
            String why;
            if (!write) {
                int waiting = after.plug().size();
                why = "Every page is handled: in a bio, read block by block, or done without I/O. "
                        + (waiting > 0 ? (waiting == 1 ? "One request still waits" : waiting + " requests still wait")
                        + " in the plug; finishing the plug sends " + (waiting == 1 ? "it." : "them.")
                        : "Nothing is left waiting in the plug.");
            } else if ("mpage_writepage".equals(e.fn())) {
                int waiting = after.plug().size();
                why = "The page is in a bio that has been sent; its completion ends writeback."
                        + (waiting > 0 ? " The caller's plug still holds it: finishing the plug sends it." : "");
            } else {
                why = "Every dirty page in range was visited and the last bio was sent. Each write's completion"
                        + " ends writeback on its pages.";
            }
            return n(e, headline, why, null, Narration.DONE);
        }

        // ------------------------------------------------------------------ pages

        @Override
        public Narration visit(Events.PageBegin e) {
            long p = e.page();
            PageView pv = before.page(p);
            BioView open = before.buildingBio();
            String openTxt = null;
            if (open != null && !open.vecs().isEmpty()) {
                long endBlock = blockOfSector(open.sector() + open.bytes() / 512) - 1;
                openTxt = "Bio #" + open.id() + " is open and ends at disk block " + endBlock + ": page " + p
                        + " joins it only if its first block is " + (endBlock + 1) + ".";
            }
            if (write) {
                String first = pv != null && pv.buffers() != null
                        ? "The page has buffers: they must be mapped, dirty, uptodate and contiguous on disk"
                        + " (unmapped ones only at the end), or the page falls back."
                        : "The page has no buffers, so mpage maps each block with get_block(create=1),"
                        + " allocating any hole.";
                return n(e, "__mpage_writepage starts on page " + p, openTxt == null ? first : first + " " + openTxt,
                        null, Narration.INFO);
            }
            String first;
            Events.GetBlock g = before.lastGetBlock();
            long fl = firstLogical(p);
            if (pv != null && pv.buffers() != null) {
                first = "Page " + p + " already has buffer heads, so mpage will hand it to block_read_full_page.";
            } else if (has(before.mapBhState(), BhState.MAPPED) && g != null && g.block() >= 0 && g.line() == 219
                    && g.logical() < fl && fl < g.logical() + g.count()) {
                first = "map_bh still holds the run from the last get_block (" + logicals(g.logical(), g.count())
                        + " on disk " + span(g.block(), g.count()) + "), so this page may need"
                        + " no get_block call.";
            } else if (has(before.mapBhState(), BhState.MAPPED)) {
                first = "map_bh still holds a mapped run from an earlier get_block, so this page may need no"
                        + " get_block call.";
            } else {
                first = "mpage will ask get_block where this page's blocks are on disk.";
            }
            return n(e, "do_mpage_readpage starts on page " + p, openTxt == null ? first : first + " " + openTxt,
                    null, Narration.INFO);
        }

        @Override
        public Narration visit(Events.PageCreate e) {
            String why;
            switch (e.fn()) {
                case "__do_page_cache_readahead":
                    why = "Readahead allocates the pages it wants before calling mpage_readpages. They are not in"
                            + " the page cache yet: mpage adds each one as it goes.";
                    break;
                case "page_cache_alloc_cold":
                    why = "The page to read is not in the cache, so the caller allocates one and adds it, locked.";
                    break;
                default:
                    why = "The page is not in the cache, so the caller allocates a fresh one for the call.";
                    break;
            }
            return n(e, "Page " + e.page() + " is allocated: a fresh, zero-filled page", why, null, Narration.INFO);
        }

        @Override
        public Narration visit(Events.PageFlags e) {
            long p = e.page();
            String pg = "Page " + p;
            int set = e.set();
            int clr = e.clear();
            PageView pa = after.page(p);
            int now = pa == null ? set : pa.flags();
            String generic = pg + " is now " + pageChange(set, clr);
            switch (e.fn()) {
                case "add_to_page_cache_lru":
                    return n(e, pg + " enters the page cache, locked",
                            "add_to_page_cache_lru inserts the page and locks it. The lock holds until the read"
                                    + " ends, so nobody sees half-read data.", null, Narration.INFO);
                case "lock_page":
                    return n(e, pg + " is locked for the call", write
                            ? "The caller locks the page before writing it: the page stays locked while mpage"
                            + " checks and maps it."
                            : "The caller locks the page before asking mpage to read it; the read's completion"
                            + " unlocks it.", null, Narration.INFO);
                case "write_cache_pages":
                    if (has(set, PageFlag.LOCKED)) {
                        return n(e, "write_cache_pages locks page " + p,
                                "A page must be locked while it is checked and handed to __mpage_writepage.",
                                null, Narration.INFO);
                    }
                    break;
                case "clear_page_dirty_for_io":
                    return n(e, pg + "'s dirty bit is cleared for writing",
                            "The dirty bit is dropped before the write starts. If the page is dirtied again"
                                    + " during the write, the bit comes back and a later pass writes it.",
                            null, Narration.INFO);
                case "do_mpage_readpage":
                    if (has(set, PageFlag.MAPPEDTODISK)) {
                        return n(e, pg + " is fully mapped to disk",
                                "get_block found a disk block for every block of the page, with no hole, so"
                                        + " PG_mappedtodisk is set.", null, Narration.INFO);
                    }
                    if (e.line() == 267 && has(set, PageFlag.UPTODATE)) {
                        return n(e, pg + " is all hole: zero-filled and uptodate, no I/O",
                                "get_block mapped none of its blocks, so zeros are the file's data here. The open"
                                        + " bio stays open for the next page.", null, Narration.DONE);
                    }
                    if (e.line() == 267 && has(clr, PageFlag.LOCKED)) {
                        return n(e, pg + " is unlocked: nothing had to be read",
                                "A page that is all hole is finished at once; readers can use it now.",
                                null, Narration.DONE);
                    }
                    if (e.line() == 277 && has(set, PageFlag.UPTODATE)) {
                        return n(e, "Cleancache had page " + p + ": uptodate without a disk read",
                                "With one block per page, fully mapped, mpage asks cleancache before reading. A"
                                        + " hit fills the page, so mpage sends any open bio and only unlocks this page.",
                                null, Narration.DONE);
                    }
                    if (has(clr, PageFlag.LOCKED)) {
                        return n(e, pg + " is already uptodate: mpage only unlocks it",
                                "Its data is already in place (from cleancache or from get_block), so"
                                        + " block_read_full_page has nothing to do.", null, Narration.DONE);
                    }
                    break;
                case "map_buffer_to_page":
                    if (has(set, PageFlag.UPTODATE)) {
                        return n(e, "get_block filled page " + p + " itself: it is uptodate",
                                "The block is as big as the page and came back uptodate, so no buffers are"
                                        + " needed: the page is just marked uptodate.", null, Narration.DONE);
                    }
                    break;
                case "mpage_end_io":
                    return endIoFlags(e, pg, set, clr, now);
                case "set_page_writeback": {
                    if (e.line() == 621) {
                        BioView b = before.buildingBio();
                        return n(e, pg + " is now under writeback",
                                cap(bioRef(b)) + " holds the page now. PG_writeback marks the write in flight,"
                                        + " so the lock can go; the bio's completion ends writeback.",
                                null, Narration.INFO);
                    }
                    return n(e, pg + " is now under writeback",
                            "block_write_full_page marks the page under writeback before it submits the buffers;"
                                    + " the last buffer to finish ends it.", null, Narration.INFO);
                }
                case "__mpage_writepage":
                    if (has(clr, PageFlag.LOCKED)) {
                        return n(e, pg + " is unlocked while its write is in flight",
                                "PG_writeback, not the lock, now guards the write, so the page can be read or"
                                        + " dirtied again meanwhile.", null, Narration.INFO);
                    }
                    break;
                case "end_page_writeback":
                    return endWriteback(e, pg, now);
                case "block_read_full_page":
                    if (has(set, PageFlag.ERROR)) {
                        return n(e, pg + " gets PG_error: get_block failed for one of its blocks",
                                "That block is zeroed and its buffer stays not uptodate, so the page cannot"
                                        + " become uptodate.", null, Narration.ERROR);
                    }
                    if (has(set, PageFlag.MAPPEDTODISK)) {
                        return n(e, pg + " is mapped to disk: every buffer was mapped",
                                "All of the page's buffers already had disk blocks when block_read_full_page"
                                        + " looked at them.", null, Narration.INFO);
                    }
                    if (has(set, PageFlag.UPTODATE)) {
                        return n(e, pg + " is uptodate without a disk read",
                                "Every buffer was a hole or already uptodate, so block_read_full_page has"
                                        + " nothing to read.", null, Narration.DONE);
                    }
                    if (has(clr, PageFlag.LOCKED)) {
                        boolean bad = has(now, PageFlag.ERROR) || !has(now, PageFlag.UPTODATE);
                        return n(e, bad ? pg + " is unlocked, not uptodate: a block could not be mapped"
                                        : pg + " is unlocked: nothing had to be read",
                                bad ? "A reader waiting on the page sees the error and can retry."
                                        : "No buffer needed a read, so the page is finished at once.",
                                null, bad ? Narration.ERROR : Narration.DONE);
                    }
                    break;
                case "end_buffer_async_read":
                    if (has(set, PageFlag.UPTODATE)) {
                        return n(e, pg + " is uptodate: its last buffer read finished",
                                "end_buffer_async_read marks the page uptodate only when every buffer is uptodate"
                                        + " and no read failed.", null, Narration.DONE);
                    }
                    if (has(set, PageFlag.ERROR)) {
                        return n(e, pg + " gets PG_error: one of its buffer reads failed",
                                "A failed buffer stays not uptodate, so the page will not become uptodate.",
                                null, Narration.ERROR);
                    }
                    if (has(clr, PageFlag.LOCKED)) {
                        boolean ok = has(now, PageFlag.UPTODATE);
                        return n(e, ok ? pg + " is now uptodate and unlocked: all its buffer reads are done"
                                        : pg + " is unlocked with an error: a buffer read failed",
                                "The last buffer to complete unlocks the page, whatever order the disk finished"
                                        + " them in.", null, ok ? Narration.DONE : Narration.ERROR);
                    }
                    break;
                case "block_write_full_page":
                    if (has(clr, PageFlag.LOCKED)) {
                        return n(e, pg + " lies past end of file: dropped without writing",
                                "No byte of the page is inside i_size (" + layout.file().size() + " bytes), so its"
                                        + " buffers are emptied and the clean page is unlocked.", null,
                                Narration.INFO);
                    }
                    break;
                case "__block_write_full_page":
                    if (has(set, PageFlag.ERROR)) {
                        return n(e, pg + " gets PG_error: get_block failed while writing",
                                "The buffer path could not map a dirty block. That block's data is lost; the"
                                        + " error is kept for fsync.", null, Narration.ERROR);
                    }
                    if (has(clr, PageFlag.LOCKED)) {
                        return n(e, pg + " is unlocked; its buffers are being written",
                                "block_write_full_page has set writeback and submitted the dirty buffers; their"
                                        + " completions end writeback.", null, Narration.INFO);
                    }
                    break;
                case "cancel_dirty_page":
                    return n(e, pg + " is clean: it lost its buffers",
                            "try_to_free_buffers dropped the page's buffers, and with them its dirty bit; the"
                                    + " data is already in the bio.", null, Narration.INFO);
                case "redirty_page_for_writepage":
                    return n(e, pg + " is dirty again: a buffer was busy",
                            "WB_SYNC_NONE does not wait for a locked buffer. The page is redirtied so a later pass"
                                    + " writes it.", null, Narration.INFO);
                default:
                    break;
            }
            String tone = has(set, PageFlag.ERROR) ? Narration.ERROR : Narration.INFO;
            return n(e, generic, e.fn() + " changed the page's flags while working on page " + p + ".", null, tone);
        }

        private Narration endIoFlags(Events.PageFlags e, String pg, int set, int clr, int now) {
            BioView b = bioHolding(before, e.page(), BioView.DONE);
            if (has(set, PageFlag.UPTODATE)) {
                return n(e, pg + " is now uptodate: " + bioRef(b) + " brought its data",
                        cap(bioRef(b)) + " finished without error. mpage_end_io walks its pages from last to"
                                + " first, marking each uptodate and then unlocking it.", null, Narration.DONE);
            }
            if (has(set, PageFlag.ERROR) || has(clr, PageFlag.UPTODATE)) {
                String head = has(set, PageFlag.ERROR) ? pg + " gets PG_error: " + bioRef(b) + " failed"
                        : pg + " is no longer uptodate: " + bioRef(b) + " failed";
                return n(e, head, "One failed bio fails all its pages. This is why mpage puts only whole,"
                        + " simply mapped pages in a bio.", null, Narration.ERROR);
            }
            if (has(clr, PageFlag.LOCKED)) {
                if (has(now, PageFlag.UPTODATE)) {
                    return n(e, pg + " is now uptodate and unlocked: its read completed",
                            "Anyone waiting to read page " + e.page() + " can go on now; the lock was held since"
                                    + " the page entered the cache.", null, Narration.DONE);
                }
                return n(e, pg + " is unlocked with PG_error: its read failed",
                        "The page is not uptodate. A reader waiting on it sees the error and may retry.", null,
                        Narration.ERROR);
            }
            return n(e, pg + " is now " + pageChange(set, clr), "mpage_end_io updates each page of the finished"
                    + " bio.", null, Narration.INFO);
        }

        private Narration endWriteback(Events.PageFlags e, String pg, int now) {
            boolean err = has(now, PageFlag.ERROR);
            if (e.line() == 68) {
                return n(e, err ? pg + "'s write failed: writeback ends with PG_error"
                                : pg + "'s write is on disk: writeback ends",
                        err ? "The bio failed, so mpage_end_io set PG_error. The page stays clean: its data"
                                + " now lives only in memory."
                                : "mpage_end_io ends writeback for each page of the finished bio, last page first.",
                        null, err ? Narration.ERROR : Narration.DONE);
            }
            if ("write_cache_pages".equals(e.fn()) || e.line() == 691) {
                return n(e, "The earlier write of page " + e.page() + " ends",
                        "write_cache_pages waited for the write already in flight (WB_SYNC_ALL); only then can"
                                + " the page be written again.", null, Narration.DONE);
            }
            return n(e, err ? pg + "'s buffer writes are over, with PG_error" : pg + "'s buffer writes are over:"
                            + " writeback ends",
                    "The buffer path ends writeback when the page's last buffer write finishes, or at once when"
                            + " it had nothing to submit.", null, err ? Narration.ERROR : Narration.DONE);
        }

        @Override
        public Narration visit(Events.PageData e) {
            long p = e.page();
            String pg = "Page " + p;
            int buffer = blocksPerPage > 1 ? e.offset() / blockSize : -1;
            String bufTxt = buffer >= 0 && e.length() <= blockSize ? " (buffer " + buffer + ")" : "";
            switch (e.source()) {
                case "disk": {
                    long count = Math.max(1, e.length() / blockSize);
                    String head = e.offset() == 0 && e.length() == pageSize
                            ? pg + " is filled from disk " + blocks(e.block(), count)
                            : pg + " gets " + size(e.length()) + " from disk " + blocks(e.block(), count) + bufTxt;
                    BioView b = bioHolding(before, p, BioView.DONE);
                    String why = b != null && "bio".equals(b.source())
                            ? "The disk served " + bioRef(b) + "; its bytes land in the page before mpage_end_io"
                            + " runs."
                            : "The disk served this buffer's one-block bio; its bytes land in the page.";
                    return n(e, head, why, null, Narration.IO);
                }
                case "zero":
                    return zeroData(e, pg, bufTxt);
                case "cleancache":
                    return n(e, "Cleancache fills page " + p + " with disk block " + e.block() + "'s data",
                            "Cleancache kept a clean copy of this page, so no disk read is needed.", null,
                            Narration.INFO);
                case "get-block":
                    return n(e, "get_block copies disk block " + e.block() + " into page " + p + bufTxt,
                            "This filesystem fills the page during the lookup, so that block must not be read"
                                    + " again.", null, Narration.INFO);
                default:
                    return n(e, pg + " gets " + size(e.length()) + " of new bytes",
                            e.fn() + " wrote into the page.", null, Narration.INFO);
            }
        }

        private Narration zeroData(Events.PageData e, String pg, String bufTxt) {
            long p = e.page();
            switch (e.fn()) {
                case "do_mpage_readpage":
                    if (e.offset() == 0) {
                        return n(e, pg + " is zero-filled", "None of its blocks is on disk, so zeros are its data.",
                                null, Narration.INFO);
                    }
                    return n(e, pg + " is zeroed from " + size(e.offset()) + " to its end",
                            "Its blocks from there on are holes or past end of file. mpage zeroes them instead of"
                                    + " reading, so the bio takes only the first " + size(e.offset()) + ".",
                            null, Narration.INFO);
                case "__mpage_writepage":
                case "block_write_full_page":
                    return n(e, "The tail of page " + p + " past end of file is zeroed",
                            "The page straddles i_size (" + layout.file().size() + " bytes). Bytes past it may"
                                    + " hold junk from mmap, so they are zeroed before the write.", null,
                            Narration.INFO);
                case "block_read_full_page": {
                    Events.GetBlock g = before.lastGetBlock();
                    boolean failed = g != null && g.ret() != 0;
                    String who = bufTxt.isEmpty() ? pg : "Buffer " + (e.offset() / blockSize) + " of page " + p;
                    return n(e, who + " is zero-filled"
                                    + (failed ? " after a failed lookup" : ": a hole"),
                            failed ? "get_block failed for that block, so it is zeroed and the page will carry"
                                    + " PG_error."
                                    : "A block with no disk block behind it (or past end of file) needs no read:"
                                    + " zeros are its data.", null, failed ? Narration.ERROR : Narration.INFO);
                }
                default:
                    return n(e, pg + ": " + size(e.length()) + " zeroed from offset " + size(e.offset()),
                            e.fn() + " cleared part of the page.", null, Narration.INFO);
            }
        }

        // ------------------------------------------------------------------ buffers

        @Override
        public Narration visit(Events.BuffersCreate e) {
            String head = "Page " + e.page() + " gets " + e.count() + " buffer heads of " + size(blockSize)
                    + (e.state() != 0 ? " (" + bhList(e.state()) + ")" : "");
            String why;
            if (e.line() == 129 || "map_buffer_to_page".equals(e.fn())) {
                why = "get_block returned one block uptodate, but the page holds several. Buffers let mpage record"
                        + " that block so block_read_full_page will not ask again.";
            } else if (write) {
                why = "The buffer path writes block by block, so the page needs one buffer head per block; they"
                        + " start dirty and uptodate, like the page.";
            } else {
                why = "block_read_full_page works one block at a time, so the page needs one buffer head per block.";
            }
            return n(e, head, why, null, Narration.INFO);
        }

        @Override
        public Narration visit(Events.BuffersFree e) {
            return n(e, "Page " + e.page() + "'s buffer heads are freed",
                    "buffer_heads_over_limit is set: too many buffer heads are in memory. This page's buffers are"
                            + " clean now, so try_to_free_buffers drops them.", null, Narration.INFO);
        }

        @Override
        public Narration visit(Events.BufferState e) {
            String bh = "Buffer " + e.buffer() + " of page " + e.page();
            int set = e.set();
            int clr = e.clear();
            String generic = bh + " is now " + bhChange(set, clr);
            switch (e.fn()) {
                case "get_block":
                    if (has(set, BhState.MAPPED) || e.block() >= 0) {
                        String to = e.block() >= 0 ? " to disk block " + e.block() : "";
                        boolean isNew = has(set, BhState.NEW);
                        return n(e, bh + (isNew ? " gets a newly allocated disk block"
                                        + (e.block() >= 0 ? ", " + e.block() : "") : " is mapped" + to),
                                write ? "The buffer path maps each dirty buffer that has no disk block yet"
                                        + " (create=1)."
                                        : "block_read_full_page asks get_block about each buffer that is neither"
                                        + " uptodate nor mapped.", null, Narration.INFO);
                    }
                    break;
                case "map_buffer_to_page":
                    return n(e, bh + " takes get_block's answer: " + (e.block() >= 0 ? "disk block " + e.block()
                                    + ", " : "") + bhList(set),
                            "map_buffer_to_page keeps this mapping on the page, so block_read_full_page will not"
                                    + " ask get_block again for it.", null, Narration.INFO);
                case "block_read_full_page":
                    if (has(set, BhState.UPTODATE)) {
                        return n(e, bh + " is a hole: zeros, uptodate",
                                "With no disk block behind it, the buffer's zeros are its data: no read needed.",
                                null, Narration.INFO);
                    }
                    if (has(set, BhState.LOCK)) {
                        return n(e, bh + " is locked for reading",
                                "Every buffer to read is locked and marked before any is sent, so an early"
                                        + " completion cannot finish the page too soon.", null, Narration.INFO);
                    }
                    break;
                case "mark_buffer_async_read":
                    return n(e, bh + " is marked for an async read",
                            "Its completion will run end_buffer_async_read; the last buffer of the page to finish"
                                    + " unlocks the page.", null, Narration.INFO);
                case "submit_bh":
                    if (has(set, BhState.REQ)) {
                        return n(e, bh + " is submitted as its own bio",
                                "submit_bh turns one buffer into a one-block bio and sets BH_Req. Neighbouring"
                                        + " buffers can still merge in the plug.", null, Narration.INFO);
                    }
                    break;
                case "end_buffer_async_read":
                    if (has(set, BhState.UPTODATE)) {
                        return n(e, bh + " now holds its data", "Its one-block read completed without error.",
                                null, Narration.DONE);
                    }
                    if (has(clr, BhState.UPTODATE)) {
                        return n(e, bh + "'s read failed", "The disk could not read its block; the page will get"
                                + " PG_error.", null, Narration.ERROR);
                    }
                    if (has(clr, BhState.LOCK) || has(clr, BhState.ASYNC_READ)) {
                        return n(e, bh + " is done reading and unlocked",
                                "If no other buffer of the page is still in flight, the page is finished too.",
                                null, Narration.INFO);
                    }
                    break;
                case "__mpage_writepage":
                    if (has(clr, BhState.DIRTY)) {
                        BioView b = before.buildingBio();
                        return n(e, bh + " is clean: " + bioRef(b) + " will write it",
                                "mpage cleans only the buffers it is writing, and only once the page is safely in"
                                        + " the bio.", null, Narration.INFO);
                    }
                    break;
                case "__block_write_full_page":
                    if (has(set, BhState.UPTODATE) && has(clr, BhState.DIRTY)) {
                        return n(e, bh + " lies past end of file: not written",
                                "Its bytes are outside i_size, so it is marked clean and uptodate (zeros) and"
                                        + " skipped.", null, Narration.INFO);
                    }
                    if (has(set, BhState.LOCK)) {
                        return n(e, bh + " is locked for writing",
                                "The buffer path locks each mapped buffer, then writes it only if it is dirty.",
                                null, Narration.INFO);
                    }
                    if (has(clr, BhState.DIRTY) && !bufferMappedAfter(e)) {
                        return n(e, bh + " loses its dirty data: it has no disk block",
                                "get_block could not map it, so it cannot be written; the buffer path drops its"
                                        + " data and records the error.", null, Narration.ERROR);
                    }
                    if (has(clr, BhState.DIRTY)) {
                        return n(e, bh + " will be written: its dirty bit is cleared",
                                "A dirty buffer is cleaned as it is queued for writing; a new write would dirty"
                                        + " it again.", null, Narration.INFO);
                    }
                    if (has(clr, BhState.LOCK)) {
                        return n(e, bh + " is clean: nothing to write, unlocked again",
                                "Only dirty buffers are written; a clean one is released at once.", null,
                                Narration.INFO);
                    }
                    if (has(clr, BhState.NEW)) {
                        return n(e, bh + " is no longer new",
                                "Its fresh block is now in use; any stale cached copy of it has been dropped.",
                                null, Narration.INFO);
                    }
                    break;
                case "mark_buffer_async_write":
                    return n(e, bh + " is marked for an async write",
                            "end_buffer_async_write runs when its write completes; the page's last buffer done"
                                    + " ends writeback.", null, Narration.INFO);
                case "end_buffer_async_write":
                    if (has(set, BhState.WRITE_EIO) || has(clr, BhState.UPTODATE)) {
                        return n(e, bh + "'s write failed", "The block did not reach the disk: the buffer gets a"
                                + " write error and the page PG_error.", null, Narration.ERROR);
                    }
                    if (has(clr, BhState.LOCK) || has(clr, BhState.ASYNC_WRITE)) {
                        return n(e, bh + " is written and unlocked",
                                "Its one-block write completed. The page's last buffer to finish ends writeback.",
                                null, Narration.DONE);
                    }
                    break;
                case "block_invalidatepage":
                    return n(e, bh + " is emptied: " + bhChange(set, clr),
                            "The page lies past end of file, so its buffers forget their blocks before they are"
                                    + " dropped.", null, Narration.INFO);
                default:
                    break;
            }
            String tone = has(set, BhState.WRITE_EIO) ? Narration.ERROR : Narration.INFO;
            return n(e, generic + (e.block() >= 0 ? " (disk block " + e.block() + ")" : ""),
                    e.fn() + " changed the buffer's state bits.", null, tone);
        }

        private boolean bufferMappedAfter(Events.BufferState e) {
            PageView pv = after.page(e.page());
            if (pv == null || pv.buffers() == null || e.buffer() < 0 || e.buffer() >= pv.buffers().size()) {
                return true;
            }
            return has(pv.buffers().get(e.buffer()).state(), BhState.MAPPED);
        }

        @Override
        public Narration visit(Events.MetaState e) {
            String m = cap(metaName(e.block()));
            int set = e.set();
            int clr = e.clear();
            switch (e.fn()) {
                case "__bread":
                    if (has(set, BhState.LOCK)) {
                        return n(e, m + " is locked for a read",
                                "It is not in the buffer cache, so get_block's sb_bread locks it, sends a read and"
                                        + " waits for it.", null, Narration.INFO);
                    }
                    break;
                case "submit_bh":
                    if (has(set, BhState.REQ)) {
                        return n(e, m + " is submitted", "submit_bh marks it BH_Req and sends it as a one-block bio.",
                                null, Narration.INFO);
                    }
                    break;
                case "end_buffer_read_sync":
                    if (has(set, BhState.UPTODATE)) {
                        return n(e, m + " is read: cached and uptodate now",
                                "get_block can now look up the mappings stored in it; later lookups find it"
                                        + " cached.", null, Narration.DONE);
                    }
                    if (has(clr, BhState.UPTODATE)) {
                        return n(e, m + " could not be read", "Without it get_block cannot map the blocks it"
                                + " covers, so it fails with EIO.", null, Narration.ERROR);
                    }
                    if (has(clr, BhState.LOCK)) {
                        return n(e, m + " is unlocked: the waiting get_block wakes up",
                                "The read is over; get_block takes the mapping from it and goes on.", null,
                                Narration.INFO);
                    }
                    break;
                case "ll_rw_block":
                    if (has(set, BhState.LOCK)) {
                        return n(e, m + " is locked for writing",
                                "write_boundary_block found it cached and dirty right after the boundary block;"
                                        + " ll_rw_block takes its lock without waiting.", null, Narration.INFO);
                    }
                    if (has(clr, BhState.DIRTY)) {
                        return n(e, m + " is clean: its write is starting",
                                "ll_rw_block clears the dirty bit as it sends the write.", null, Narration.INFO);
                    }
                    break;
                case "end_buffer_write_sync":
                    if (has(set, BhState.WRITE_EIO) || has(clr, BhState.UPTODATE)) {
                        return n(e, m + "'s write failed", "The block did not reach the disk; it gets a write"
                                + " error.", null, Narration.ERROR);
                    }
                    return n(e, m + " is written and unlocked", "Its one-block write completed.", null,
                            Narration.DONE);
                case "unmap_underlying_metadata":
                    return n(e, m + " will never be written: its block now holds file data",
                            "get_block just allocated this block for data. A stale cached metadata copy must not"
                                    + " overwrite it, so it is cleaned and forgotten.", null, Narration.INFO);
                default:
                    break;
            }
            return n(e, m + " is now " + bhChange(set, clr), e.fn() + " changed the cached block's state.", null,
                    has(set, BhState.WRITE_EIO) ? Narration.ERROR : Narration.INFO);
        }

        // ------------------------------------------------------------------ get_block and map_bh

        @Override
        public Narration visit(Events.GetBlock e) {
            long l = e.logical();
            if (e.ret() != 0) {
                String err = errno(e.ret());
                String head = "get_block fails for logical block " + l + ": " + err
                        + (e.ret() == -Errno.ENOSPC ? " (no space)" : "");
                String why;
                if (e.line() == 219) {
                    why = "mpage cannot map " + pageName(before.currentPage()) + ", so it gives up on the bio path for"
                            + " it: any open bio goes first, then block_read_full_page.";
                } else if (e.line() == 528) {
                    why = (e.ret() == -Errno.ENOSPC ? "No disk block could be allocated for this hole. " : "")
                            + "mpage gives up on the page; the mapping's writepage will try again and record the"
                            + " error.";
                } else if (write) {
                    why = "The buffer path fails too: the page gets PG_error and the mapping keeps the error.";
                } else {
                    why = "That buffer is zeroed and the page gets PG_error: it will not become uptodate.";
                }
                return n(e, head, why, null, Narration.ERROR);
            }
            if (e.block() < 0) {
                String why;
                if (e.line() == 219) {
                    why = "Nothing is on disk there: mpage will zero that block instead of reading it. A hole is"
                            + " fine at the end of a page, but not before data.";
                } else {
                    why = "That buffer will be zero-filled and marked uptodate: no read needed.";
                }
                return n(e, "get_block: logical block " + l + " is a hole", why, null, Narration.INFO);
            }
            boolean boundary = has(e.state(), BhState.BOUNDARY);
            boolean uptodate = has(e.state(), BhState.UPTODATE);
            boolean isNew = has(e.state(), BhState.NEW);
            List<String> tags = new ArrayList<>();
            if (boundary) {
                tags.add("BH_Boundary");
            }
            if (uptodate) {
                tags.add("uptodate");
            }
            String tagTxt = tags.isEmpty() ? "" : " (" + String.join(", ", tags) + ")";
            if (isNew) {
                return n(e, "get_block allocates disk block " + e.block() + " for logical block " + l + tagTxt,
                        "Logical block " + l + " was a hole, so get_block(create=1) gives it a new block (BH_New);"
                                + " any stale cached copy of that block is dropped.", null, Narration.INFO);
            }
            String head = e.count() <= 1
                    ? "get_block maps logical block " + l + " to disk block " + e.block() + tagTxt
                    : "get_block maps logical " + span(l, e.count()) + " to disk " + span(e.block(), e.count())
                    + tagTxt;
            String why;
            if (e.line() == 219) {
                why = (e.asked() <= 1 ? "mpage asked for just this block, and it is mapped."
                        : "mpage asked for up to " + e.asked() + " blocks; " + runEnd(e)) + reuseNote(e);
                if (uptodate) {
                    why = "It comes back uptodate: the filesystem already copied block " + e.block()
                            + " into the page, so it must not be read again.";
                }
            } else if (e.line() == 528) {
                why = "The write path maps one block per call (create=1); this block is already allocated."
                        + (boundary ? " BH_Boundary: the next block's mapping needs an indirect block, so the bio"
                        + " goes out after this page." : "");
            } else if (write) {
                why = "The buffer path maps each dirty buffer that has no block yet.";
            } else {
                why = "block_read_full_page maps its buffers one block at a time.";
            }
            return n(e, head, why, null, Narration.INFO);
        }

        /** Why a get_block run ends where it does. */
        private String runEnd(Events.GetBlock e) {
            long last = e.logical() + e.count() - 1;
            if (has(e.state(), BhState.BOUNDARY)) {
                Layout.MetadataBlock md = metaCovering(last + 1);
                return "the run ends at logical block " + last + ", which carries BH_Boundary: mapping the next block"
                        + " needs " + (md != null ? "indirect block " + md.block() : "an indirect block") + ".";
            }
            if (e.count() >= e.asked()) {
                return e.count() == 1 ? "it is mapped." : "all of them follow each other on disk.";
            }
            int maxBlocks = layout.getBlock().maxBlocks();
            if (maxBlocks > 0 && e.count() == maxBlocks) {
                return "this get_block maps at most " + maxBlocks + (maxBlocks == 1 ? " block" : " blocks")
                        + " per call.";
            }
            long next = physical(last + 1);
            if (next < 0) {
                return "the run ends because logical block " + (last + 1) + " is a hole.";
            }
            if (next != e.block() + e.count()) {
                return "the run ends because logical block " + (last + 1) + " is elsewhere on disk (block " + next
                        + ").";
            }
            Layout.MetadataBlock md = metaCovering(last + 1);
            return "the run ends because logical block " + (last + 1) + " needs "
                    + (md != null ? "indirect block " + md.block() : "other metadata") + ".";
        }

        private String reuseNote(Events.GetBlock e) {
            long page = before.currentPage();
            if (page < 0) {
                return "";
            }
            long pageEnd = firstLogical(page) + blocksPerPage;
            if (e.logical() + e.count() > pageEnd) {
                return " map_bh keeps the run, so the next pages reuse it without asking again.";
            }
            return "";
        }

        @Override
        public Narration visit(Events.MapBhReuse e) {
            String head = "Page " + e.page() + " reuses the last get_block run: " + logicals(e.logical(), e.count())
                    + " on disk " + span(e.block(), e.count());
            Events.GetBlock g = before.lastGetBlock();
            boolean usedUp = g != null && g.line() == 219 && e.logical() + e.count() == g.logical() + g.count();
            String why = "map_bh still holds the run found for an earlier page, so these blocks need no get_block"
                    + " call." + (usedUp ? " This uses up the run." : "");
            return n(e, head, why, null, Narration.INFO);
        }

        @Override
        public Narration visit(Events.MapBhState e) {
            int set = e.set();
            int clr = e.clear();
            if ("get_block".equals(e.fn())) {
                return n(e, set != 0 && clr == 0 ? "get_block marks map_bh: " + bhList(set)
                                : "get_block changes map_bh: " + bhChange(set, clr),
                        "get_block answers through map_bh's state bits; the full result follows.", null,
                        Narration.INFO);
            }
            if (e.line() == 196 && has(clr, BhState.MAPPED)) {
                return n(e, "map_bh's run is used up",
                        cap(pageName(before.currentPage())) + " took the last block of the cached run. Clearing"
                                + " BH_Mapped makes the next lookup call get_block again.", null, Narration.INFO);
            }
            if (e.line() == 253 && has(clr, BhState.MAPPED)) {
                return n(e, "This get_block run is used up in " + pageName(before.currentPage()),
                        "Every block of the run is placed. Clearing BH_Mapped means the next block needs a new"
                                + " get_block call.", null, Narration.INFO);
            }
            if (set == 0 && (e.line() == 214 || e.line() == 526)) {
                return n(e, "map_bh is reset before the next get_block call (" + bhChange(0, clr) + ")",
                        "mpage clears map_bh's state before each call, so old bits"
                                + (has(clr, BhState.BOUNDARY) ? " like BH_Boundary" : "")
                                + " cannot leak into the next answer.", null, Narration.INFO);
            }
            return n(e, "map_bh is now " + bhChange(set, clr), e.fn() + " changed mpage's scratch buffer.", null,
                    Narration.INFO);
        }

        // ------------------------------------------------------------------ giving up on a page

        private String fallbackWords(String reason) {
            switch (reason) {
                case "page-has-buffers":
                    return "it already has buffers";
                case "get-block-error":
                    return "get_block failed";
                case "get-block-uptodate":
                    return "get_block returned it uptodate";
                case "hole-then-data":
                    return "a hole, then data";
                case "discontiguous":
                    return "its blocks are not contiguous";
                case "cleancache-hit":
                    return "cleancache had it";
                case "bio-alloc-failed":
                    return "no bio could be allocated";
                case "unmapped-dirty-buffer":
                    return "a dirty buffer has no disk block";
                case "buffer-not-dirty-or-uptodate":
                    return "only part of it is dirty";
                case "all-buffers-unmapped":
                    return "none of its buffers is mapped";
                case "beyond-eof":
                    return "it lies past end of file";
                default:
                    return reason.replace('-', ' ');
            }
        }

        @Override
        public Narration visit(Events.Fallback e) {
            long p = e.page();
            boolean w = write || "__mpage_writepage".equals(e.fn()) || "writepage".equals(e.fn());
            String head = "Page " + p + (w ? " goes to the mapping's writepage: " : " goes to block_read_full_page: ")
                    + fallbackWords(e.reason());
            return n(e, head, fallbackWhy(e.reason(), p, w), e.reason(), Narration.FALLBACK);
        }

        private String fallbackWhy(String reason, long p, boolean w) {
            PageView pv = before.page(p);
            List<BufferView> bufs = pv == null ? null : pv.buffers();
            Events.GetBlock g = before.lastGetBlock();
            String path = w ? "the mapping's writepage" : "block_read_full_page";
            switch (reason) {
                case "page-has-buffers":
                    return "Page " + p + " already has buffer heads, for example from an earlier partial write."
                            + " mpage builds bios only for pages without them, so " + path
                            + " reads just the buffers that are not uptodate.";
                case "get-block-error": {
                    String what = g != null && g.ret() != 0 ? "get_block failed with " + errno(g.ret())
                            + " for logical block " + g.logical() + ". " : "get_block failed. ";
                    return w ? what + "The mapping's writepage tries again and records the error."
                            : what + "block_read_full_page retries each block, zeroes what fails and sets PG_error.";
                }
                case "get-block-uptodate":
                    return "get_block returned " + (g != null ? "logical block " + g.logical() : "a block")
                            + " already uptodate: the filesystem copied its data itself. The page holds other"
                            + " blocks too, so block_read_full_page reads those.";
                case "hole-then-data":
                    if (w) {
                        int hole = firstUnmapped(bufs);
                        return (hole >= 0 ? "Buffer " + hole + " has no disk block but a later buffer has one: "
                                : "An unmapped buffer comes before a mapped one: ")
                                + "a hole, then data. mpage writes a page only as one run from its start.";
                    }
                    return (g != null && g.block() >= 0 ? "Logical block " + g.logical() + " is on disk, but an"
                            + " earlier block of page " + p + " is a hole. " : "")
                            + "A page in a bio must be data first, with zeros only at its end, so the page is read"
                            + " block by block.";
                case "discontiguous":
                    return discontiguousWhy(p, bufs, g, w);
                case "cleancache-hit":
                    return "Cleancache held page " + p + ", so its data is already in place. mpage sends any open"
                            + " bio and only unlocks the page.";
                case "bio-alloc-failed":
                    return "bio_alloc returned NULL" + (layout.run().memalloc() ? " even after the PF_MEMALLOC"
                            + " retries. " : " and the task has no PF_MEMALLOC, so mpage_alloc does not retry. ")
                            + "Without a bio, page " + p + (w ? " is written" : " is read") + " through buffer heads.";
                case "unmapped-dirty-buffer": {
                    int i = firstUnmappedDirty(bufs);
                    return (i >= 0 ? "Buffer " + i : "A buffer") + " of page " + p + " is dirty but has no disk"
                            + " block: data written through mmap over a hole. mpage does not allocate for pages"
                            + " with buffers, so writepage does.";
                }
                case "buffer-not-dirty-or-uptodate": {
                    int i = firstCleanMapped(bufs);
                    return (i >= 0 ? "Buffer " + i : "A buffer") + " of page " + p + " is mapped but clean (or not"
                            + " uptodate): only part of the page was written. mpage writes whole pages, so the"
                            + " buffer path writes just the dirty buffers.";
                }
                case "all-buffers-unmapped":
                    return "Page " + p + " has buffers, but none is mapped to disk, so mpage has nothing to send."
                            + " The mapping's writepage maps and writes them.";
                case "beyond-eof":
                    return "Page " + p + " starts at or past end of file (i_size " + layout.file().size()
                            + " bytes), so none of it belongs to the file. writepage drops its buffers and writes"
                            + " nothing.";
                default:
                    return "mpage cannot handle page " + p + " (" + reason.replace('-', ' ') + "), so " + path
                            + " takes it.";
            }
        }

        private String discontiguousWhy(long p, List<BufferView> bufs, Events.GetBlock g, boolean w) {
            if (bufs != null) {
                for (int i = 1; i < bufs.size(); i++) {
                    BufferView a = bufs.get(i - 1);
                    BufferView b = bufs.get(i);
                    if (has(a.state(), BhState.MAPPED) && has(b.state(), BhState.MAPPED)
                            && b.block() != a.block() + 1) {
                        return "Buffer " + i + " is at disk block " + b.block() + ", not right after block "
                                + a.block() + ". A bio vector covers one unbroken run, so the page goes the buffer"
                                + " way.";
                    }
                }
            }
            if (g != null && g.block() >= 0) {
                long prev = g.logical() > firstLogical(p) ? physical(g.logical() - 1) : -1;
                return "Logical block " + g.logical() + " is at disk block " + g.block() + ", not right after "
                        + (prev >= 0 ? "block " + prev + " before it" : "the page's previous block")
                        + ". A bio vector covers one unbroken run, so the page is " + (w ? "written" : "read")
                        + " block by block.";
            }
            return "The page's blocks are not next to each other on disk. A bio vector covers one unbroken run,"
                    + " so the page is " + (w ? "written" : "read") + " block by block.";
        }

        private static int firstUnmapped(List<BufferView> bufs) {
            if (bufs != null) {
                for (int i = 0; i < bufs.size(); i++) {
                    if (!has(bufs.get(i).state(), BhState.MAPPED)) {
                        return i;
                    }
                }
            }
            return -1;
        }

        private static int firstUnmappedDirty(List<BufferView> bufs) {
            if (bufs != null) {
                for (int i = 0; i < bufs.size(); i++) {
                    int s = bufs.get(i).state();
                    if (!has(s, BhState.MAPPED) && has(s, BhState.DIRTY)) {
                        return i;
                    }
                }
            }
            return -1;
        }

        private static int firstCleanMapped(List<BufferView> bufs) {
            if (bufs != null) {
                for (int i = 0; i < bufs.size(); i++) {
                    int s = bufs.get(i).state();
                    if (has(s, BhState.MAPPED) && (!has(s, BhState.DIRTY) || !has(s, BhState.UPTODATE))) {
                        return i;
                    }
                }
            }
            return -1;
        }

        @Override
        public Narration visit(Events.Skipped e) {
            return n(e, "Page " + e.page() + " is skipped: it is already in the page cache",
                    "Another task cached this index first, so add_to_page_cache_lru refuses the fresh page. mpage"
                            + " moves on, and the gap usually breaks the bio's run.", e.reason(), Narration.FALLBACK);
        }

        // ------------------------------------------------------------------ bios

        private int bioGetNrVecs() {
            int n = Math.min(layout.device().maxSegments(), layout.device().maxSectors() / (pageSize >> 9) + 1);
            return Math.min(n, 256);
        }

        @Override
        public Narration visit(Events.BioAlloc e) {
            if (!e.ok()) {
                boolean memalloc = layout.run().memalloc();
                String why;
                if (memalloc && e.nr() > 1) {
                    why = "The task has PF_MEMALLOC (it is reclaiming memory), so mpage_alloc tries again with half"
                            + " as many vectors.";
                } else if (memalloc) {
                    why = "Even one vector failed: mpage_alloc gives up, and the page goes to the buffer-head path.";
                } else {
                    why = "Without PF_MEMALLOC mpage_alloc does not retry: it returns NULL, and the page goes to"
                            + " the buffer-head path.";
                }
                return n(e, "bio_alloc for " + e.nr() + (e.nr() == 1 ? " vector" : " vectors") + " fails (call #"
                        + e.ordinal() + ")", why, null, Narration.ERROR);
            }
            String head = "New bio #" + e.bio() + " at sector " + e.sector() + ", room for " + e.maxVecs()
                    + (e.maxVecs() == 1 ? " page" : " pages");
            if (e.line() == 92) {
                return n(e, "Retry works: bio #" + e.bio() + " with " + e.nr() + " vectors",
                        "The task is reclaiming memory (PF_MEMALLOC), so mpage_alloc halved the vector count until"
                                + " an allocation worked. Fewer vectors mean the bio fills sooner.", null,
                        Narration.INFO);
            }
            int cap = bioGetNrVecs();
            String asked;
            if (write) {
                asked = "The write path always asks for bio_get_nr_vecs, " + e.nr() + " vectors.";
            } else if (e.nr() >= cap) {
                asked = "mpage asked for " + e.nr() + " vectors, the most this queue allows (bio_get_nr_vecs).";
            } else {
                asked = "mpage asked for " + e.nr() + (e.nr() == 1 ? " vector, one per page" : " vectors, one per"
                        + " page") + " still to " + (write ? "write" : "read") + ".";
            }
            String round = e.maxVecs() != e.nr() ? " Linux 3.6 rounds that up to " + e.maxVecs() + "." : "";
            return n(e, head, asked + round + " It starts at disk block " + blockOfSector(e.sector()) + ".", null,
                    Narration.INFO);
        }

        @Override
        public Narration visit(Events.BioAddPage e) {
            long p = e.page();
            if (!e.ok()) {
                BioView b = before.bio(e.bio());
                String why;
                switch (e.refusal() == null ? "" : e.refusal()) {
                    case "max-sectors":
                        why = "Adding " + size(e.length()) + " would pass the queue's limit of "
                                + layout.device().maxSectors() + " sectors. mpage sends bio #" + e.bio()
                                + " and starts a new one for page " + p + ".";
                        break;
                    case "max-vecs":
                        why = "All " + (b != null ? b.maxVecs() + " " : "") + "vectors of bio #" + e.bio()
                                + " are used. mpage sends it and starts a new one for page " + p + ".";
                        break;
                    case "max-segments":
                        why = "Bio #" + e.bio() + " already has the queue's maximum of "
                                + layout.device().maxSegments() + " segments. mpage sends it and starts a new one.";
                        break;
                    default:
                        why = "bio_add_page never adds part of a page. mpage sends bio #" + e.bio()
                                + " and starts a new one.";
                        break;
                }
                String word = refusalWords(e.refusal());
                return n(e, "Bio #" + e.bio() + " is full: it refuses page " + p + " (" + word + ")", why,
                        e.refusal(), Narration.IO);
            }
            BioView b = after.bio(e.bio());
            int count = b == null ? 1 : b.vecs().size();
            long sector = b == null ? 0 : b.sector();
            String partial = e.length() < pageSize ? " Only its first " + size(e.length()) + " go to disk: the rest"
                    + " is a hole or past end of file." : "";
            if (count <= 1) {
                return n(e, "Page " + p + " starts bio #" + e.bio() + " (" + size(e.length()) + " at sector "
                                + sector + ")",
                        "A new bio always takes its first page; pages whose blocks follow on disk can join it."
                                + partial, null, Narration.INFO);
            }
            return n(e, "Page " + p + " joins bio #" + e.bio() + " (now " + count + " pages, " + size(b.bytes())
                            + " at sector " + sector + ")",
                    "Its first block comes right after the bio's last block on disk, so one bio carries both."
                            + partial, null, Narration.INFO);
        }

        private static String refusalWords(String refusal) {
            switch (refusal == null ? "" : refusal) {
                case "max-sectors":
                    return "too many sectors";
                case "max-vecs":
                    return "no free vector";
                case "max-segments":
                    return "too many segments";
                default:
                    return "a queue limit";
            }
        }

        private String submitTag(String reason) {
            switch (reason) {
                case "not-contiguous-with-bio":
                    return "next page not adjacent";
                case "bio-full":
                    return "bio full";
                case "boundary":
                    return "BH_Boundary";
                case "partial-page":
                    return "partial page";
                case "before-fallback":
                    return "before a fallback";
                case "end-of-call":
                    return "end of call";
                default:
                    return reason == null ? "sent" : reason.replace('-', ' ');
            }
        }

        @Override
        public Narration visit(Events.BioSubmit e) {
            String reason = e.reason();
            if ("meta".equals(e.source())) {
                Layout.MetadataBlock md = metaAt(e.block());
                String covers = md != null ? "It holds the mappings of " + logicals(md.first(), md.last() - md.first()
                        + 1) + " and is not cached yet. " : "get_block needs it and it is not cached yet. ";
                return n(e, "get_block reads " + metaName(e.block()) + " (" + sectors(e.sector(), e.sectors()) + ")",
                        covers + "sb_bread sends this read and then waits for it"
                                + (plugOn ? ", and waiting flushes the plug." : "."), reason, Narration.IO);
            }
            if ("bh".equals(e.source())) {
                long page = e.page();
                switch (reason == null ? "" : reason) {
                    case "write-boundary-block":
                        return n(e, "write_boundary_block writes " + metaName(e.block()) + " right behind the data",
                                "Block " + (e.block() - 1) + " carried BH_Boundary, so the next disk block is"
                                        + " probably the file's indirect block. It is cached and dirty, so it is"
                                        + " written now, next to the data, not after a seek back later.",
                                reason, Narration.IO);
                    case "block-write-full-page":
                        return n(e, "Buffer write: disk block " + e.block() + " of page " + page + " ("
                                        + sectors(e.sector(), e.sectors()) + ")",
                                "The buffer path writes each dirty buffer as its own one-block bio; neighbours can"
                                        + " still merge" + (plugOn ? " in the plug." : " in the queue."),
                                reason, Narration.IO);
                    case "block-read-full-page":
                        return n(e, "Buffer read: disk block " + e.block() + " for page " + page + " ("
                                        + sectors(e.sector(), e.sectors()) + ")",
                                "block_read_full_page sends one small bio per buffer that needs reading. "
                                        + (plugOn ? "Adjacent ones can still merge into one request in the plug."
                                        : "Without a plug each one goes to the disk as its own request."),
                                reason, Narration.IO);
                    default:
                        return n(e, "submit_bh sends disk block " + e.block() + " (" + sectors(e.sector(),
                                e.sectors()) + ")", "One buffer becomes a one-block bio.", reason, Narration.IO);
                }
            }
            long bytes = 0;
            for (int len : e.lengths()) {
                bytes += len;
            }
            String head = "mpage sends bio #" + e.bio() + ": " + pages(list(e.pages())) + ", " + size(bytes)
                    + " at sector " + e.sector() + " (" + submitTag(reason) + ")";
            return n(e, head, submitWhy(e, reason), reason, Narration.IO);
        }

        private String submitWhy(Events.BioSubmit e, String reason) {
            long endBlock = blockOfSector(e.sector() + e.sectors()) - 1;
            long cur = before.currentPage();
            List<Long> pageList = list(e.pages());
            long lastPage = pageList.isEmpty() ? cur : pageList.get(pageList.size() - 1);
            String last = cap(pageName(lastPage));
            int lastLen = e.lengths().length == 0 ? 0 : e.lengths()[e.lengths().length - 1];
            switch (reason == null ? "" : reason) {
                case "not-contiguous-with-bio": {
                    long first = currentFirstBlock(cur);
                    String start = first >= 0 ? cap(pageName(cur)) + " starts at disk block " + first + ", but bio #"
                            + e.bio() + " ends at block " + endBlock + ". "
                            : cap(pageName(cur)) + "'s first block does not come right after block " + endBlock
                            + ", where bio #" + e.bio() + " ends. ";
                    return start + "A bio covers one unbroken run, so bio #" + e.bio() + " goes now and "
                            + pageName(cur) + " starts a new one.";
                }
                case "bio-full": {
                    String word = refusalWords(null);
                    if (before.event() instanceof Events.BioAddPage) {
                        word = refusalWords(((Events.BioAddPage) before.event()).refusal());
                    }
                    return "bio_add_page refused " + pageName(cur) + " (" + word + "). The full bio goes now, and mpage"
                            + " puts the page in a new one.";
                }
                case "boundary":
                    return write ? writeBoundaryWhy(lastPage) : readBoundaryWhy();
                case "partial-page":
                    return write
                            ? last + " straddles end of file: only its first " + size(lastLen)
                            + " is written. Nothing can follow it in this bio, so it goes now."
                            : last + " has data only in its first " + size(lastLen) + ": the rest is a"
                            + " hole or past end of file. Nothing can follow it in the same bio, so it goes now.";
                case "before-fallback":
                    return write
                            ? cap(pageName(cur)) + " cannot be written through a bio, so the buffer path will take it."
                            + " The bio built so far goes first, so its pages are not held up."
                            : "mpage cannot put " + pageName(cur) + " in a bio, so it leaves the bio path for it."
                            + " The bio built so far goes first, so its pages are not held up.";
                case "end-of-call":
                    return "No pages are left, so the last open bio goes now."
                            + (plugOn ? " It still waits in the plug until the plug is flushed."
                            : " With no plug it reaches the disk at once.");
                default:
                    return "mpage hands the bio to submit_bio; the block layer turns it into a request.";
            }
        }

        private String readBoundaryWhy() {
            Events.GetBlock g = before.lastGetBlock();
            if (g == null || g.block() < 0 || g.count() <= 0) {
                return "get_block flagged the last block with BH_Boundary: mapping the next block needs an indirect"
                        + " block that likely sits right after it on disk. mpage sends what it has now, so the data"
                        + " goes to disk before that metadata read, not after.";
            }
            long logical = g.logical() + g.count() - 1;
            long disk = g.block() + g.count() - 1;
            Layout.MetadataBlock md = metaCovering(logical + 1);
            String indirect = md != null ? "indirect block " + md.block() : "an indirect block";
            String where = md != null && md.block() == disk + 1 ? ", which sits right after it on disk"
                    : ", which likely sits close by on disk";
            return "get_block flagged logical block " + logical + " (disk " + disk + ") with BH_Boundary: mapping"
                    + " the next block needs " + indirect + where + ". mpage sends what it has now, so the data"
                    + " goes to disk before that metadata read, not after.";
        }

        private String writeBoundaryWhy(long page) {
            long block = -1;
            PageView pv = before.page(page);
            if (pv != null && pv.buffers() != null) {
                for (BufferView b : pv.buffers()) {
                    if (has(b.state(), BhState.BOUNDARY) && has(b.state(), BhState.MAPPED)) {
                        block = b.block();
                    }
                }
            }
            Events.GetBlock g = before.lastGetBlock();
            if (block < 0 && g != null && has(g.state(), BhState.BOUNDARY)) {
                block = g.block();
            }
            String blk = block >= 0 ? "block " + block : "last block";
            return cap(pageName(page)) + "'s " + blk + " carries BH_Boundary: the next block's mapping lives in an"
                    + " indirect block that probably follows it on disk. mpage sends the bio now; then"
                    + " write_boundary_block"
                    + " writes " + (block >= 0 ? metaName(block + 1) : "that block") + " right behind it if it is"
                    + " cached and dirty.";
        }

        // ------------------------------------------------------------------ block layer

        @Override
        public Narration visit(Events.RequestNew e) {
            String who = cap(bioLabel(e.bio(), after));
            String range = sectors(e.sector(), e.sectors());
            if (!e.plugged()) {
                return n(e, who + " becomes request #" + e.request() + ", sent to the disk at once",
                        "No plug is active, so the request is queued and run right away (" + range + "). Later bios"
                                + " cannot merge into it.", null, Narration.IO);
            }
            int waiting = after.plug().size();
            if (!layout.blockLayer().merge()) {
                return n(e, who + " becomes request #" + e.request() + " in the plug (" + range + ")",
                        "Merging is off in this layout, so every bio is a request of its own. It waits in the plug"
                                + " (now " + waiting + (waiting == 1 ? " request" : " requests") + ") until the plug"
                                + " is flushed.", null, Narration.IO);
            }
            String why = before.plug().isEmpty()
                    ? "The plug was empty, so this is its first request (" + range + "). It waits there until the"
                    + " plug is flushed."
                    : "No plugged request ends or starts right next to " + range + " with room to spare, so it starts"
                    + " a new one. It waits in the plug (now " + waiting + " requests) until the plug is flushed.";
            return n(e, who + " becomes request #" + e.request() + " in the plug (" + range + ")", why, null,
                    Narration.IO);
        }

        @Override
        public Narration visit(Events.RequestMerge e) {
            String who = bioLabel(e.bio(), after);
            RequestView r = before.request(e.request());
            String range = sectors(e.sector(), e.sectors());
            if ("front".equals(e.where())) {
                return n(e, cap(who) + " joins the front of request #" + e.request() + " (now " + range + ")",
                        cap(who) + " ends exactly where request #" + e.request() + " starts, so it goes in front:"
                                + " one request, one pass over the disk.", null, Narration.IO);
            }
            String end = r != null ? " at sector " + (r.sector() + r.sectors()) : "";
            return n(e, cap(who) + " joins the back of request #" + e.request() + " (now " + range + ")",
                    "Request #" + e.request() + " ends" + end + ", exactly where " + who + " starts, so it is"
                            + " appended: one request, one pass over the disk.", null, Narration.IO);
        }

        @Override
        public Narration visit(Events.RequestNoMerge e) {
            return n(e, "Request #" + e.request() + " is full: it takes no more merges",
                    "A bio was adjacent, but it would push the request past " + layout.device().maxSectors()
                            + " sectors or " + layout.device().maxSegments() + " segments. The request is marked"
                            + " no-merge for good.", null, Narration.IO);
        }

        @Override
        public Narration visit(Events.PlugFlush e) {
            List<Integer> ids = before.plug();
            String moved = ids.isEmpty() ? (e.requests() == 1 ? "1 request" : e.requests() + " requests")
                    : ids.size() <= 2 ? requestList(ids, before) : "requests " + and(hashes(ids));
            String head = "The plug is flushed: " + moved + (ids.size() == 1 || e.requests() == 1 ? " goes"
                    : " go") + " to the disk";
            String why;
            switch (e.reason() == null ? "" : e.reason()) {
                case "finish-plug":
                    why = "The work inside the plug is done, so blk_finish_plug sends everything held back, "
                            + (layout.blockLayer().sortOnFlush() ? "sorted by sector first (as Linux 3.8 does)."
                            : "in the order the requests were made.");
                    break;
                case "meta-wait":
                    why = metaWaitWhy(ids);
                    break;
                case "request-limit":
                    why = "16 requests already wait in the plug. Before adding another, the block layer flushes"
                            + " them.";
                    break;
                case "lock-buffer":
                    why = "A buffer that must be locked is busy with I/O still held in the plug. Sleeping on it"
                            + " flushes the plug first, so that I/O can finish.";
                    break;
                case "page-writeback": {
                    long page = before.event() instanceof Events.Writeback
                            ? ((Events.Writeback) before.event()).page() : before.currentPage();
                    why = cap(pageName(page)) + " is still under writeback from an earlier write. WB_SYNC_ALL must wait"
                            + " for it, and sleeping flushes the plug first.";
                    break;
                }
                default:
                    why = "The task is about to sleep, and sleeping flushes the plug.";
                    break;
            }
            return n(e, head, why, e.reason(), Narration.IO);
        }

        private String metaWaitWhy(List<Integer> ids) {
            long block = -1;
            for (var m : before.meta().entrySet()) {
                if (has(m.getValue(), BhState.LOCK)) {
                    block = m.getKey();
                }
            }
            String what = block >= 0 ? metaName(block) : "a metadata block";
            String sent = ids.isEmpty() ? "what is plugged" : (ids.size() == 1 ? "request " : "requests ")
                    + and(hashes(ids));
            String s = "get_block must wait for " + what + ". Sleeping flushes the plug first, so " + sent
                    + " goes to disk before the wait.";
            BioView open = before.buildingBio();
            if (open != null && !open.vecs().isEmpty()) {
                s += " Bio #" + open.id() + " (" + pages(bioPages(open)) + ") is still open in mpage, so it must"
                        + " wait.";
            }
            return s;
        }

        @Override
        public Narration visit(Events.RequestQueue e) {
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

        @Override
        public Narration visit(Events.ElevatorMerge e) {
            return n(e, "Request #" + e.from() + " is appended to queued request #" + e.into() + " (now "
                            + sectors(e.sector(), e.sectors()) + ")",
                    "At flush time the elevator tries one back merge: request #" + e.into() + " ends exactly where #"
                            + e.from() + " starts, so they become one request, one pass over the disk.", null,
                    Narration.IO);
        }

        @Override
        public Narration visit(Events.RequestServe e) {
            boolean w = "write".equals(e.rw());
            String range = sectors(e.sector(), e.sectors());
            List<String> bios = new ArrayList<>();
            for (int id : e.bios()) {
                bios.add("#" + id);
            }
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

        @Override
        public Narration visit(Events.BioEnd e) {
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

        @Override
        public Narration visit(Events.MappingError e) {
            boolean nospc = "AS_ENOSPC".equals(e.flag());
            String what = e.flag() + (nospc ? " (out of space)" : " (I/O error)");
            switch (e.fn()) {
                case "mpage_end_io":
                    return n(e, "A write failed: the file records " + what,
                            "mpage_end_io saw the write bio fail, so the mapping remembers it. The next fsync"
                                    + " reports -EIO.", null, Narration.ERROR);
                case "mapping_set_error":
                    return n(e, "mpage records writepage's error on the file: " + what,
                            "The fallback writepage returned " + (nospc ? "-ENOSPC" : "an error") + ";"
                                    + " __mpage_writepage stores it on the mapping so fsync will report it.",
                            null, Narration.ERROR);
                case "__block_write_full_page":
                    return n(e, "get_block failed while writing: the file records " + what,
                            "The buffer path could not map a dirty block. The error stays on the mapping so fsync"
                                    + " will report it.", null, Narration.ERROR);
                case "end_buffer_async_write":
                    return n(e, "A buffer write failed: the file records " + what,
                            "The block did not reach the disk; the mapping remembers it for fsync.", null,
                            Narration.ERROR);
                case "try_to_free_buffers":
                    return n(e, "An old buffer write error is kept on the file: " + what,
                            "A buffer being freed carried a write error, so it is copied to the mapping first and"
                                    + " not lost.", null, Narration.ERROR);
                default:
                    return n(e, "The file records an error: " + what,
                            e.fn() + " got an error back and stores it on the mapping so fsync will report it.",
                            null, Narration.ERROR);
            }
        }

        @Override
        public Narration visit(Events.Writeback e) {
            long p = e.page();
            String action = e.action() == null ? "" : e.action();
            switch (action) {
                case "write":
                    return n(e, "write_cache_pages hands page " + p + " to the writepage callback",
                            "Page " + p + " is dirty, not under writeback, and now locked with its dirty bit"
                                    + " cleared (" + budget(e.nrToWrite()) + ").", action, Narration.INFO);
                case "skip-truncated":
                    return n(e, "Page " + p + " is skipped: it was truncated",
                            "It left the file after the lookup found it, so there is nothing to write.", action,
                            Narration.INFO);
                case "skip-not-dirty":
                    return n(e, "Page " + p + " is skipped: already clean",
                            "Another writer cleaned it after the lookup; there is nothing left to write.", action,
                            Narration.INFO);
                case "skip-writeback":
                    return n(e, "Page " + p + " is skipped: still under writeback",
                            "WB_SYNC_NONE does not wait for an earlier write. The page stays dirty for a later"
                                    + " pass.", action, Narration.INFO);
                case "wait-writeback":
                    return n(e, "write_cache_pages waits for page " + p + "'s earlier write",
                            "WB_SYNC_ALL must write every dirty page, so it waits for the write in flight;"
                                    + " waiting flushes the plug.", action, Narration.INFO);
                case "skip-clean":
                    return n(e, "Page " + p + " is skipped: it turned out clean",
                            "clear_page_dirty_for_io found the dirty bit already gone, so there is nothing to"
                                    + " write.", action, Narration.INFO);
                case "stop-error":
                    return n(e, "write_cache_pages stops after page " + p + ": the write failed",
                            "The writepage callback returned an error. The walk stops there and the error goes"
                                    + " back to the caller.", action, Narration.ERROR);
                case "stop-budget":
                    return n(e, "write_cache_pages stops after page " + p + ": the page budget is used up",
                            "nr_to_write reached 0, and WB_SYNC_NONE writeback honours that budget; WB_SYNC_ALL"
                                    + " would go on.", action, Narration.DONE);
                default:
                    return n(e, "write_cache_pages looks at page " + p + " (" + action.replace('-', ' ') + ")",
                            "write_cache_pages decides what to do with each dirty page in the range.", action,
                            Narration.INFO);
            }
        }
    }
}
