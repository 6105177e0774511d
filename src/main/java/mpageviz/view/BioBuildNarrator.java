package mpageviz.view;

import static mpageviz.view.Wording.count;
import static mpageviz.view.Wording.size;

import mpageviz.trace.Events;

/** Building a bio: bio_alloc (with its PF_MEMALLOC retries) and bio_add_page taking or refusing a page. */
final class BioBuildNarrator extends StepNarrator {

    BioBuildNarrator(RunState before, RunState after) {
        super(before, after);
    }

    private int bioGetNrVecs() {
        int n = Math.min(layout.device().maxSegments(), layout.device().maxSectors() / (pageSize >> 9) + 1);
        return Math.min(n, 256);
    }

    Narration narrate(Events.BioAlloc e) {
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
            return n(e, "bio_alloc for " + count(e.nr(), "vector") + " fails (call #"
                    + e.ordinal() + ")", why, null, Narration.ERROR);
        }
        String head = "New bio #" + e.bio() + " at sector " + e.sector() + ", room for "
                + count(e.maxVecs(), "page");
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
            asked = "mpage asked for " + count(e.nr(), "vector") + ", one per page still to "
                    + (write ? "write" : "read") + ".";
        }
        String round = e.maxVecs() != e.nr() ? " Linux 3.6 rounds that up to " + e.maxVecs() + "." : "";
        return n(e, head, asked + round + " It starts at disk block " + blockOfSector(e.sector()) + ".", null,
                Narration.INFO);
    }

    Narration narrate(Events.BioAddPage e) {
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

    static String refusalWords(String refusal) {
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
}
