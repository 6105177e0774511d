package mpageviz.layout.gen;

import java.util.ArrayList;
import java.util.List;

import mpageviz.layout.Layout;

/**
 * Random but valid layouts that exercise a chosen {@link Behaviour}, reproducible from a seed: the same behaviour
 * and seed always give the same layout (and so the same file), on any JDK. Each layout has a title and notes
 * that say what it sets up and what to watch. For problem sets, the GUI and the property tests.
 *
 * <p>Behaviours that mpage shows on both paths (hole-then-data, discontiguous, get-block-error, bio-alloc-failed,
 * the bio reasons, bad sectors) get a read or a write layout at random.
 */
public final class LayoutGenerator {
    private LayoutGenerator() {
    }

    /** One layout for the behaviour, drawn from {@code seed}. */
    public static Layout generate(Behaviour behaviour, long seed) {
        Dice dice = dice(behaviour, seed);
        return recipe(concrete(behaviour, dice), dice);
    }

    /**
     * {@code count} layouts; layout {@code i} is {@code generate(behaviour, seedOf(seed, i))}, so any one of a batch
     * can be made again on its own.
     */
    public static List<Layout> generate(Behaviour behaviour, long seed, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count " + count + " is negative");
        }
        List<Layout> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(generate(behaviour, seedOf(seed, i)));
        }
        return out;
    }

    /** The seed of layout {@code index} of a batch generated from {@code seed}. */
    public static long seedOf(long seed, int index) {
        return Dice.derive(seed, index);
    }

    /** The behaviour the layout for {@code seed} really exercises: the behaviour itself, or MIX's pick. */
    public static Behaviour resolve(Behaviour behaviour, long seed) {
        return concrete(behaviour, dice(behaviour, seed));
    }

    /** Each behaviour draws from its own stream, so one seed does not give every behaviour the same numbers. */
    private static Dice dice(Behaviour behaviour, long seed) {
        // String.hashCode is specified, so the stream stays the same on every JDK.
        return new Dice(Dice.mix(seed ^ Dice.mix(behaviour.kebabName().hashCode())));
    }

    /** MIX draws its behaviour first, from the same dice the recipe then goes on with. */
    private static Behaviour concrete(Behaviour behaviour, Dice dice) {
        return behaviour == Behaviour.MIX ? dice.pick(Behaviour.concrete()) : behaviour;
    }

    private static Layout recipe(Behaviour b, Dice d) {
        switch (b) {
            case PAGE_HAS_BUFFERS:
                return ReadRecipes.pageHasBuffers(d);
            case GET_BLOCK_ERROR:
                return d.chance(60) ? ReadRecipes.getBlockError(d) : WriteRecipes.getBlockError(d);
            case GET_BLOCK_UPTODATE:
                return ReadRecipes.getBlockUptodate(d);
            case HOLE_THEN_DATA:
                return d.chance(60) ? ReadRecipes.holeThenData(d) : WriteRecipes.holeThenData(d);
            case DISCONTIGUOUS:
                return d.chance(60) ? ReadRecipes.discontiguous(d) : WriteRecipes.discontiguous(d);
            case CLEANCACHE_HIT:
                return ReadRecipes.cleancacheHit(d);
            case BIO_ALLOC_FAILED:
                return d.chance(60) ? ReadRecipes.bioAllocFailed(d) : WriteRecipes.bioAllocFailed(d);
            case UNMAPPED_DIRTY_BUFFER:
                return WriteRecipes.unmappedDirtyBuffer(d);
            case BUFFER_NOT_DIRTY_OR_UPTODATE:
                return WriteRecipes.bufferNotDirty(d);
            case ALL_BUFFERS_UNMAPPED:
                return WriteRecipes.allBuffersUnmapped(d);
            case BEYOND_EOF:
                return WriteRecipes.beyondEof(d);
            case NOT_CONTIGUOUS_WITH_BIO:
                return d.chance(55) ? ReadRecipes.notContiguous(d) : WriteRecipes.notContiguous(d);
            case BIO_FULL:
                return d.chance(55) ? ReadRecipes.bioFull(d) : WriteRecipes.bioFull(d);
            case BOUNDARY:
                return d.chance(55) ? ReadRecipes.boundary(d) : WriteRecipes.boundary(d);
            case PARTIAL_PAGE:
                return d.chance(55) ? ReadRecipes.partialPage(d) : WriteRecipes.partialPage(d);
            case BOUNDARY_READ:
                return ReadRecipes.boundaryRead(d);
            case WRITE_BOUNDARY:
                return WriteRecipes.writeBoundary(d);
            case HOLE_ALLOCATION:
                return WriteRecipes.holeAllocation(d);
            case BAD_SECTOR:
                return d.chance(60) ? ReadRecipes.badSector(d) : WriteRecipes.badSector(d);
            default:
                throw new IllegalArgumentException("no recipe for " + b);
        }
    }

    /** The name of generated layout {@code index} of a batch, without extension: gen-BEHAVIOUR-SEED-I. */
    public static String name(Behaviour behaviour, long seed, int index) {
        return "gen-" + behaviour.kebabName() + "-" + seed + "-" + index;
    }

    /** The file the generate command (and the window) writes layout {@code index} of a batch to. */
    public static String fileName(Behaviour behaviour, long seed, int index) {
        return name(behaviour, seed, index) + ".layout.json";
    }
}
