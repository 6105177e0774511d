package mpageviz.view;

import mpageviz.trace.Event;
import mpageviz.trace.EventVisitor;
import mpageviz.trace.Events;

/**
 * Says in words what each step of a run did and why the kernel did it. A pure function of (state before, event,
 * state after), like every panel: the same step always reads the same. The texts are our own, short enough for a
 * projector, and name the kernel condition (BH_Boundary, a hole then data, a full bio, ...) behind the step.
 *
 * <p>This class only dispatches: each event kind goes to the small package-private narrator of its theme, all of
 * them {@link StepNarrator}s sharing the phrasing in {@link Wording}:
 * <pre>
 * Narrator
 * +-- StartNarrator       the run before its first event
 * +-- CallNarrator        call-begin, call-end
 * +-- PageNarrator        page-begin, page-create, page-data
 * +-- PageFlagNarrator    page-flags
 * +-- BufferNarrator      buffers-create, buffers-free, buffer-state, meta-state
 * +-- MappingNarrator     get-block, map-bh-reuse, map-bh-state
 * +-- FallbackNarrator    fallback, skipped
 * +-- BioBuildNarrator    bio-alloc, bio-add-page
 * +-- BioSubmitNarrator   bio-submit
 * +-- PlugNarrator        request-new, request-merge, request-no-merge, plug-flush
 * +-- DiskNarrator        request-queue, elevator-merge, request-serve, bio-end
 * +-- WritebackNarrator   writeback, mapping-error
 * </pre>
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
        return event.accept(new Dispatch(b, a));
    }

    /** What the run is about to do, before any event: the call, its pages and what to watch for. */
    public static Narration atStart(RunState start) {
        if (start == null) {
            throw new IllegalArgumentException("no starting state");
        }
        return new StartNarrator(start, start).narrate();
    }

    /** Hands each kind to the narrator of its theme, with the two states around the step. */
    private static final class Dispatch implements EventVisitor<Narration> {
        private final RunState before;
        private final RunState after;

        Dispatch(RunState before, RunState after) {
            this.before = before;
            this.after = after;
        }

        @Override
        public Narration visit(Events.CallBegin e) {
            return new CallNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.CallEnd e) {
            return new CallNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.PageBegin e) {
            return new PageNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.PageCreate e) {
            return new PageNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.PageFlags e) {
            return new PageFlagNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.PageData e) {
            return new PageNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.BuffersCreate e) {
            return new BufferNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.BuffersFree e) {
            return new BufferNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.BufferState e) {
            return new BufferNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.MetaState e) {
            return new BufferNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.GetBlock e) {
            return new MappingNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.MapBhReuse e) {
            return new MappingNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.MapBhState e) {
            return new MappingNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.Fallback e) {
            return new FallbackNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.Skipped e) {
            return new FallbackNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.BioAlloc e) {
            return new BioBuildNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.BioAddPage e) {
            return new BioBuildNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.BioSubmit e) {
            return new BioSubmitNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.RequestNew e) {
            return new PlugNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.RequestMerge e) {
            return new PlugNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.RequestNoMerge e) {
            return new PlugNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.PlugFlush e) {
            return new PlugNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.RequestQueue e) {
            return new DiskNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.ElevatorMerge e) {
            return new DiskNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.RequestServe e) {
            return new DiskNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.BioEnd e) {
            return new DiskNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.MappingError e) {
            return new WritebackNarrator(before, after).narrate(e);
        }

        @Override
        public Narration visit(Events.Writeback e) {
            return new WritebackNarrator(before, after).narrate(e);
        }
    }
}
