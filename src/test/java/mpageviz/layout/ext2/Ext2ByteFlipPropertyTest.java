package mpageviz.layout.ext2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mpageviz.engine.Runner;
import mpageviz.layout.Layout;
import mpageviz.layout.LayoutValidator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Flips random bytes of a small (1 MiB) image, mostly in its metadata (superblock, descriptors, inode table,
 * directory and indirect blocks), then lists every directory and builds a layout of every regular file. Each try
 * must end within a second in clean {@link Ext2Exception}s or valid layouts that run.
 */
@AddLifecycleHook(Ext2Images.RequiresTools.class)
class Ext2ByteFlipPropertyTest {
    private static final int BS = 1024;
    private static final long BLOCKS = 1024;

    private static Path work;
    private static byte[] pristine;
    /** Byte ranges [start, end) worth corrupting; a flip lands in one of them or anywhere in the image. */
    private static final List<long[]> HOT = new ArrayList<>();

    /** One corruption: XOR {@code mask} into a byte of region {@code region} (HOT.size() = anywhere). */
    record Flip(int region, long offset, int mask) {
    }

    @BeforeContainer
    static void template() throws Exception {
        work = Files.createTempDirectory("ext2-flip-");
        Path img = Ext2Images.mkfs(work.resolve("template.img"), new Ext2Images.Fs(BS, 128, 1, BLOCKS));
        Path f = Ext2Images.denseFile(work, "f", 300L * BS + 9, BS, 1);
        Path h = Ext2Images.sparseFile(work, "h", 400L * BS, BS, 2, new long[] {0, 0}, new long[] {11, 12},
                new long[] {300, 301});
        Path s = Ext2Images.denseFile(work, "s", 5000, BS, 3);
        Ext2Images.debugfs(img, true, "write " + s + " gap1", "write " + f + " f", "write " + s + " gap2",
                "write " + h + " h", "rm gap1", "mkdir dir", "mkdir dir/sub", "write " + s + " dir/a",
                "write " + s + " dir/sub/b", "rm gap2", "write " + f + " dir/sub/frag", "symlink ln /dir/a");
        pristine = Files.readAllBytes(img);
        HOT.add(new long[] {1024, 2048});
        HOT.add(new long[] {2L * BS, 3L * BS});
        Matcher m = Pattern.compile("inode table at (\\d+)").matcher(Ext2Images.debugfs(img, false, "stats"));
        if (m.find()) {
            long table = Long.parseLong(m.group(1));
            HOT.add(new long[] {table * BS, (table + 3) * BS}); // inodes 1..24
        }
        for (String file : List.of("/", "/dir", "/dir/sub", "/f", "/h", "/dir/sub/frag")) {
            Ext2Images.Stat stat = Ext2Images.stat(img, file, BS);
            for (long block : stat.indirect()) {
                HOT.add(new long[] {block * BS, (block + 1) * BS});
            }
            if (file.startsWith("/dir") && !file.endsWith("frag") || file.equals("/")) {
                long block = stat.data().get(0L);
                HOT.add(new long[] {block * BS, (block + 1) * BS});
            }
        }
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        if (work != null) {
            try (var files = Files.walk(work)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Flip>> flips() {
        Arbitrary<Flip> one = Combinators.combine(Arbitraries.integers().between(0, HOT.size()),
                Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.integers().between(1, 255))
                .as(Flip::new);
        return one.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 200)
    void flippedBytes_giveCleanErrorsOrValidLayouts(@ForAll("flips") List<Flip> flips) throws Exception {
        byte[] bytes = pristine.clone();
        for (Flip f : flips) {
            long start = f.region() < HOT.size() ? HOT.get(f.region())[0] : 0;
            long end = f.region() < HOT.size() ? HOT.get(f.region())[1] : bytes.length;
            int at = (int) (start + f.offset() % (end - start));
            bytes[at] ^= (byte) f.mask();
        }
        Path img = work.resolve("try.img");
        Files.write(img, bytes);
        String outcome = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> exercise(img));
        Statistics.collect(outcome);
    }

    /**
     * Lists every directory reachable from "/" and builds (and runs) a layout of every regular file; says how it
     * went, for the statistics jqwik prints.
     */
    private static String exercise(Path img) throws Exception {
        Ext2Image image;
        try {
            image = Ext2Image.open(img);
        } catch (Ext2Exception e) {
            clean(e);
            return "image refused";
        }
        int errors = 0;
        int built = 0;
        try (image) {
            Deque<String> dirs = new ArrayDeque<>(List.of("/"));
            Set<Long> seen = new HashSet<>();
            int budget = 200; // a corrupt tree may name the same directory many times
            while (!dirs.isEmpty() && budget-- > 0) {
                String dir = dirs.pop();
                List<Ext2DirEntry> entries;
                try {
                    entries = image.list(dir);
                } catch (Ext2Exception e) {
                    clean(e);
                    errors++;
                    continue;
                }
                for (Ext2DirEntry e : entries) {
                    if (e.name().equals(".") || e.name().equals("..") || e.name().contains("/")
                            || e.name().isEmpty() || !seen.add(e.inode())) {
                        continue;
                    }
                    String path = (dir.equals("/") ? "" : dir) + "/" + e.name();
                    if (e.type().equals("dir")) {
                        dirs.push(path);
                    } else if (e.type().equals("file")) {
                        int ok = layouts(image, path);
                        built += ok;
                        errors += 2 - ok;
                    }
                }
            }
        }
        return errors == 0 ? "all valid" : built == 0 ? "only errors" : "errors and layouts";
    }

    /** Builds the readpages and writepages layouts of a file; returns how many were built. */
    private static int layouts(Ext2Image image, String path) throws IOException {
        int built = 0;
        for (Ext2LayoutBuilder.Call call : List.of(Ext2LayoutBuilder.Call.readpages(),
                Ext2LayoutBuilder.Call.writepages())) {
            Layout layout;
            try {
                layout = Ext2LayoutBuilder.build(image, path, call, 4096, null);
            } catch (Ext2Exception e) {
                clean(e);
                if (e.getMessage().contains("covers a hole")) {
                    built++; // /h has holes: refusing to write it is the expected answer
                }
                continue;
            }
            assertEquals(List.of(), LayoutValidator.problems(layout), path);
            built++;
            // Run the small ones: the engine must take whatever the importer accepts.
            if (layout.file().size() <= (1 << 20)) {
                Runner.Result r = Runner.run(layout, Runner.Options.quiet());
                r.summary();
                if (r.imageCopy()) {
                    Files.deleteIfExists(r.image());
                }
            }
        }
        return built;
    }

    private static void clean(Ext2Exception e) {
        String m = e.getMessage();
        assertFalse(m == null || m.isBlank() || m.contains("\n"), "an unclear message: " + m);
    }
}
