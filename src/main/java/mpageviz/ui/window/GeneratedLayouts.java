package mpageviz.ui.window;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import javafx.stage.Window;

import mpageviz.layout.LayoutWriter;
import mpageviz.ui.dialog.GenerateDialog;
import mpageviz.ui.run.Jobs;

/**
 * Run ▸ Generate layouts: the generator dialog, then either the batch's first layout as a run or the whole batch
 * saved in a folder under the names the command line's generate gives them. Generating runs off the FX thread.
 */
final class GeneratedLayouts {
    private final Jobs jobs;
    private final CurrentRun run;
    private final StatusLine status;
    private final FileChoosers choosers;
    private final Supplier<Window> owner;

    GeneratedLayouts(Jobs jobs, CurrentRun run, StatusLine status, FileChoosers choosers, Supplier<Window> owner) {
        this.jobs = jobs;
        this.run = run;
        this.status = status;
        this.choosers = choosers;
        this.owner = owner;
    }

    /** The generator dialog, not modal to the test thread: its choice is acted on when it closes. */
    GenerateDialog showDialog() {
        GenerateDialog d = new GenerateDialog(owner.get());
        d.setOnHidden(e -> {
            GenerateDialog.Choice batch = d.getResult();
            if (batch == null) {
                return;
            }
            if (batch.action() == GenerateDialog.Action.OPEN_FIRST) {
                openFirst(batch);
            } else {
                Path folder = choosers.folder("Save " + batch.count() + " generated layouts in");
                if (folder != null) {
                    save(batch, folder);
                }
            }
        });
        d.show();
        return d;
    }

    /** Generates layout #0 of a batch and runs it at once. */
    private void openFirst(GenerateDialog.Choice batch) {
        jobs.submit("Generating " + batch.name(0), Jobs.plain(() -> batch.layout(0)),
                layout -> run.show(layout, null, null, batch.name(0)),
                error -> status.showError("Cannot generate " + batch.name(0), error));
    }

    /** Generates a whole batch off the FX thread and saves it into {@code folder} under the command line's names. */
    void save(GenerateDialog.Choice batch, Path folder) {
        jobs.<Integer>submit("Saving " + batch.count() + " generated layouts", job -> {
            Files.createDirectories(folder);
            for (int i = 0; i < batch.count(); i++) {
                if (job.isCancelled()) {
                    return i;
                }
                job.message("Saving " + batch.fileName(i));
                LayoutWriter.save(batch.layout(i), folder.resolve(batch.fileName(i)));
                job.progress((i + 1.0) / batch.count());
            }
            return batch.count();
        }, n -> status.say("Saved " + n + " generated layout" + (n == 1 ? "" : "s") + " in " + folder),
                error -> status.showError("Cannot save the generated layouts", error));
    }
}
