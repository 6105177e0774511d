package mpageviz.layout.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import mpageviz.layout.Layout;
import mpageviz.layout.LayoutWriter;

/**
 * Pins what the generator writes: users keep problem sets as (behaviour, seed, count), so a refactoring that changes
 * the order or number of random draws, a note, or the JSON would silently hand them different layouts.
 *
 * <p>For every behaviour (MIX included) this hashes {@code LayoutWriter.toJson} of the layouts that
 * {@code generate --seed N --count 3 --behaviour NAME} writes for N = 1..40, and compares with {@link #PINNED}.
 *
 * <p>To change the output on purpose (a recipe fix, a new note, a layout-format change): say so in the commit
 * message, since every saved seed then gives other files, run this test, and replace the lines of {@link #PINNED}
 * with the ones the failure message prints.
 */
class GeneratedBytesTest {
    private static final int SEEDS = 40;
    private static final int COUNT = 3;

    /** "behaviour sha256" per line, sorted by name: the output as main wrote it at 4589dd2. */
    private static final String PINNED = """
            all-buffers-unmapped aa364c7bfbba45bccfe626367f5762e97cd349d44b0943076f35533414b19541
            bad-sector f8b6dba5499851b05ddf24b26db2ed2b949555280a88a78bc2fb35c82749b476
            beyond-eof ed06ff08420f709c4d856c9e6f9dbdc27dadd82228ed953a2d1eb84e255b1199
            bio-alloc-failed 7f90c498b9171b16ca896379ad0f5ce2909923b61842e0dd5b3c82fea116ad6d
            bio-full 7c489de9ab1429350e1c26586fac90428263117bda78e5713410c742908c7b38
            boundary 80390b9bd9e7c8582e203ccc16a252bff3f130f5ed53397744348d4c72a240c2
            boundary-read 40a13711ba61548779155a1d38683ad40c85bdaae2645ca70c7d9d3ac34fa24f
            buffer-not-dirty-or-uptodate 41c0f4dce1056f63f43dedadaf95c49a95c031d6c2cf22e718a9072e5dc3cdf9
            cleancache-hit 76e5d2519d6dc8c197093f684c36e34cce23843d25f9f462b5cf5b0a88be9667
            discontiguous bec4a6eb802c095b793f7a8c9f4fbbfae7e70b1e99cb097acc802555211c516b
            get-block-error c84a43632dda87226e2190de7eecdbc4f56510d57e3b9fec0d70c4a601742cf9
            get-block-uptodate b5cb09b693c34c776d717054d9db608943fc7c1a21c718e03d1115b1204fd769
            hole-allocation 98c56607e94acf5affbea3fba526ed9222f3c43ea0b5fc7678e08c40048be184
            hole-then-data 198dced5dcf5e692ba28af517c1c301d486896b88d47aa903d59431154a0e79c
            mix 5107126db1d7c027cb15fa34e74b7fd9bb9b6a78443b0f3fc0451abfc745c935
            not-contiguous-with-bio 9fede46a5a31fd7ed35f408b31f696c08f2ca4f799b1d051900c8b5fa2618311
            page-has-buffers 0e272c9924630a63e3fddff91eecaea0a13c4e8b63cb0de71fb4022091de6c18
            partial-page 3d81b01d6f268102c01cb41273bc00a8a34708103334e00e92377cc06a1161d6
            unmapped-dirty-buffer 398b5448af67d05cf862d0c75310ca83fb58f64ab519c3e0549af0b816037650
            write-boundary c3ee0e8979f548534fcc15541c6289ec03a1f9a4f780a8fd1a1be3b637d78e30
            """;

    @Test
    void everyBehaviour_seeds1To40_giveThePinnedBytes() throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        for (Behaviour b : Behaviour.values()) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (long seed = 1; seed <= SEEDS; seed++) {
                for (Layout layout : LayoutGenerator.generate(b, seed, COUNT)) {
                    md.update(LayoutWriter.toJson(layout).getBytes(StandardCharsets.UTF_8));
                }
            }
            hashes.put(b.kebabName(), HexFormat.of().formatHex(md.digest()));
        }
        StringBuilder actual = new StringBuilder();
        hashes.forEach((name, hash) -> actual.append(name).append(' ').append(hash).append('\n'));
        // The message indents the table as PINNED's text block is, ready to paste.
        assertEquals(PINNED, actual.toString(), "generated layouts changed; if on purpose, replace PINNED with:\n"
                + actual.toString().indent(12));
    }
}
