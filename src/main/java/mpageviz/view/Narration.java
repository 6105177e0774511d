package mpageviz.view;

import java.util.Objects;

/**
 * What the narration panel shows for one step: a short headline a student can read off a projector, and why the
 * kernel did it, in our own words.
 *
 * @param headline one short plain-English sentence saying what happened
 * @param why      one or two sentences on the kernel condition behind it
 * @param fn       the kernel function the step happened in
 * @param line     the reference mpage.c line executing, 0 when none
 * @param reason   the kebab-case reason name the event carries (fallback, submit, flush, writeback action or
 *                 bio_add_page refusal), or null
 * @param tone     one of {@link #INFO}, {@link #IO}, {@link #FALLBACK}, {@link #ERROR}, {@link #DONE}, for colour
 */
public record Narration(String headline, String why, String fn, int line, String reason, String tone) {
    /** An ordinary step: mapping, flags, bookkeeping. */
    public static final String INFO = "info";
    /** I/O moves: a bio or request is sent, merged, flushed or served. */
    public static final String IO = "io";
    /** mpage gives a page to the buffer-head path (or skips it). */
    public static final String FALLBACK = "fallback";
    /** Something failed: get_block, bio_alloc, a bio, a write. */
    public static final String ERROR = "error";
    /** Something finished well: a page read, a write ended, the call returned. */
    public static final String DONE = "done";

    public Narration {
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(tone, "tone");
    }
}
