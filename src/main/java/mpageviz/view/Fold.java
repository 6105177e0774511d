package mpageviz.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import mpageviz.kernel.BhState;
import mpageviz.kernel.PageFlag;
import mpageviz.layout.Layout;
import mpageviz.layout.RunSpec;
import mpageviz.trace.Event;
import mpageviz.trace.EventVisitor;
import mpageviz.trace.Events;

/**
 * The fold from events to pictures: a working state that applies one event at a time (one small handler per
 * kind) and hands out immutable {@link RunState} snapshots. {@code stateAt(k)} of a trace is
 * {@code Fold.start(layout)} with events 0..k-1 applied; nothing here looks at the engine.
 */
public final class Fold implements EventVisitor<Void> {
    final Layout layout;
    final long[] slots;
    final int blockSize;
    int step;
    ChunkedList<PageView> pages = new ChunkedList<>();
    ChunkedList<BioView> bios = new ChunkedList<>();
    ChunkedList<RequestView> requests = new ChunkedList<>();
    List<Integer> plug = new ArrayList<>();
    List<Integer> queue = new ArrayList<>();
    ChunkedList<Integer> served = new ChunkedList<>();
    Map<Long, Integer> meta = new HashMap<>();
    int mapBhState;
    int buildingBio;
    Counters counters = Counters.ZERO;
    Event event;
    long currentPage = -1;
    String call;
    boolean callDone;
    Events.GetBlock lastGetBlock;
    List<String> mappingErrors = new ArrayList<>();

    private Fold(Layout layout, long[] slots) {
        this.layout = layout;
        this.slots = slots;
        this.blockSize = layout.geometry().blockSize();
    }

    /** The layout's starting state: its pageCache pages (stamped), its cached metadata, nothing in flight. */
    public static Fold start(Layout layout) {
        TreeSet<Long> indexes = new TreeSet<>();
        for (Layout.PageSpec p : layout.pageCache()) {
            indexes.add(p.index());
        }
        RunSpec run = layout.run();
        if (RunSpec.READPAGES.equals(run.op())) {
            indexes.addAll(run.readaheadPages());
        } else if (run.index() >= 0) {
            indexes.add(run.index());
        }
        long[] slots = indexes.stream().mapToLong(Long::longValue).toArray();
        Fold f = new Fold(layout, slots);
        int pageSize = layout.geometry().pageSize();
        for (long index : slots) {
            Layout.PageSpec spec = layout.pageSpec(index);
            if (spec == null) {
                f.pages.add(null);
                continue;
            }
            List<BufferView> buffers = null;
            if (spec.buffers() != null) {
                buffers = new ArrayList<>();
                for (Layout.BufferSpec b : spec.buffers()) {
                    buffers.add(new BufferView(BhState.bits(b.flags()), b.block() == null ? -1 : b.block()));
                }
                buffers = List.copyOf(buffers);
            }
            f.pages.add(new PageView(index, PageFlag.bits(spec.flags()), buffers,
                    List.of(new PageView.DataSpan(0, pageSize, PageView.DataSpan.STAMP, -1)), true));
        }
        for (Layout.MetadataBlock md : layout.file().metadata()) {
            if (md.cached()) {
                int state = BhState.MAPPED.bit() | BhState.UPTODATE.bit() | (md.dirty() ? BhState.DIRTY.bit() : 0);
                f.meta.put(md.block(), state);
            }
        }
        return f;
    }

    /** Continues folding from a snapshot (the snapshot is not changed). */
    public static Fold from(RunState s) {
        Fold f = new Fold(s.layout, s.slots);
        f.step = s.step;
        f.pages = s.pages.copy();
        f.bios = s.bios.copy();
        f.requests = s.requests.copy();
        f.plug = new ArrayList<>(s.plug);
        f.queue = new ArrayList<>(s.queue);
        f.served = s.served.copy();
        f.meta = new HashMap<>(s.meta);
        f.mapBhState = s.mapBhState;
        f.buildingBio = s.buildingBio;
        f.counters = s.counters;
        f.event = s.event;
        f.currentPage = s.currentPage;
        f.call = s.call;
        f.callDone = s.callDone;
        f.lastGetBlock = s.lastGetBlock;
        f.mappingErrors = new ArrayList<>(s.mappingErrors);
        return f;
    }

    public int step() {
        return step;
    }

    public void apply(Event e) {
        e.accept(this);
        event = e;
        step++;
    }

    public RunState snapshot() {
        return new RunState(this);
    }

    // ------------------------------------------------------------------ helpers

    private int slot(long index) {
        int s = Arrays.binarySearch(slots, index);
        if (s < 0) {
            throw new IllegalStateException("event " + step + " names page " + index + ", which the layout's run "
                    + "does not include");
        }
        return s;
    }

    private PageView page(long index) {
        PageView p = pages.get(slot(index));
        if (p == null) {
            throw new IllegalStateException("event " + step + " names page " + index + " before it exists");
        }
        return p;
    }

    private void putPage(PageView p) {
        pages.set(slot(p.index()), p);
    }

    private BioView bio(int id) {
        return bios.get(id - 1);
    }

