package mpageviz.ui.panel;

import java.util.ArrayList;
import java.util.List;

import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

import mpageviz.ui.FxmlPart;
import mpageviz.ui.Selection;
import mpageviz.view.BioView;
import mpageviz.view.RequestView;
import mpageviz.view.RunState;

/**
 * The block layer: requests waiting in the task's plug, in the elevator queue, and served by the disk in
 * order, each with the bios merged into it. Clicking a request selects it everywhere.
 */
public final class BlockLayerPanelController extends FxmlPart<VBox> implements RunPanel {
    private static final PseudoClass PLUGGED = PseudoClass.getPseudoClass("plugged");
    private static final PseudoClass QUEUED = PseudoClass.getPseudoClass("queued");
    private static final PseudoClass SERVED = PseudoClass.getPseudoClass("served");
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected-item");

    @FXML private Label plugStateLabel;
    @FXML private Label plugTitleLabel;
    @FXML private Label queueTitleLabel;
    @FXML private Label servedTitleLabel;
    @FXML private ListView<String> plugList;
    @FXML private ListView<String> queueList;
    @FXML private ListView<String> servedList;

    private final Selection selection;
    private final List<Integer> plugIds = new ArrayList<>();
    private final List<Integer> queueIds = new ArrayList<>();
    private final List<Integer> servedIds = new ArrayList<>();

    public BlockLayerPanelController(Selection selection) {
        super("BlockLayerPanel.fxml");
        this.selection = selection;
        setUp(plugList, plugIds, PLUGGED);
        setUp(queueList, queueIds, QUEUED);
        setUp(servedList, servedIds, SERVED);
        FixedRows.apply(servedList, plugStateLabel);
    }

    private void setUp(ListView<String> list, List<Integer> ids, PseudoClass place) {
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("disk-request");
                pseudoClassStateChanged(place, false);
                pseudoClassStateChanged(SELECTED, false);
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(item);
                getStyleClass().add("disk-request");
                pseudoClassStateChanged(place, true);
                int idx = getIndex();
                pseudoClassStateChanged(SELECTED, idx < ids.size()
                        && ids.get(idx) == selection.requestProperty().get());
            }
        });
        list.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            int i = b.intValue();
            if (i >= 0 && i < ids.size()) {
                selection.selectRequest(ids.get(i));
            }
        });
    }

    @Override
    public void render(RunState s) {
        plugStateLabel.setText(s.layout().blockLayer().plug() ? "plugged calls, merge "
                + (s.layout().blockLayer().merge() ? "on" : "off")
                + (s.layout().blockLayer().sortOnFlush() ? ", sort on flush" : "") : "no plug: each bio goes to disk at once");
        fill(plugList, plugIds, s.plug(), s);
        fill(queueList, queueIds, s.queue(), s);
        List<Integer> served = s.served();
        fill(servedList, servedIds, served, s);
        if (!served.isEmpty()) {
            ListScroll.ensureVisible(servedList, served.size() - 1);
        }
        plugTitleLabel.setText("plug (" + s.plug().size() + ")");
        queueTitleLabel.setText("queue (" + s.queue().size() + ")");
        servedTitleLabel.setText("served, disk order (" + served.size() + ")");
    }

    /**
     * Shows the requests {@code source} names. A request's text changes only while it is in the plug or queue,
     * so a served list that just grew gets only its new rows: a run with thousands of requests costs no more
     * per step than one with two.
     */
    private static void fill(ListView<String> list, List<Integer> ids, List<Integer> source, RunState s) {
        boolean grows = source.size() >= ids.size() && source.subList(0, ids.size()).equals(ids);
        boolean stable = list != null && list.getId() != null && list.getId().equals("servedList");
        if (stable && grows) {
            for (int i = ids.size(); i < source.size(); i++) {
                list.getItems().add(describe(s, s.request(source.get(i))));
            }
            ids.addAll(source.subList(ids.size(), source.size()));
            return;
        }
        ids.clear();
        ids.addAll(source);
        List<String> items = new ArrayList<>(source.size());
        for (int id : source) {
            items.add(describe(s, s.request(id)));
        }
        if (!items.equals(list.getItems())) {
            list.getItems().setAll(items);
        } else {
            list.refresh();
        }
    }

    /** "R3 read 2000..2025 (26) bio#1+meta#2" */
    public static String describe(RunState s, RequestView r) {
        StringBuilder sb = new StringBuilder();
        if (RequestView.SERVED.equals(r.place())) {
            sb.append(r.servedOrder()).append(". ");
        }
        sb.append('R').append(r.id()).append(' ').append(r.rw()).append(' ').append(r.sector()).append("..")
                .append(r.sector() + r.sectors() - 1).append(" (").append(r.sectors()).append(')');
        if (r.noMerge()) {
            sb.append(" no-merge");
        }
        sb.append("  ");
        for (int i = 0; i < r.bios().size(); i++) {
            BioView b = s.bio(r.bios().get(i));
            if (i > 0) {
                sb.append('+');
            }
            sb.append(b == null ? "?" : b.source()).append('#').append(r.bios().get(i));
        }
        return sb.toString();
    }
}
