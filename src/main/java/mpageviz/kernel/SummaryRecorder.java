package mpageviz.kernel;

import java.util.ArrayList;
import java.util.List;

import mpageviz.trace.Summary;

/**
 * Collects the summary's submissions and served requests as the run makes them. It is always on (a handful of
 * records per bio), so a run with tracing off still has its summary.
 */
public final class SummaryRecorder {
    private final List<Summary.Submission> submissions = new ArrayList<>();
    private final List<Summary.Request> requests = new ArrayList<>();
    private int bios;
    private int fallbacks;
    private long seek;
    private long headAt = -1;

    public void submission(Summary.Submission s) {
        submissions.add(s);
        if (Summary.Submission.BIO.equals(s.kind())) {
            bios++;
        } else if (Summary.Submission.FALLBACK.equals(s.kind())) {
            fallbacks++;
        }
    }

    void served(String rw, long sector, int sectors, List<String> from) {
        requests.add(new Summary.Request(rw, sector, sectors, from));
        if (headAt >= 0) {
            seek += Math.abs(sector - headAt);
        }
        headAt = sector + sectors;
    }

    public List<Summary.Submission> submissions() {
        return submissions;
    }

    public List<Summary.Request> requests() {
        return requests;
    }

    public Summary.Stats stats() {
        return new Summary.Stats(bios, requests.size(), fallbacks, seek);
    }
}
