package mpageviz.trace;

/** Exhaustive dispatch over the event kinds. */
public interface EventVisitor<R> {
    R visit(Events.CallBegin e);

    R visit(Events.CallEnd e);

    R visit(Events.PageBegin e);

    R visit(Events.PageCreate e);

    R visit(Events.PageFlags e);

    R visit(Events.PageData e);

    R visit(Events.BuffersCreate e);

    R visit(Events.BuffersFree e);

    R visit(Events.BufferState e);

    R visit(Events.MetaState e);

    R visit(Events.GetBlock e);

    R visit(Events.MapBhReuse e);

    R visit(Events.MapBhState e);

    R visit(Events.Fallback e);

    R visit(Events.Skipped e);

    R visit(Events.BioAlloc e);

    R visit(Events.BioAddPage e);

    R visit(Events.BioSubmit e);

    R visit(Events.RequestNew e);

    R visit(Events.RequestMerge e);

    R visit(Events.RequestNoMerge e);

    R visit(Events.PlugFlush e);

    R visit(Events.RequestQueue e);

    R visit(Events.ElevatorMerge e);

    R visit(Events.RequestServe e);

    R visit(Events.BioEnd e);

    R visit(Events.MappingError e);

    R visit(Events.Writeback e);
}
