package mpageviz.ui.panel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
import mpageviz.ui.PlaybackModel;
import mpageviz.ui.canvas.EventLogCanvas;
import mpageviz.ui.canvas.Palette;
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
    private int shownUpTo = -1;

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

    @Override
    public void render(RunState s) {
        Trace t = model.session().trace();
        int n = t.publishedSize();
        if (t != trace || n != shownUpTo) {
            trace = t;
            shownUpTo = n;
            refilter();
        }
        draw();
    }

    private void draw() {
        if (trace == null) {
            return;
        }
        int n = trace.publishedSize();
        eventCountLabel.setText(n + " events" + (model.session().finished() ? "" : " so far")
                + (items.size() != n ? ", " + items.size() + " shown" : ""));
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
        if (trace == null) {
            return;
        }
        int n = trace.publishedSize();
        String kind = kindFilterBox.getValue();
        String text = searchField.getText() == null ? "" : searchField.getText().trim().toLowerCase(Locale.ROOT);
        if ((kind == null || ALL_KINDS.equals(kind)) && text.isEmpty()) {
            items.showAll(n);
        } else {
            int[] kept = new int[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                var e = trace.get(i);
                if (kind != null && !ALL_KINDS.equals(kind) && !kind.equals(e.kind())) {
                    continue;
                }
                if (!text.isEmpty() && !EventText.describe(i, e).toLowerCase(Locale.ROOT).contains(text)) {
                    continue;
                }
                kept[k++] = i;
            }
            items.showOnly(kept, k);
        }
        draw();
    }
}
