package mpageviz.layout;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that nobody ever sees half of it: the bytes go to a temporary file in the same folder, which
 * then replaces the target in one rename. The temporary file gets the ordinary permissions a new file gets
 * (createTempFile would make it, and so the result, private to the owner).
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** What to write. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path file, Body body) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = null;
        for (int i = 0; tmp == null; i++) {
            Path candidate = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "." + i
                    + ".tmp");
            try {
                Files.createFile(candidate);
                tmp = candidate;
            } catch (FileAlreadyExistsException e) {
                if (i > 1000) {
                    throw e;
                }
            }
        }
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                body.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
