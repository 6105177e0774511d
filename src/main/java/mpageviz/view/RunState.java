package mpageviz.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import mpageviz.layout.Layout;
import mpageviz.trace.Event;
import mpageviz.trace.Events;

/**
 * Everything every panel shows at one step of a run: the pure result of folding events 0..step-1 over the
 * layout's starting state ({@link Fold}). Immutable; equal states draw the same picture.
 *
 * <pre>
 * RunState
 *  +- pages[slot]        PageView: flags, buffers[], data spans   (slots: the run's page indexes, ascending)
 *  +- mapBh              the scratch buffer mpage hands to get_block
 *  +- bios[id-1]         BioView: building / submitted / done
 *  +- requests[id-1]     RequestView: plug / queue / served / merged
 *  +- plug, queue        request ids in order;  served: request ids in disk order
 *  +- meta               metadata block -> BhState bits (the block device's cache)
 *  +- counters, event (the last one applied), current page, mapping errors
 * </pre>
 */
public final class RunState {
    final Layout layout;
    final long[] slots;
    final int step;
    final ChunkedList<PageView> pages;
    final ChunkedList<BioView> bios;
    final ChunkedList<RequestView> requests;
    final List<Integer> plug;
    final List<Integer> queue;
    final ChunkedList<Integer> served;
    final Map<Long, Integer> meta;
    final int mapBhState;
    final int buildingBio;
    final Counters counters;
    final Event event;
    final long currentPage;
    final String call;
    final boolean callDone;
    final Events.GetBlock lastGetBlock;
    final List<String> mappingErrors;

    RunState(Fold f) {
        this.layout = f.layout;
        this.slots = f.slots;
        this.step = f.step;
        this.pages = f.pages.copy();
        this.bios = f.bios.copy();
        this.requests = f.requests.copy();
        this.plug = List.copyOf(f.plug);
        this.queue = List.copyOf(f.queue);
        this.served = f.served.copy();
        this.meta = Map.copyOf(f.meta);
        this.mapBhState = f.mapBhState;
        this.buildingBio = f.buildingBio;
        this.counters = f.counters;
        this.event = f.event;
        this.currentPage = f.currentPage;
        this.call = f.call;
        this.callDone = f.callDone;
        this.lastGetBlock = f.lastGetBlock;
        this.mappingErrors = List.copyOf(f.mappingErrors);
    }

    public Layout layout() {
        return layout;
    }

    /** How many events have been applied (0 = the layout's starting state). */
    public int step() {
        return step;
    }

    /** The last event applied, or null at step 0. */
    public Event event() {
        return event;
    }

    public int pageCount() {
        return slots.length;
    }

    /** The page in a slot (slots are the run's page indexes in ascending order); null if it does not exist yet. */
    public PageView pageAt(int slot) {
        return pages.get(slot);
    }

    /** The page with an index, or null. */
    public PageView page(long index) {
        int slot = Arrays.binarySearch(slots, index);
        return slot < 0 ? null : pages.get(slot);
    }

    public long indexOfSlot(int slot) {
        return slots[slot];
    }

    public int bioCount() {
        return bios.size();
    }

    public BioView bio(int id) {
        return id < 1 || id > bios.size() ? null : bios.get(id - 1);
    }

    /** The bio mpage is filling now, or null. */
    public BioView buildingBio() {
        return buildingBio == 0 ? null : bio(buildingBio);
    }

    public int requestCount() {
        return requests.size();
    }

    public RequestView request(int id) {
        return id < 1 || id > requests.size() ? null : requests.get(id - 1);
    }

    public List<Integer> plug() {
        return plug;
    }

    public List<Integer> queue() {
        return queue;
    }

    /** Served request ids in disk order. */
    public List<Integer> served() {
        List<Integer> out = new ArrayList<>(served.size());
        for (int i = 0; i < served.size(); i++) {
            out.add(served.get(i));
        }
        return out;
    }

    public int servedCount() {
        return served.size();
    }

    public Map<Long, Integer> meta() {
        return meta;
    }

    public int mapBhState() {
        return mapBhState;
    }

    public Counters counters() {
        return counters;
    }

    /** The page mpage is working on (page-begin), or -1. */
    public long currentPage() {
        return currentPage;
    }

    /** The engine call of the run (mpage_readpages, ...), null before it starts. */
    public String call() {
        return call;
    }

    public boolean callDone() {
        return callDone;
    }

    public Events.GetBlock lastGetBlock() {
        return lastGetBlock;
    }

    public List<String> mappingErrors() {
        return mappingErrors;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RunState)) {
            return false;
        }
        RunState s = (RunState) o;
        return step == s.step && mapBhState == s.mapBhState && buildingBio == s.buildingBio
                && currentPage == s.currentPage && callDone == s.callDone && layout.equals(s.layout)
                && Arrays.equals(slots, s.slots) && sameList(pages, s.pages) && sameList(bios, s.bios)
                && sameList(requests, s.requests) && sameList(served, s.served) && plug.equals(s.plug)
                && queue.equals(s.queue) && meta.equals(s.meta) && counters.equals(s.counters)
                && Objects.equals(call, s.call)
                && Objects.equals(lastGetBlock, s.lastGetBlock) && mappingErrors.equals(s.mappingErrors);
    }

    private static boolean sameList(ChunkedList<?> a, ChunkedList<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Objects.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, pages.size(), bios.size(), requests.size(), served.size(), counters);
    }
}
