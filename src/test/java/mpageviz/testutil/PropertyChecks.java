package mpageviz.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import mpageviz.layout.Layout;
import mpageviz.layout.LayoutWriter;

/** Helpers for property bodies: failures carry the layout as JSON, so a shrunk counterexample can be replayed. */
public final class PropertyChecks {
    private PropertyChecks() {
    }

    /** A property body that may throw anything. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body}; an assertion failure or exception is rethrown with the layout's JSON appended. */
    public static void about(Layout layout, Body body) throws Exception {
        try {
            body.run();
        } catch (AssertionError e) {
            AssertionError wrapped = new AssertionError(e.getMessage() + "\nlayout:\n" + LayoutWriter.toJson(layout));
            wrapped.initCause(e);
            throw wrapped;
        } catch (Exception | Error e) {
            throw new AssertionError("run threw " + e + "\nlayout:\n" + LayoutWriter.toJson(layout), e);
        }
    }

    /** SHA-256 of a file's bytes. */
    public static String fileSha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
