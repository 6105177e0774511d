package mpageviz.ui.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import mpageviz.layout.Layout.Allocator;
import mpageviz.layout.Layout.BufferSpec;
import mpageviz.layout.Layout.GetBlockError;
import mpageviz.layout.Layout.MetadataBlock;
import mpageviz.layout.Layout.SectorRange;

/** The builder's text forms read back what they write. */
class LayoutBuilderNotationTest {
    @Test
    void buffers_roundTrip() {
        List<BufferSpec> buffers = List.of(new BufferSpec(List.of("mapped", "uptodate"), 240L),
                new BufferSpec(List.of(), null), new BufferSpec(List.of("new"), null));
        String text = BuilderNotation.buffers(buffers);
        assertEquals("mapped,uptodate@240 - new", text);
        assertEquals(buffers, BuilderNotation.parseBuffers(text));
        assertNull(BuilderNotation.parseBuffers("  "));
    }

    @Test
    void lists_roundTrip() {
        assertEquals(List.of(3L, 7L), BuilderNotation.parseLongs("3, 7"));
        assertEquals(List.of(new GetBlockError(9, "EIO")), BuilderNotation.parseErrors("9:EIO"));
        assertEquals(List.of(new SectorRange(1700, 8)), BuilderNotation.parseSectorRanges("1700+8"));
        assertEquals(new Allocator(4000, 4095), BuilderNotation.parseAllocator("4000..4095"));
        MetadataBlock m = new MetadataBlock(1012, 12, 267, true, false);
        assertEquals("1012: 12..267 cached", BuilderNotation.metadata(m));
        assertEquals(m, BuilderNotation.parseMetadata(BuilderNotation.metadata(m)));
    }

    @Test
    void badText_saysWhatIsExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuilderNotation.parseSectorRanges("1700"));
        assertEquals("\"1700\" is not start+count (for example 1700+8)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BuilderNotation.parseLongs("x"));
    }
}
