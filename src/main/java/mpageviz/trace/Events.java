package mpageviz.trace;

/** The event records, one per kind (see {@link Event}). */
public final class Events {
    private Events() {
    }

    /** The engine call starts (mpage_readpages, ...). */
    public record CallBegin(int line, String fn, String op, long nrPages) implements Event {
        public static final String KIND = "call-begin";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** The engine call returns. */
    public record CallEnd(int line, String fn, int ret) implements Event {
        public static final String KIND = "call-end";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** Mpage starts on a page. */
    public record PageBegin(int line, String fn, long page) implements Event {
        public static final String KIND = "page-begin";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** The call creates a fresh, zero-filled page (readahead or a missing index). */
    public record PageCreate(int line, String fn, long page) implements Event {
        public static final String KIND = "page-create";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** Page flags change; bits of PageFlag. */
    public record PageFlags(int line, String fn, long page, int set, int clear) implements Event {
        public static final String KIND = "page-flags";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** Bytes of a page change: source zero, disk, cleancache or get-block; block is the disk block read, -1 for zero. */
    public record PageData(int line, String fn, long page, int offset, int length, String source, long block) implements Event {
        public static final String KIND = "page-data";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** Create_empty_buffers attaches count buffer heads with the given BhState bits. */
    public record BuffersCreate(int line, String fn, long page, int count, int state) implements Event {
        public static final String KIND = "buffers-create";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** Try_to_free_buffers detached the page's buffers. */
    public record BuffersFree(int line, String fn, long page) implements Event {
        public static final String KIND = "buffers-free";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** A page buffer's state bits change; block is the new b_blocknr, -1 when unchanged. */
    public record BufferState(int line, String fn, long page, int buffer, int set, int clear, long block) implements Event {
        public static final String KIND = "buffer-state";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** A metadata buffer in the block device's cache changes state. */
    public record MetaState(int line, String fn, long block, int set, int clear) implements Event {
        public static final String KIND = "meta-state";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** A get_block call and its result: ret is 0 or -errno, block -1 when unmapped, count the mapped run, state the bh bits after. */
    public record GetBlock(int line, String fn, long logical, boolean create, long asked, int ret, long block, long count, int state) implements Event {
        public static final String KIND = "get-block";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** Do_mpage_readpage takes count blocks from the previous get_block result. */
    public record MapBhReuse(int line, String fn, long page, long logical, long block, long count) implements Event {
        public static final String KIND = "map-bh-reuse";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** The map_bh scratch buffer's state changes. */
    public record MapBhState(int line, String fn, int set, int clear) implements Event {
        public static final String KIND = "map-bh-state";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** Mpage gives a page to the buffer-head path. */
    public record Fallback(int line, String fn, long page, String reason) implements Event {
        public static final String KIND = "fallback";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** Readahead could not add the page to the page cache. */
    public record Skipped(int line, String fn, long page, String reason) implements Event {
        public static final String KIND = "skipped";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** Bio_alloc for mpage (ordinal counts mpage's calls, retries included). */
    public record BioAlloc(int line, String fn, int bio, int nr, int maxVecs, long sector, int ordinal, boolean ok) implements Event {
        public static final String KIND = "bio-alloc";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** Bio_add_page; refusal names the limit when it fails. */
    public record BioAddPage(int line, String fn, int bio, long page, int length, boolean ok, String refusal) implements Event {
        public static final String KIND = "bio-add-page";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** Submit_bio: source bio, bh or meta; block and page for bh/meta (-1 when none). */
    public record BioSubmit(int line, String fn, int bio, String source, String rw, long sector, int sectors, long[] pages, int[] lengths, String reason, long block, long page) implements Event {
        public static final String KIND = "bio-submit";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** A bio becomes a new request. */
    public record RequestNew(int line, String fn, int request, int bio, String rw, long sector, int sectors, boolean plugged) implements Event {
        public static final String KIND = "request-new";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** A bio merges into a plugged request (back or front); sector/sectors are the request's after the merge. */
    public record RequestMerge(int line, String fn, int request, int bio, String where, long sector, int sectors) implements Event {
        public static final String KIND = "request-merge";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** A request refused a merge on limits and takes no more. */
    public record RequestNoMerge(int line, String fn, int request) implements Event {
        public static final String KIND = "request-nomerge";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** The plug list is flushed to the elevator. */
    public record PlugFlush(int line, String fn, String reason, int requests) implements Event {
        public static final String KIND = "plug-flush";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** A request enters the elevator queue. */
    public record RequestQueue(int line, String fn, int request) implements Event {
        public static final String KIND = "request-queue";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** A request is appended onto a queued one at insert time. */
    public record ElevatorMerge(int line, String fn, int into, int from, long sector, int sectors) implements Event {
        public static final String KIND = "elevator-merge";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** The disk serves a request, its bios in chain order. */
    public record RequestServe(int line, String fn, int request, String rw, long sector, int sectors, int[] bios) implements Event {
        public static final String KIND = "request-serve";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** A bio completes; ok is BIO_UPTODATE. */
    public record BioEnd(int line, String fn, int bio, boolean ok) implements Event {
        public static final String KIND = "bio-end";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** An error is recorded on the address_space (AS_EIO or AS_ENOSPC). */
    public record MappingError(int line, String fn, String flag) implements Event {
        public static final String KIND = "mapping-error";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }

    /** Write_cache_pages looks at a page: the action it took and the budget left. */
    public record Writeback(int line, String fn, long page, String action, long nrToWrite) implements Event {
        public static final String KIND = "writeback";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public <R> R accept(EventVisitor<R> v) {
            return v.visit(this);
        }
    }
}
