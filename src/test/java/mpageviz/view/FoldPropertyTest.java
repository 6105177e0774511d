package mpageviz.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import mpageviz.kernel.PageFlag;
import mpageviz.layout.Layout;
import mpageviz.testutil.RandomLayouts;
import mpageviz.testutil.Traces;
import mpageviz.trace.Summary;
import mpageviz.trace.Trace;

/**
 * For any layout (faults, writes, every block-layer setting), the picture at the last step, folded from the
 * events alone, has the engine's final page flags and bytes, its served requests and its totals.
 */
class FoldPropertyTest {

    @Provide
    Arbitrary<Layout> layouts() {
        return RandomLayouts.any();
    }

    @Property(tries = 200)
    void finalFold_matchesTheEngine(@ForAll("layouts") Layout layout) throws Exception {
        Trace trace = Traces.traced(layout);
        RunState end = new RunHistory(trace, 64).stateAt(trace.publishedSize());
        Summary summary = trace.summary();
        int pageSize = layout.geometry().pageSize();
        PageBytes.Disk disk = layout.device().image() == null
                ? PageBytes.synthetic(layout.geometry().blockSize()) : file(Path.of(layout.device().image()));
        for (Summary.PageResult p : summary.pages()) {
            PageView v = end.page(p.index());
            assertNotNull(v, "page " + p.index());
            assertEquals(p.flags(), PageFlag.names(v.flags()), "page " + p.index() + " flags");
            if (!layout.run().isWrite()) {
                // a read run leaves the image as it was, so rebuilding bytes from it is exact
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(PageBytes.of(v, pageSize, disk)));
                assertEquals(p.sha256(), sha, "page " + p.index() + " bytes");
            }
        }
        assertEquals(summary.requests().size(), end.servedCount());
        for (int i = 0; i < summary.requests().size(); i++) {
            RequestView r = end.request(end.served().get(i));
            assertEquals(summary.requests().get(i).sector(), r.sector(), "request " + i);
            assertEquals(summary.requests().get(i).sectors(), r.sectors(), "request " + i);
        }
        assertEquals(summary.stats().seekSectors(), end.counters().seekSectors());
        assertEquals(summary.stats().fallbackPages(), end.counters().fallbackPages());
        assertEquals(summary.stats().bios(), end.counters().biosSubmitted());
    }

    private static PageBytes.Disk file(Path image) {
        return (offset, dst, off, len) -> {
            try (FileChannel ch = FileChannel.open(image)) {
                ch.read(ByteBuffer.wrap(dst, off, len), offset);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