    private void putBio(BioView b) {
        if (b.id() == bios.size() + 1) {
            bios.add(b);
        } else {
            bios.set(b.id() - 1, b);
        }
    }

    private RequestView request(int id) {
        return requests.get(id - 1);
    }

    private void putRequest(RequestView r) {
        if (r.id() == requests.size() + 1) {
            requests.add(r);
        } else {
            requests.set(r.id() - 1, r);
        }
    }

    private static int apply(int bits, int set, int clear) {
        return (bits | set) & ~clear;
    }

    private void counters(Counters c) {
        counters = c;
    }

    // ------------------------------------------------------------------ handlers, one per kind

    @Override
    public Void visit(Events.CallBegin e) {
        call = e.fn();
        return null;
    }

    @Override
    public Void visit(Events.CallEnd e) {
        callDone = true;
        currentPage = -1;
        return null;
    }

    @Override
    public Void visit(Events.PageBegin e) {
        currentPage = e.page();
        Counters c = counters;
        counters(new Counters(c.biosSubmitted(), c.bhSubmitted(), c.metaReads(), c.requestsServed(),
                c.getBlockCalls(), c.fallbacks(), c.bytesRead(), c.bytesWritten(), c.seekSectors(), c.headSector(),
                c.pagesBegun() + 1, c.bioPages()));
        return null;
    }

    @Override
    public Void visit(Events.PageCreate e) {
        int s = slot(e.page());
        if (pages.get(s) == null) {
            pages.set(s, new PageView(e.page(), 0, null, List.of(new PageView.DataSpan(0,
                    layout.geometry().pageSize(), PageView.DataSpan.ZERO, -1)), false));
        }
        return null;
    }

    @Override
    public Void visit(Events.PageFlags e) {
        PageView p = page(e.page());
        p = p.withFlags(apply(p.flags(), e.set(), e.clear()));
        if ((e.set() & PageFlag.LOCKED.bit()) != 0 && !p.inCache()) {
            p = p.withInCache(true); // add_to_page_cache_lru locks the page as it inserts it
        }
        putPage(p);
        return null;
    }

    @Override
    public Void visit(Events.PageData e) {
        long disk = e.block() < 0 ? -1 : e.block() * blockSize;
        putPage(page(e.page()).withData(new PageView.DataSpan(e.offset(), e.length(), e.source(), disk)));
        return null;
    }

    @Override
    public Void visit(Events.BuffersCreate e) {
        List<BufferView> list = new ArrayList<>(e.count());
        for (int i = 0; i < e.count(); i++) {
            list.add(new BufferView(e.state(), -1));
        }
        putPage(page(e.page()).withBuffers(List.copyOf(list)));
        return null;
    }

    @Override
    public Void visit(Events.BuffersFree e) {
        putPage(page(e.page()).withBuffers(null));
        return null;
    }

    @Override
    public Void visit(Events.BufferState e) {
        PageView p = page(e.page());
        List<BufferView> list = new ArrayList<>(p.buffers());
        BufferView b = list.get(e.buffer());
        list.set(e.buffer(), new BufferView(apply(b.state(), e.set(), e.clear()), e.block() >= 0 ? e.block()
                : b.block()));
        putPage(p.withBuffers(List.copyOf(list)));
        return null;
    }

    @Override
    public Void visit(Events.MetaState e) {
        meta.put(e.block(), apply(meta.getOrDefault(e.block(), BhState.MAPPED.bit()), e.set(), e.clear()));
        return null;
    }

    @Override
    public Void visit(Events.GetBlock e) {
        lastGetBlock = e;
        Counters c = counters;
        counters(new Counters(c.biosSubmitted(), c.bhSubmitted(), c.metaReads(), c.requestsServed(),
                c.getBlockCalls() + 1, c.fallbacks(), c.bytesRead(), c.bytesWritten(), c.seekSectors(),
                c.headSector(), c.pagesBegun(), c.bioPages()));
        return null;
    }

    @Override
    public Void visit(Events.MapBhReuse e) {
        return null;
    }

    @Override
    public Void visit(Events.MapBhState e) {
        mapBhState = apply(mapBhState, e.set(), e.clear());
        return null;
    }

    @Override
    public Void visit(Events.Fallback e) {
        counters(counters.withFallback(e.reason()));
        return null;
    }

    @Override
    public Void visit(Events.Skipped e) {
        return null;
    }

    @Override
    public Void visit(Events.BioAlloc e) {
        if (e.ok()) {
            putBio(new BioView(e.bio(), "bio", null, e.sector(), e.maxVecs(), List.of(), BioView.BUILDING, null, 0,
                    true));
            buildingBio = e.bio();
        }
        return null;
    }

    @Override
    public Void visit(Events.BioAddPage e) {
        if (e.ok()) {
            BioView b = bio(e.bio());
            List<BioView.Vec> vecs = new ArrayList<>(b.vecs());
            vecs.add(new BioView.Vec(e.page(), e.length()));
            putBio(new BioView(b.id(), b.source(), b.rw(), b.sector(), b.maxVecs(), List.copyOf(vecs), b.status(),
                    b.reason(), b.request(), b.ok()));
        }
        return null;
    }

