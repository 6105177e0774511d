package mpageviz.trace;

/**
 * One step of a run: a delta the engine or the block layer emitted. Every event names the kernel function it
 * happened in ({@code fn}) and the line of the reference mpage.c that was executing (0 outside mpage.c). Its
 * {@code seq} is its position in the {@link Trace}. One record per trace-format.md {@code kind}; dispatch goes
 * through {@link #accept(EventVisitor)} so that adding a kind fails to compile until every fold handles it.
 */
public sealed interface Event permits Events.CallBegin, Events.CallEnd, Events.PageBegin, Events.PageCreate,
        Events.PageFlags, Events.PageData, Events.BuffersCreate, Events.BuffersFree, Events.BufferState,
        Events.MetaState, Events.GetBlock, Events.MapBhReuse, Events.MapBhState, Events.Fallback, Events.Skipped,
        Events.BioAlloc, Events.BioAddPage, Events.BioSubmit, Events.RequestNew, Events.RequestMerge,
        Events.RequestNoMerge, Events.PlugFlush, Events.RequestQueue, Events.ElevatorMerge, Events.RequestServe,
        Events.BioEnd, Events.MappingError, Events.Writeback {

    /** The mpage.c line (reference version) executing when this happened; 0 when outside mpage.c. */
    int line();

    /** The kernel function this happened in, e.g. {@code do_mpage_readpage}. */
    String fn();

    /** The trace-format.md kind, kebab-case. */
    String kind();

    <R> R accept(EventVisitor<R> visitor);
}
