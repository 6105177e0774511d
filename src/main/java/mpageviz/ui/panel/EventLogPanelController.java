package mpageviz.ui.panel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import mpageviz.trace.EventCodec;
import mpageviz.trace.EventText;
import mpageviz.trace.Trace;
import mpageviz.ui.FxmlPart;
import mpageviz.ui.canvas.EventLogCanvas;
import mpageviz.ui.canvas.Palette;
import mpageviz.ui.run.PlaybackModel;
import mpageviz.view.RunState;

/**
 * Every event of the run in a virtualised list (drawn on a canvas, so millions of events cost what a few do),
 * filtered by kind or text. The event that made the current step is highlighted; events after the cursor are
 * dimmed; clicking one moves the cursor there.
 */
public final class EventLogPanelController extends FxmlPart<VBox> implements RunPanel {
    public static final String ALL_KINDS = "all kinds";

    @FXML private Label eventCountLabel;
    @FXML private ComboBox<String> kindFilterBox;
    @FXML private TextField searchField;
    @FXML private StackPane eventLogHolder;

    private final PlaybackModel model;
    private final EventRows items = new EventRows();
    private final EventLogCanvas log;
    private Trace trace;
    private EventFilter filter = EventFilter.ALL;
    // Events [0, scannedUpTo) of the trace have been through the filter into the rows.
    private int scannedUpTo;
    // Bumped whenever the filter or the trace changes, so a scan that finishes late is dropped.
    private int generation;
    private boolean scanning;
    private int backgroundAbove = 50_000;

    public EventLogPanelController(PlaybackModel model, Palette palette) {
        super("EventLogPanel.fxml");
        this.model = model;
        this.log = new EventLogCanvas(palette, () -> eventCountLabel.getFont().getSize());
        log.setId("eventLogCanvas");
        eventLogHolder.getChildren().add(log);
        List<String> kinds = new ArrayList<>(EventCodec.kinds());
        kinds.sort(null);
        kinds.add(0, ALL_KINDS);
        kindFilterBox.getItems().setAll(kinds);
        kindFilterBox.getSelectionModel().select(0);
        kindFilterBox.valueProperty().addListener(o -> refilter());
        searchField.textProperty().addListener(o -> refilter());
        searchField.setPromptText("search the events' text");
        log.setOnPick(row -> {
            model.pause();
            model.seek(items.get(row) + 1);
        });
    }

    public EventLogCanvas log() {
        return log;
    }

    /** The event each row shows, in order (for tests). */
    public int eventAtRow(int row) {
        return items.get(row);
    }

    /**
     * Filters more than {@code events} new events at a time on a worker thread, so typing in the search box never
     * stalls the window on a long trace (tests lower it to reach that path with a small run).
     */
    public void scanInBackgroundAbove(int events) {
        backgroundAbove = events;
    }

    @Override
    public void render(RunState s) {
        Trace t = model.session().trace();
        if (t != trace) {
            trace = t;
            restart();
        } else if (t.publishedSize() != scannedUpTo) {
            scanNew();
        }
        draw();
    }

    private void draw() {
        if (trace == null) {
            return;
        }
        int n = trace.publishedSize();
        eventCountLabel.setText(n + " events" + (model.session().finished() ? "" : " so far")
                + (scanning ? ", searching…" : "") + (items.size() != n ? ", " + items.size() + " shown" : ""));
        int step = model.getStep();
        int currentRow = items.positionOf(step - 1);
        int futureRow = firstRowAtOrAfter(step);
        Trace t = trace;
        log.show(items.size(), row -> EventText.describe(items.get(row), t.get(items.get(row))), currentRow,
                futureRow);
    }

    /** The first row whose event is at or after {@code seq} (rows are in event order). */
    private int firstRowAtOrAfter(int seq) {
        int lo = 0;
        int hi = items.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (items.get(mid) < seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void refilter() {
        filter = EventFilter.of(kindFilterBox.getValue(), searchField.getText(), ALL_KINDS);
        restart();
        draw();
    }

    private void restart() {
        generation++;
        scannedUpTo = 0;
        items.showOnly(new int[0], 0);
        scanning = false;
        scanNew();
    }

    /** Brings the rows up to the events published so far; only the events not yet filtered are looked at. */
    private void scanNew() {
        if (trace == null) {
            return;
        }
        int n = trace.publishedSize();
        if (filter.keepsAll()) {
            items.showAll(n);
            scannedUpTo = n;
            return;
        }
        if (scanning || n == scannedUpTo) {
            return;
        }
        int from = scannedUpTo;
        if (n - from <= backgroundAbove) {
            items.keepMore(filter.scan(trace, from, n));
            scannedUpTo = n;
            return;
        }
        scanning = true;
        int gen = generation;
        Trace t = trace;
        EventFilter f = filter;
        SCANNER.execute(() -> {
            int[] kept = f.scan(t, from, n);
            Platform.runLater(() -> {
                if (gen != generation) {
                    return;
                }
                scanning = false;
                items.keepMore(kept);
                scannedUpTo = n;
                scanNew();
                draw();
            });
        });
    }

    /** Whether a search over a long trace is still running (the count label says so too). */
    public boolean searching() {
        return scanning;
    }

    private static final ExecutorService SCANNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "event-log-search");
        t.setDaemon(true);
        return t;
    });
}
