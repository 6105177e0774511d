package mpageviz.ui.panel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

import mpageviz.trace.EventCodec;
import mpageviz.trace.EventText;
import mpageviz.trace.Trace;
import mpageviz.ui.EventIndexList;
import mpageviz.ui.FxmlPart;
import mpageviz.ui.PlaybackModel;
import mpageviz.view.RunState;

/**
 * Every event of the run in a virtualised list, filtered by kind or text. The event that made the current
 * step is highlighted; events after the cursor are dimmed; choosing one moves the cursor there.
 */
public final class EventLogPanelController extends FxmlPart<VBox> implements RunPanel {
    public static final String ALL_KINDS = "all kinds";
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass FUTURE = PseudoClass.getPseudoClass("future");

    @FXML private Label eventCountLabel;
    @FXML private ComboBox<String> kindFilterBox;
    @FXML private TextField searchField;
    @FXML private ListView<Integer> eventLogList;

    private final PlaybackModel model;
    private final EventIndexList items = new EventIndexList();
    private Trace trace;
    private int shownUpTo = -1;
    private boolean updating;

    public EventLogPanelController(PlaybackModel model) {
        super("EventLogPanel.fxml");
        this.model = model;
        List<String> kinds = new ArrayList<>(EventCodec.kinds());
        kinds.sort(null);
        kinds.add(0, ALL_KINDS);
        kindFilterBox.getItems().setAll(kinds);
        kindFilterBox.getSelectionModel().select(0);
        kindFilterBox.valueProperty().addListener(o -> refilter());
        searchField.textProperty().addListener(o -> refilter());
        eventLogList.setItems(items);
        FixedRows.apply(eventLogList, searchField);
        eventLogList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Integer seq, boolean empty) {
                super.updateItem(seq, empty);
                getStyleClass().remove("event-row");
                if (empty || seq == null || trace == null || seq >= trace.publishedSize()) {
                    setText(null);
                    pseudoClassStateChanged(CURRENT, false);
                    pseudoClassStateChanged(FUTURE, false);
                    return;
                }
                getStyleClass().add("event-row");
                setText(EventText.describe(seq, trace.get(seq)));
                pseudoClassStateChanged(CURRENT, seq == model.getStep() - 1);
                pseudoClassStateChanged(FUTURE, seq >= model.getStep());
            }
        });
        eventLogList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!updating && b != null) {
                model.pause();
                model.seek(b + 1);
            }
        });
    }

    public ListView<Integer> list() {
        return eventLogList;
    }

    @Override
    public void render(RunState s) {
        Trace t = model.session().trace();
        int n = t.publishedSize();
        if (t != trace || n != shownUpTo) {
            trace = t;
            shownUpTo = n;
            refilter();
        } else {
            eventLogList.refresh();
        }
        eventCountLabel.setText(n + " events" + (model.session().finished() ? "" : " so far"));
        int pos = items.positionOf(model.getStep() - 1);
        if (pos >= 0) {
            updating = true;
            eventLogList.getSelectionModel().select(pos);
            updating = false;
            ListScroll.ensureVisible(eventLogList, pos);
        }
    }

    private void refilter() {
        if (trace == null) {
            return;
        }
        int n = trace.publishedSize();
        String kind = kindFilterBox.getValue();
        String text = searchField.getText() == null ? "" : searchField.getText().trim().toLowerCase(Locale.ROOT);
        updating = true;
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
        updating = false;
        eventLogList.refresh();
    }
}
