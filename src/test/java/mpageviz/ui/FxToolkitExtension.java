package mpageviz.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Starts the JavaFX toolkit for tests that need it but no robot (through TestFX, never Platform.startup), and
 * runs code on the FX thread for them.
 */
public final class FxToolkitExtension implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    /** Runs {@code work} on the FX thread and returns its result, rethrowing what it threw. */
    public static <T> T call(Callable<T> work) throws Exception {
        try {
            return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception) {
                throw (Exception) e.getCause();
            }
            if (e.getCause() instanceof Error) {
                throw (Error) e.getCause();
            }
            throw e;
        }
    }

    /** Runs {@code work} on the FX thread. */
    public static void run(FxRunnable work) throws Exception {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** A piece of FX-thread work that may throw (assertions included). */
    @FunctionalInterface
    public interface FxRunnable {
        void run() throws Exception;
    }
}
