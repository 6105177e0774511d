package mpageviz.view;

import static mpageviz.view.Wording.cap;
import static mpageviz.view.Wording.pages;
import static mpageviz.view.Wording.sectors;
import static mpageviz.view.Wording.size;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;

/**
 * What a run is about to do before its first event ({@link Narrator#atStart}): the call, its pages and geometry,
 * and the layout's features most worth watching (BH_Boundary, an uncached indirect block, faults, holes, limits).
 */
final class StartNarrator extends StepNarrator {

    StartNarrator(RunState before, RunState after) {
        super(before, after);
    }

    Narration narrate() {
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
                out.add("Indirect block " + md.block() + " is not cached: mapping " + mappedBy(md)
                        + " must read it first"
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
        Layout.PageSpec cached = firstPage(Layout.PageSpec::alreadyCached);
        if (cached != null) {
            out.add("Page " + cached.index() + " is already cached: readahead must skip it, leaving a gap.");
        }
        if (!write) {
            Layout.PageSpec withBuffers = firstPage(p -> !p.alreadyCached() && p.buffers() != null);
            if (withBuffers != null) {
                out.add("Page " + withBuffers.index() + " already has buffer heads, which mpage does not handle.");
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
        Layout.PageSpec pastEof = firstPage(p -> p.has("dirty") && (long) p.index() * pageSize >= size);
        if (pastEof != null) {
            out.add("Page " + pastEof.index() + " lies past end of file: mpage cannot write it.");
        }
        Layout.PageSpec inFlight = firstPage(p -> p.has("writeback"));
        if (inFlight != null) {
            out.add("Page " + inFlight.index() + " is still under writeback from an earlier write.");
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

    /** The first page of the layout's page cache that passes {@code test}, or null. */
    private Layout.PageSpec firstPage(Predicate<Layout.PageSpec> test) {
        for (Layout.PageSpec p : layout.pageCache()) {
            if (test.test(p)) {
                return p;
            }
        }
        return null;
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
}
