package mpageviz.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds and runs the e2fsprogs tools (mke2fs, debugfs, e2fsck) that the ext2 tests build images with. */
public final class E2fsTools {
    /** Where Debian keeps them, for a PATH without the sbin folders. */
    private static final String[] DIRS = {"/sbin", "/usr/sbin", "/bin", "/usr/bin", "/usr/local/sbin"};

    private E2fsTools() {
    }

    /** The tool's full path, or null when it is not installed. */
    public static String path(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of(DIRS));
        for (String d : dirs) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                return Path.of(d, name).toString();
            }
        }
        return null;
    }

    /** PATH with the folders e2fsprogs lives in, for shell lines that name the tools bare. */
    public static String searchPath() {
        return System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":" + String.join(":", DIRS);
    }

    /**
     * Runs a command (stdin may be null) and returns what it printed. Fails on a non-zero exit, and on any line
     * on stderr other than debugfs's banner: debugfs exits 0 even when one of its commands failed.
     */
    public static String run(List<String> cmd, String stdin) {
        try {
            Path err = Files.createTempFile("e2fs-tool-", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
                pb.environment().put("E2FSPROGS_SKIP_PROGRESS", "1");
                Process p = pb.start();
                if (stdin != null) {
                    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
                }
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(cmd + ": timed out");
                }
                String errText = Files.readString(err);
                for (String line : errText.split("\n")) {
                    if (!line.isBlank() && !line.startsWith("debugfs ") && !line.contains("cannot handle dates")) {
                        throw new IllegalStateException(cmd + ": " + line);
                    }
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException(cmd + ": exit " + p.exitValue() + ": " + errText);
                }
                return out;
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
