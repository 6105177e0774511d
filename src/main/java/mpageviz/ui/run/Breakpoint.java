package mpageviz.ui.run;

import java.util.function.Predicate;

import mpageviz.trace.Event;
import mpageviz.trace.Events;

/** A condition that stops playback on the event that meets it. */
public record Breakpoint(String label, Predicate<Event> matches) {

    /** Any fallback to the buffer-head path, or one with the given reason (null: any). */
    public static Breakpoint fallback(String reason) {
        return new Breakpoint(reason == null ? "any fallback" : "fallback: " + reason,
                e -> e instanceof Events.Fallback && (reason == null || reason.equals(((Events.Fallback) e).reason())));
    }

    /** Any mpage bio submission, or one with the given reason (null: any). */
    public static Breakpoint bioSubmit(String reason) {
        return new Breakpoint(reason == null ? "any bio submission" : "bio sent: " + reason,
                e -> e instanceof Events.BioSubmit && "bio".equals(((Events.BioSubmit) e).source())
                        && (reason == null || reason.equals(((Events.BioSubmit) e).reason())));
    }

    /** A failed I/O (a bio completing without BIO_UPTODATE) or a get_block error. */
    public static Breakpoint error() {
        return new Breakpoint("I/O or get_block error",
                e -> e instanceof Events.BioEnd && !((Events.BioEnd) e).ok()
                        || e instanceof Events.GetBlock && ((Events.GetBlock) e).ret() < 0);
    }

    /** mpage starting on a page, or a fallback or bio vec naming it. */
    public static Breakpoint page(long index) {
        return new Breakpoint("page " + index, e -> e instanceof Events.PageBegin && ((Events.PageBegin) e).page() == index
                || e instanceof Events.Fallback && ((Events.Fallback) e).page() == index
                || e instanceof Events.BioAddPage && ((Events.BioAddPage) e).page() == index);
    }

    /** The disk serving a request that covers a disk block. */
    public static Breakpoint diskBlock(long block, int blockSize) {
        long first = block * (blockSize >> 9);
        long last = first + (blockSize >> 9);
        return new Breakpoint("disk block " + block, e -> {
            if (!(e instanceof Events.RequestServe)) {
                return false;
            }
            Events.RequestServe r = (Events.RequestServe) e;
            return r.sector() < last && first < r.sector() + r.sectors();
        });
    }
}
