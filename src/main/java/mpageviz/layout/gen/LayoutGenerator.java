package mpageviz.layout.gen;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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

    /** Makes one layout from the dice. */
    @FunctionalInterface
    private interface Recipe {
        Layout make(Dice d);
    }

    /** The recipe of each concrete behaviour; one that mpage shows on both paths first draws read or write. */
    private static final Map<Behaviour, Recipe> RECIPES = recipes();

    private static Map<Behaviour, Recipe> recipes() {
        Map<Behaviour, Recipe> m = new EnumMap<>(Behaviour.class);
        m.put(Behaviour.PAGE_HAS_BUFFERS, ReadFallbackRecipes::pageHasBuffers);
        m.put(Behaviour.GET_BLOCK_ERROR,
                either(60, ReadFallbackRecipes::getBlockError, WriteMappingRecipes::getBlockError));
        m.put(Behaviour.GET_BLOCK_UPTODATE, ReadFallbackRecipes::getBlockUptodate);
        m.put(Behaviour.HOLE_THEN_DATA,
                either(60, ReadFallbackRecipes::holeThenData, WriteBufferRecipes::holeThenData));
        m.put(Behaviour.DISCONTIGUOUS,
                either(60, ReadFallbackRecipes::discontiguous, WriteMappingRecipes::discontiguous));
        m.put(Behaviour.CLEANCACHE_HIT, ReadFallbackRecipes::cleancacheHit);
        m.put(Behaviour.BIO_ALLOC_FAILED, either(60, ReadBioRecipes::bioAllocFailed, WriteBioRecipes::bioAllocFailed));
        m.put(Behaviour.UNMAPPED_DIRTY_BUFFER, WriteBufferRecipes::unmappedDirtyBuffer);
        m.put(Behaviour.BUFFER_NOT_DIRTY_OR_UPTODATE, WriteBufferRecipes::bufferNotDirty);
        m.put(Behaviour.ALL_BUFFERS_UNMAPPED, WriteBufferRecipes::allBuffersUnmapped);
        m.put(Behaviour.BEYOND_EOF, WriteMappingRecipes::beyondEof);
        m.put(Behaviour.NOT_CONTIGUOUS_WITH_BIO,
                either(55, ReadBioRecipes::notContiguous, WriteBioRecipes::notContiguous));
        m.put(Behaviour.BIO_FULL, either(55, ReadBioRecipes::bioFull, WriteBioRecipes::bioFull));
        m.put(Behaviour.BOUNDARY, either(55, ReadBioRecipes::boundary, WriteBioRecipes::boundary));
        m.put(Behaviour.PARTIAL_PAGE, either(55, ReadBioRecipes::partialPage, WriteBioRecipes::partialPage));
        m.put(Behaviour.BOUNDARY_READ, ReadBioRecipes::boundaryRead);
        m.put(Behaviour.WRITE_BOUNDARY, WriteBioRecipes::writeBoundary);
        m.put(Behaviour.HOLE_ALLOCATION, WriteMappingRecipes::holeAllocation);
        m.put(Behaviour.BAD_SECTOR, either(60, ReadBioRecipes::badSector, WriteBioRecipes::badSector));
        return m;
    }

    /** The read recipe {@code readPercent}% of the time, else the write one; the choice is the first draw. */
    private static Recipe either(int readPercent, Recipe read, Recipe write) {
        return d -> d.chance(readPercent) ? read.make(d) : write.make(d);
    }

    private static Layout recipe(Behaviour b, Dice d) {
        Recipe r = RECIPES.get(b);
        if (r == null) {
            throw new IllegalArgumentException("no recipe for " + b);
        }
        return r.make(d);
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