    @Override
    public Void visit(Events.BioSubmit e) {
        List<BioView.Vec> vecs = new ArrayList<>(e.pages().length);
        for (int i = 0; i < e.pages().length; i++) {
            vecs.add(new BioView.Vec(e.pages()[i], e.lengths()[i]));
        }
        putBio(new BioView(e.bio(), e.source(), e.rw(), e.sector(), "bio".equals(e.source())
                ? bio(e.bio()).maxVecs() : 4, List.copyOf(vecs), BioView.SUBMITTED, e.reason(), 0, true));
        if (buildingBio == e.bio()) {
            buildingBio = 0;
        }
        Counters c = counters;
        boolean isBio = "bio".equals(e.source());
        boolean isMeta = "meta".equals(e.source());
        counters(new Counters(c.biosSubmitted() + (isBio ? 1 : 0), c.bhSubmitted() + (!isBio && !isMeta ? 1 : 0),
                c.metaReads() + (isMeta ? 1 : 0), c.requestsServed(), c.getBlockCalls(), c.fallbacks(),
                c.bytesRead(), c.bytesWritten(), c.seekSectors(), c.headSector(), c.pagesBegun(),
                c.bioPages() + (isBio ? vecs.size() : 0)));
        return null;
    }

    private void setBioRequest(int bioId, int requestId) {
        BioView b = bio(bioId);
        putBio(b.with(b.status(), b.reason(), requestId, b.ok()));
    }

    @Override
    public Void visit(Events.RequestNew e) {
        putRequest(new RequestView(e.request(), e.rw(), e.sector(), e.sectors(), List.of(e.bio()),
                e.plugged() ? RequestView.PLUG : RequestView.QUEUE, false, 0, 0));
        if (e.plugged()) {
            plug.add(e.request());
        }
        setBioRequest(e.bio(), e.request());
        return null;
    }

    @Override
    public Void visit(Events.RequestMerge e) {
        RequestView r = request(e.request());
        List<Integer> list = new ArrayList<>(r.bios());
        if ("front".equals(e.where())) {
            list.add(0, e.bio());
        } else {
            list.add(e.bio());
        }
        putRequest(new RequestView(r.id(), r.rw(), e.sector(), e.sectors(), List.copyOf(list), r.place(),
                r.noMerge(), r.servedOrder(), r.mergedInto()));
        setBioRequest(e.bio(), e.request());
        return null;
    }

    @Override
    public Void visit(Events.RequestNoMerge e) {
        RequestView r = request(e.request());
        putRequest(new RequestView(r.id(), r.rw(), r.sector(), r.sectors(), r.bios(), r.place(), true,
                r.servedOrder(), r.mergedInto()));
        return null;
    }

    @Override
    public Void visit(Events.PlugFlush e) {
        return null;
    }

    @Override
    public Void visit(Events.RequestQueue e) {
        plug.remove(Integer.valueOf(e.request()));
        queue.add(e.request());
        putRequest(request(e.request()).withPlace(RequestView.QUEUE, 0));
        return null;
    }

    @Override
    public Void visit(Events.ElevatorMerge e) {
        plug.remove(Integer.valueOf(e.from()));
        RequestView into = request(e.into());
        RequestView from = request(e.from());
        List<Integer> list = new ArrayList<>(into.bios());
        list.addAll(from.bios());
        putRequest(new RequestView(into.id(), into.rw(), e.sector(), e.sectors(), List.copyOf(list), into.place(),
                into.noMerge(), into.servedOrder(), 0));
        putRequest(new RequestView(from.id(), from.rw(), from.sector(), from.sectors(), from.bios(),
                RequestView.MERGED, from.noMerge(), 0, into.id()));
        for (int b : from.bios()) {
            setBioRequest(b, into.id());
        }
        return null;
    }

    @Override
    public Void visit(Events.RequestServe e) {
        queue.remove(Integer.valueOf(e.request()));
        served.add(e.request());
        putRequest(request(e.request()).withPlace(RequestView.SERVED, served.size()));
        Counters c = counters;
        long bytes = (long) e.sectors() << 9;
        boolean write = "write".equals(e.rw());
        long seek = c.headSector() < 0 ? 0 : Math.abs(e.sector() - c.headSector());
        counters(new Counters(c.biosSubmitted(), c.bhSubmitted(), c.metaReads(), c.requestsServed() + 1,
                c.getBlockCalls(), c.fallbacks(), c.bytesRead() + (write ? 0 : bytes),
                c.bytesWritten() + (write ? bytes : 0), c.seekSectors() + seek, e.sector() + e.sectors(),
                c.pagesBegun(), c.bioPages()));
        return null;
    }

    @Override
    public Void visit(Events.BioEnd e) {
        BioView b = bio(e.bio());
        putBio(b.with(BioView.DONE, b.reason(), b.request(), e.ok()));
        return null;
    }

    @Override
    public Void visit(Events.MappingError e) {
        if (!mappingErrors.contains(e.flag())) {
            mappingErrors.add(e.flag());
        }
        return null;
    }

    @Override
    public Void visit(Events.Writeback e) {
        return null;
    }
}
