package mpageviz.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import mpageviz.engine.Runner;
import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.trace.Event;
import mpageviz.trace.Summary;
import mpageviz.trace.Trace;

/** Runs layouts for tests and picks events out of a trace. */
public final class Runs {
    private Runs() {
    }

    /** The summary of a quiet run. */
    public static Summary summary(Layout layout) {
        try {
            return Runner.run(layout, Runner.Options.quiet()).summary();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A quiet run's whole result (summary, return value, image). */
    public static Runner.Result result(Layout layout) {
        try {
            return Runner.run(layout, Runner.Options.quiet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A traced run: its events and its summary. */
    public static Trace trace(Layout layout) {
        try {
            return Runner.trace(layout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events of one kind, in order. */
    public static <T extends Event> List<T> events(Trace trace, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Event e : trace.events()) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    /** Index of the first event at or after {@code from} that is of {@code type} and matches. */
    public static <T extends Event> int indexOf(List<Event> events, int from, Class<T> type,
                                                java.util.function.Predicate<T> match) {
        for (int i = from; i < events.size(); i++) {
            Event e = events.get(i);
            if (type.isInstance(e) && match.test(type.cast(e))) {
                return i;
            }
        }
        return -1;
    }

    /** writepages with every writeback_control knob the layout has. */
    public static RunSpec writepages(String syncMode, long rangeStart, long rangeEnd, long nrToWrite,
                                     boolean rangeCyclic) {
        return new RunSpec(RunSpec.WRITEPAGES, -1, 0, null, -1, syncMode, rangeStart, rangeEnd, nrToWrite,
                rangeCyclic, false);
    }

    /** writepages over the whole file, no budget. */
    public static RunSpec writepagesAll(String syncMode) {
        return RunSpec.writepages(syncMode, 0, -1);
    }
}
