package mpageviz.ui.run;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;

/**
 * One-shot work off the FX thread (loading, importing, exporting): a {@link Task} whose results come back on the
 * FX thread. The job running now is observable so the status bar can show its progress. Tests use
 * {@link #synchronous()}, which runs everything at once on the calling thread.
 */
public class Jobs {
    private final ExecutorService executor;
    private final ReadOnlyObjectWrapper<Task<?>> current = new ReadOnlyObjectWrapper<>(this, "current");

    protected Jobs(ExecutorService executor) {
        this.executor = executor;
    }

    public static Jobs background() {
        return new Jobs(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mpage-jobs");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Runs every job on the calling thread, handlers included (tests). */
    public static Jobs synchronous() {
        return new Jobs(null);
    }

    public ReadOnlyObjectProperty<Task<?>> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** Work that reports progress through the task it is given. */
    public interface Work<T> {
        T run(Job<T> job) throws Exception;
    }

    /** The task a piece of work runs in: it may report progress and must check {@link #isCancelled()}. */
    public abstract static class Job<T> extends Task<T> {
        /** Progress from 0 to 1 (negative: unknown). */
        public void progress(double fraction) {
            updateProgress(fraction < 0 ? -1 : fraction, fraction < 0 ? -1 : 1);
        }

        public void message(String text) {
            updateMessage(text);
        }
    }

    public <T> Job<T> submit(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Job<T> task = new Job<>() {
            @Override
            protected T call() throws Exception {
                updateTitle(title);
                updateMessage(title);
                return work.run(this);
            }
        };
        if (executor == null) {
            T value;
            try {
                value = work.run(task);
            } catch (Throwable t) {
                onFailure.accept(t);
                return task;
            }
            onSuccess.accept(value);
            return task;
        }
        task.setOnSucceeded(e -> {
            current.set(null);
            onSuccess.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            current.set(null);
            onFailure.accept(task.getException());
        });
        task.setOnCancelled(e -> current.set(null));
        current.set(task);
        executor.submit(task);
        return task;
    }

    /** A callable as work that reports nothing. */
    public static <T> Work<T> plain(Callable<T> c) {
        return job -> c.call();
    }
}
