package mpageviz.layout.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a generated layout is built to exercise: one mpage fallback reason, one reason for sending a bio, one of a
 * few named scenarios, or {@link #MIX} (a random one of the others per layout). Names on the command line and in
 * file names are the kebab-case form of the constant ({@code HOLE_THEN_DATA} is {@code hole-then-data}); for the
 * reason-based values that is also the reason the trace summary records.
 */
public enum Behaviour {
    PAGE_HAS_BUFFERS(Kind.FALLBACK, "readpage of a page that already has buffers"),
    GET_BLOCK_ERROR(Kind.FALLBACK, "get_block fails (injected errno, unreadable indirect block, ENOSPC)"),
    GET_BLOCK_UPTODATE(Kind.FALLBACK, "get_block returns an uptodate buffer inside a multi-block page"),
    HOLE_THEN_DATA(Kind.FALLBACK, "a hole followed by data inside one page (read or write)"),
    DISCONTIGUOUS(Kind.FALLBACK, "a page whose blocks are not consecutive on disk (read or write)"),
    CLEANCACHE_HIT(Kind.OTHER, "cleancache fills a one-block page: no read, no fallback record"),
    BIO_ALLOC_FAILED(Kind.FALLBACK, "bio_alloc returns NULL (with or without PF_MEMALLOC retries)"),
    UNMAPPED_DIRTY_BUFFER(Kind.FALLBACK, "write of a page with a dirty buffer over a hole"),
    BUFFER_NOT_DIRTY_OR_UPTODATE(Kind.FALLBACK, "write of a page with a clean buffer among dirty ones"),
    ALL_BUFFERS_UNMAPPED(Kind.FALLBACK, "write of a dirty page whose buffers are all unmapped and clean"),
    BEYOND_EOF(Kind.FALLBACK, "write of a dirty page that lies wholly beyond i_size"),
    NOT_CONTIGUOUS_WITH_BIO(Kind.BIO, "the next page does not follow the open bio on disk"),
    BIO_FULL(Kind.BIO, "small queue limits: a bio fills up and another one starts"),
    BOUNDARY(Kind.BIO, "BH_Boundary at a page end sends the bio at once"),
    PARTIAL_PAGE(Kind.BIO, "a page with a trailing hole or EOF inside it ends the bio"),
    BOUNDARY_READ(Kind.OTHER, "ext2-like: data bio sent before the indirect block is read"),
    WRITE_BOUNDARY(Kind.OTHER, "write_boundary_block writes the dirty indirect block behind the data"),
    HOLE_ALLOCATION(Kind.OTHER, "writepages over holes: get_block allocates blocks (BH_New)"),
    BAD_SECTOR(Kind.OTHER, "a bad sector fails a whole bio: its pages end with PG_error"),
    MIX(Kind.OTHER, "a random one of the others for each layout");

    /** Which part of the summary shows the behaviour. */
    public enum Kind {
        /** A {@code fallback} record whose reason is {@link #reason()}. */
        FALLBACK,
        /** A {@code bio} record whose reason is {@link #reason()}. */
        BIO,
        /** Something else (see each constant's description). */
        OTHER
    }

    private final Kind kind;
    private final String description;

    Behaviour(Kind kind, String description) {
        this.kind = kind;
        this.description = description;
    }

    public Kind kind() {
        return kind;
    }

    /** One line for usage texts and dialogs. */
    public String description() {
        return description;
    }

    /** The kebab-case name used on the command line and in file names. */
    public String kebabName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The summary reason this behaviour produces (fallback or bio), or null for the other behaviours. */
    public String reason() {
        return kind == Kind.OTHER ? null : kebabName();
    }

    /** Every behaviour except {@link #MIX}, in declaration order. */
    public static List<Behaviour> concrete() {
        List<Behaviour> out = new ArrayList<>();
        for (Behaviour b : values()) {
            if (b != MIX) {
                out.add(b);
            }
        }
        return out;
    }

    /** The behaviour with this kebab-case name (upper case and underscores are accepted too), or null. */
    public static Behaviour fromName(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Behaviour b : values()) {
            if (b.kebabName().equals(key)) {
                return b;
            }
        }
        return null;
    }
}
