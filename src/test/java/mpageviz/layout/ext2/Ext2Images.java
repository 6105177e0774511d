package mpageviz.layout.ext2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import mpageviz.testutil.E2fsTools;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.junit.jupiter.api.Assumptions;

/**
 * Test images made with e2fsprogs: mke2fs to format, debugfs to populate, inspect ({@code stat}) and dump files.
 * Every test that needs the tools calls {@link #assumeTools()} first, so a machine without them skips the tests
 * with a message instead of failing.
 */
public final class Ext2Images {

    private Ext2Images() {
    }

    static final String NO_TOOLS = "mke2fs/debugfs (e2fsprogs) not found on PATH or in /sbin: ext2 image tests skipped";

    /** Whether mke2fs and debugfs can be run. */
    static boolean toolsPresent() {
        return tool("mke2fs") != null && tool("debugfs") != null;
    }

    /** Skips the calling JUnit test unless mke2fs and debugfs can be run. */
    public static void assumeTools() {
        Assumptions.assumeTrue(toolsPresent(), NO_TOOLS);
    }

    /** The same for jqwik containers: {@code @AddLifecycleHook(Ext2Images.RequiresTools.class)}. */
    static final class RequiresTools implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return toolsPresent() ? SkipResult.doNotSkip() : SkipResult.skip(NO_TOOLS);
        }
    }

    private static String tool(String name) {
        return E2fsTools.path(name);
    }

    /** Options of one test file system. */
    record Fs(int blockSize, int inodeSize, int rev, long blocks) {
        @Override
        public String toString() {
            return blockSize + "-byte blocks, " + inodeSize + "-byte inodes, rev " + rev;
        }
    }

    /** Formats {@code img} as ext2. */
    static Path mkfs(Path img, Fs fs) {
        List<String> cmd = new ArrayList<>(List.of(tool("mke2fs"), "-q", "-F", "-t", "ext2", "-b",
                String.valueOf(fs.blockSize())));
        if (fs.rev() == 0) {
            cmd.addAll(List.of("-r", "0"));
        } else {
            cmd.addAll(List.of("-I", String.valueOf(fs.inodeSize())));
        }
        cmd.addAll(List.of(img.toString(), String.valueOf(fs.blocks())));
        run(cmd, null);
        return img;
    }

    /** Formats {@code img} with mke2fs and the given options (ext2 unless they name another type with -t). */
    public static Path mkfs(Path img, long blocks, String... options) {
        List<String> cmd = new ArrayList<>(List.of(tool("mke2fs"), "-q", "-F"));
        if (!List.of(options).contains("-t")) {
            cmd.addAll(List.of("-t", "ext2"));
        }
        cmd.addAll(List.of(options));
        cmd.addAll(List.of(img.toString(), String.valueOf(blocks)));
        run(cmd, null);
        return img;
    }

    /** The "Name: value" lines of {@code debugfs stats}. */
    static Map<String, String> stats(Path img) {
        Map<String, String> out = new HashMap<>();
        for (String line : debugfs(img, false, "stats").split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith(" ")) {
                out.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    /** Runs debugfs commands, one per line, on {@code img} (writable when {@code write}); returns stdout. */
    public static String debugfs(Path img, boolean write, String... commands) {
        List<String> cmd = new ArrayList<>(List.of(tool("debugfs")));
        if (write) {
            cmd.add("-w");
        }
        cmd.addAll(List.of("-f", "-", img.toString()));
        return run(cmd, String.join("\n", commands) + "\n");
    }

    private static String run(List<String> cmd, String stdin) {
        return E2fsTools.run(cmd, stdin);
    }

    /**
     * What {@code debugfs stat} lists under BLOCKS: data blocks by logical block, indirect blocks in the order
     * listed (pre-order), their levels (1 IND, 2 DIND, 3 TIND), and for each data block the indirect blocks above
     * it, outermost first (debugfs lists each indirect block just before the blocks under it).
     */
    record Stat(TreeMap<Long, Long> data, List<Long> indirect, List<Integer> levels, Map<Long, List<Long>> chains) {
    }

    private static final Pattern ENTRY = Pattern.compile("\\((IND|DIND|TIND|\\d+(?:-\\d+)?)\\):(\\d+)(?:-(\\d+))?");

    static Stat stat(Path img, String file, int blockSize) {
        long p = blockSize / 4;
        String out = debugfs(img, false, "stat " + file);
        int at = out.indexOf("BLOCKS:");
        int end = out.indexOf("TOTAL:", Math.max(at, 0));
        TreeMap<Long, Long> data = new TreeMap<>();
        List<Long> indirect = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        Map<Long, List<Long>> chains = new HashMap<>();
        if (at < 0) {
            return new Stat(data, indirect, levels, chains); // no blocks at all
        }
        long[] current = new long[4]; // the latest IND, DIND, TIND seen
        Matcher m = ENTRY.matcher(out.substring(at, end < 0 ? out.length() : end));
        while (m.find()) {
            String what = m.group(1);
            long first = Long.parseLong(m.group(2));
            switch (what) {
                case "IND":
                case "DIND":
                case "TIND":
                    int level = "IND".equals(what) ? 1 : "DIND".equals(what) ? 2 : 3;
                    indirect.add(first);
                    levels.add(level);
                    current[level] = first;
                    break;
                default:
                    String[] range = what.split("-");
                    long l0 = Long.parseLong(range[0]);
                    long l1 = range.length > 1 ? Long.parseLong(range[1]) : l0;
                    long p1 = m.group(3) != null ? Long.parseLong(m.group(3)) : first;
                    assertEquals(l1 - l0, p1 - first, "debugfs stat range " + m.group());
                    for (long l = l0; l <= l1; l++) {
                        data.put(l, first + (l - l0));
                        int depth = l < 12 ? 0 : l < 12 + p ? 1 : l < 12 + p + p * p ? 2 : 3;
                        List<Long> chain = new ArrayList<>();
                        for (int lv = depth; lv >= 1; lv--) {
                            chain.add(current[lv]);
                        }
                        chains.put(l, chain);
                    }
            }
        }
        return new Stat(data, indirect, levels, chains);
    }

    /** The file's bytes as {@code debugfs dump} writes them. */
    static byte[] dump(Path img, String file, Path tmpDir) {
        try {
            Path out = Files.createTempFile(tmpDir, "dump-", ".bin");
            debugfs(img, false, "dump " + file + " " + out);
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A local file of {@code size} bytes with random data in the given block ranges and holes elsewhere. */
    public static Path sparseFile(Path dir, String name, long size, int blockSize, long seed, long[]... blockRanges) {
        Path f = dir.resolve(name);
        Random r = new Random(seed);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(size);
            for (long[] range : blockRanges) {
                long from = range[0] * blockSize;
                long to = Math.min((range[1] + 1) * blockSize, size);
                byte[] chunk = new byte[(int) (to - from)];
                r.nextBytes(chunk);
                // A block of zeros would itself become a hole: keep every block non-zero.
                for (int i = 0; i < chunk.length; i += 512) {
                    chunk[i] |= 1;
                }
                raf.seek(from);
                raf.write(chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    /** A local file of {@code size} random (non-sparse) bytes. */
    static Path denseFile(Path dir, String name, long size, int blockSize, long seed) {
        long blocks = (size + blockSize - 1) / blockSize;
        return sparseFile(dir, name, size, blockSize, seed, new long[] {0, Math.max(0, blocks - 1)});
    }

    /** Overwrites bytes of a file at {@code offset}. */
    public static void poke(Path file, long offset, byte... bytes) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            raf.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pokeU32(Path file, long offset, long value) {
        poke(file, offset, (byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24));
    }

    static void pokeU16(Path file, long offset, int value) {
        poke(file, offset, (byte) value, (byte) (value >> 8));
    }

    /** An image and the local files its regular files were copied from, by path in the image. */
    record Fixture(Path image, Fs fs, Map<String, Path> sources) {
        /** Logical blocks of the first triple-indirect block: 12 + p + p². */
        long tripleStart() {
            long p = fs.blockSize() / 4;
            return 12 + p + p * p;
        }
    }

    /** Files of the standard fixture, each exercising one part of the block map. */
    static final List<String> STANDARD_FILES = List.of("/small", "/twelve", "/dind", "/holes", "/frag", "/a", "/c",
            "/sub/nested", "/tind");

    /**
     * Formats an image and fills it: a small file, one past the direct blocks, one into the double-indirect range,
     * one with holes at every level, one fragmented by deleting files written before it, one in a subdirectory,
     * an empty one and a sparse one reaching the triple-indirect range.
     */
    static Fixture standard(Path dir, Fs fs) {
        int bs = fs.blockSize();
        long p = bs / 4;
        Path img = mkfs(dir.resolve("fs-" + bs + "-" + fs.inodeSize() + "-r" + fs.rev() + ".img"), fs);
        Path src = dir.resolve("src-" + bs + "-" + fs.inodeSize() + "-r" + fs.rev());
        try {
            Files.createDirectories(src);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Path> sources = new java.util.LinkedHashMap<>();
        sources.put("/small", denseFile(src, "small", 3000, bs, 1));
        sources.put("/twelve", denseFile(src, "twelve", 40L * bs + 100, bs, 2));
        sources.put("/dind", denseFile(src, "dind", (12 + 3 * p + 5) * bs, bs, 3));
        long dindFirst = 12 + p;
        sources.put("/holes", sparseFile(src, "holes", (dindFirst + p + 40) * bs + 10, bs, 4,
                new long[] {0, 1}, new long[] {5, 5}, new long[] {11, 13}, new long[] {dindFirst - 1, dindFirst - 1},
                new long[] {dindFirst + 3, dindFirst + 4}, new long[] {dindFirst + p - 1, dindFirst + p + 2}));
        for (String name : List.of("a", "b", "c", "d", "e")) {
            sources.put("/" + name, denseFile(src, name, 8L * bs, bs, name.charAt(0)));
        }
        sources.put("/frag", denseFile(src, "frag", 40L * bs + 7, bs, 5));
        sources.put("/sub/nested", denseFile(src, "nested", 20L * bs, bs, 6));
        sources.put("/empty", denseFile(src, "empty", 0, bs, 7));
        long t = 12 + p + p * p;
        sources.put("/tind", sparseFile(src, "tind", (t + 8) * bs - 100, bs, 8, new long[] {0, 1},
                new long[] {t + 5, t + 7}));
        List<String> cmds = new ArrayList<>();
        for (String name : List.of("/small", "/twelve", "/dind", "/holes", "/a", "/b", "/c", "/d", "/e")) {
            cmds.add("write " + sources.get(name) + " " + name.substring(1));
        }
        // Freeing b and d leaves two 8-block gaps (and their neighbours a, c, e in place): frag spreads over them.
        cmds.addAll(List.of("rm b", "rm d", "write " + sources.get("/frag") + " frag", "mkdir sub",
                "write " + sources.get("/sub/nested") + " sub/nested", "write " + sources.get("/empty") + " empty",
                "write " + sources.get("/tind") + " tind"));
        debugfs(img, true, cmds.toArray(new String[0]));
        sources.remove("/b");
        sources.remove("/d");
        return new Fixture(img, fs, sources);
    }
}
