package mpageviz.view;

import static mpageviz.view.Wording.logicals;

import java.util.ArrayList;
import java.util.List;

import mpageviz.layout.Layout;
import mpageviz.trace.Event;

/**
 * What every themed narrator shares: the step's two states, the layout and its geometry, and the lookups that turn
 * sectors, bio ids and logical blocks into the things a sentence names ("indirect block 1012", "bio #3"). One
 * instance per narrated step; each subclass adds the handlers of one theme.
 */
abstract class StepNarrator {

    final RunState before;
    final RunState after;
    final Layout layout;
    final int pageSize;
    final int blockSize;
    final int blocksPerPage;
    private final int pageToBlockShift;
    final boolean write;
    final boolean plugOn;

    StepNarrator(RunState before, RunState after) {
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

    Narration n(Event e, String headline, String why, String reason, String tone) {
        return new Narration(headline, why, e.fn(), e.line(), reason, tone);
    }

    long blockOfSector(long sector) {
        return sector * 512 / blockSize;
    }

    long firstLogical(long page) {
        return page << pageToBlockShift;
    }

    /** "indirect block 1012" when the layout lists it as metadata, else "metadata block 1012". */
    String metaName(long block) {
        return (metaAt(block) != null ? "indirect block " : "metadata block ") + block;
    }

    /** The layout's metadata block that maps logical block {@code logical}, or null. */
    Layout.MetadataBlock metaCovering(long logical) {
        for (Layout.MetadataBlock md : layout.file().metadata()) {
            if (md.first() <= logical && logical <= md.last()) {
                return md;
            }
        }
        return null;
    }

    /** The logical blocks a metadata block maps: "logical blocks 12-267". */
    static String mappedBy(Layout.MetadataBlock md) {
        return logicals(md.first(), md.last() - md.first() + 1);
    }

    /** The layout's metadata block at disk block {@code block}, or null. */
    Layout.MetadataBlock metaAt(long block) {
        for (Layout.MetadataBlock md : layout.file().metadata()) {
            if (md.block() == block) {
                return md;
            }
        }
        return null;
    }

    /** The disk block the layout maps a logical block to, or -1 for a hole. */
    long physical(long logical) {
        return Layout.Extent.physicalOf(layout.file().extents(), logical);
    }

    static List<Long> bioPages(BioView b) {
        List<Long> out = new ArrayList<>();
        for (BioView.Vec v : b.vecs()) {
            if (v.page() >= 0 && (out.isEmpty() || out.get(out.size() - 1) != v.page())) {
                out.add(v.page());
            }
        }
        return out;
    }

    static List<Long> list(long[] pages) {
        List<Long> out = new ArrayList<>();
        for (long p : pages) {
            if (p >= 0) {
                out.add(p);
            }
        }
        return out;
    }

    /** The latest mpage bio in {@code s} that holds {@code page} and has {@code status}; null if none. */
    static BioView bioHolding(RunState s, long page, String status) {
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

    /** How a bio reads in a sentence: "bio #3", "the read of indirect block 1012", "buffer bio #4". */
    String bioLabel(int id, RunState s) {
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
}
