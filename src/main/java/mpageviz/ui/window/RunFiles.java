package mpageviz.ui.window;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;

import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;

import mpageviz.layout.LayoutReader;
import mpageviz.trace.TraceFile;
import mpageviz.ui.dialog.Ext2ImportDialog;
import mpageviz.ui.run.Jobs;
import mpageviz.ui.run.PlaybackModel;
import mpageviz.ui.run.Session;
import mpageviz.ui.samples.SampleCatalog;

/**
 * The File menu's ways into a run and out of one: layout files, the bundled samples, a file inside an ext2 image,
 * and traces imported or exported. Reading and writing run as {@link Jobs} off the FX thread; what they read
 * starts a run through {@link CurrentRun}, and a failure is reported while the current run stays.
 */
final class RunFiles {
    private final Jobs jobs;
    private final PlaybackModel model;
    private final CurrentRun run;
    private final StatusLine status;
    private final FileChoosers choosers;
    private final Supplier<Window> owner;

    RunFiles(Jobs jobs, PlaybackModel model, CurrentRun run, StatusLine status, FileChoosers choosers,
            Supplier<Window> owner) {
        this.jobs = jobs;
        this.model = model;
        this.run = run;
        this.status = status;
        this.choosers = choosers;
        this.owner = owner;
    }

    /** File ▸ Samples: one item per bundled sample, "NAME — title". */
    void fillSamplesMenu(Menu samplesMenu) {
        for (SampleCatalog.Sample s : SampleCatalog.list()) {
            MenuItem item = new MenuItem(s.name().replace(".layout.json", "") + "  \u2014  " + s.title());
            item.setId("sample-" + s.name());
            item.setOnAction(e -> openSample(s.name()));
            samplesMenu.getItems().add(item);
        }
    }

    /** Asks for a layout file and opens it. */
    void openLayout() {
        Path f = choosers.open("Open a layout", ".layout.json", ".json");
        if (f != null) {
            openLayoutFile(f);
        }
    }

    /** Reads a layout file off the FX thread; a bad one is reported and the current run stays. */
    void openLayoutFile(Path file) {
        jobs.submit("Reading " + file.getFileName(), Jobs.plain(() -> LayoutReader.read(file)),
                layout -> run.show(layout, file, null, file.getFileName().toString()),
                error -> status.showError("Cannot open " + file.getFileName(), error));
    }

    void openSample(String name) {
        jobs.submit("Reading sample " + name, Jobs.plain(() -> SampleCatalog.load(name)),
                layout -> run.show(layout, null, null, name),
                error -> status.showError("Cannot open sample " + name, error));
    }

    /** Asks for an ext2 image and imports a file from it. */
    void importExt2() {
        Path f = choosers.open("Import a file from an ext2 image", ".img", ".ext2");
        if (f != null) {
            importFromExt2(f);
        }
    }

    /**
     * Opens an ext2 image off the FX thread and, if it reads as ext2, the dialog that picks one of its files; the
     * layout built from it starts a run named IMAGE:PATH. A bad image is reported and the current run stays.
     */
    void importFromExt2(Path imageFile) {
        String name = String.valueOf(imageFile.getFileName());
        jobs.submit("Opening " + name, Jobs.plain(() -> Ext2ImportDialog.Source.open(imageFile)),
                source -> {
                    Ext2ImportDialog d = new Ext2ImportDialog(source, jobs, owner.get());
                    d.setOnHidden(e -> {
                        if (d.getResult() != null) {
                            run.show(d.getResult(), null, null, name + ":" + d.importedPath());
                        }
                    });
                    d.show();
                },
                error -> status.showError("Cannot import from " + name, error));
    }

    /** Asks for a trace file and replays it. */
    void importTrace() {
        Path f = choosers.open("Import a trace", ".trace.json", ".json");
        if (f != null) {
            importTraceFile(f);
        }
    }

    void importTraceFile(Path file) {
        jobs.submit("Importing " + file.getFileName(), Jobs.plain(() -> TraceFile.load(file)),
                trace -> run.replay(trace, file.getFileName().toString()),
                error -> status.showError("Cannot import " + file.getFileName(), error));
    }

    /** Asks where to write the trace, proposing the run's name. */
    void exportTrace() {
        Path f = choosers.save("Export the trace", "json", run.name().replace(".layout.json", "") + ".trace.json");
        if (f != null) {
            exportTraceFile(f);
        }
    }

    /** Writes the whole run's trace (letting a live run finish first) to a temporary name, then renames it. */
    void exportTraceFile(Path file) {
        Session s = model.session();
        s.runToEnd();
        jobs.submit("Exporting " + file.getFileName(), job -> {
            while (!s.finished()) {
                Thread.sleep(5);
            }
            if (s.failure() != null) {
                throw new IOException("the run failed: " + s.failure().getMessage(), s.failure());
            }
            TraceFile.save(s.trace(), file);
            return file;
        }, f -> model.poll(), error -> status.showError("Cannot export the trace", error));
    }
}
