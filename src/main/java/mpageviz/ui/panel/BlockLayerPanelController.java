package mpageviz.ui.panel;

import java.util.ArrayList;
import java.util.List;

import javafx.animation.Animation;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.effect.BlurType;
import javafx.scene.effect.InnerShadow;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import mpageviz.trace.Event;
import mpageviz.trace.Events;
import mpageviz.ui.FxmlPart;
import mpageviz.ui.anim.AnimationSlot;
import mpageviz.ui.anim.Animations;
import mpageviz.ui.anim.StepAnimated;
import mpageviz.ui.run.Selection;
import mpageviz.view.BioView;
import mpageviz.view.RequestView;
import mpageviz.view.RunState;

/**
 * The block layer: requests waiting in the task's plug, in the elevator queue, and served by the disk in
 * order, each with the bios merged into it. Clicking a request selects it everywhere. Stepping lights up the row
 * a bio went into (a new request or a merge), a request reaching the queue, and a request the disk served.
 */
public final class BlockLayerPanelController extends FxmlPart<VBox> implements RunPanel, StepAnimated {
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
    private final AnimationSlot animation = new AnimationSlot();
    /** How lit the pulsing row is, 1 down to 0; its cell wears {@link #rowGlow}, whose size follows this. */
    private final DoubleProperty rowPulse = new SimpleDoubleProperty(this, "rowPulse", 0);
    private final InnerShadow rowGlow = new InnerShadow(BlurType.GAUSSIAN, Animations.GLOW, 0, 0.8, 0, 0);
    private ListView<String> pulseList;
    private int pulseRequest;

    public BlockLayerPanelController(Selection selection) {
        super("BlockLayerPanel.fxml");
        this.selection = selection;
        setUp(plugList, plugIds, PLUGGED);
        setUp(queueList, queueIds, QUEUED);
        setUp(servedList, servedIds, SERVED);
        FixedRows.apply(servedList, plugStateLabel);
        rowGlow.radiusProperty().bind(rowPulse.multiply(20));
    }

    private void setUp(ListView<String> list, List<Integer> ids, PseudoClass place) {
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("disk-request");
                pseudoClassStateChanged(place, false);
                pseudoClassStateChanged(SELECTED, false);
                setEffect(null);
                if (empty || item == null) {
                    setText(null);
                    return;
                }
                setText(item);
                getStyleClass().add("disk-request");
                pseudoClassStateChanged(place, true);
                int idx = getIndex();
                int id = idx < ids.size() ? ids.get(idx) : 0;
                pseudoClassStateChanged(SELECTED, id != 0 && id == selection.requestProperty().get());
                // the glow goes with the request, not the cell, so scrolling cannot move it to another row
                setEffect(list == pulseList && id != 0 && id == pulseRequest ? rowGlow : null);
            }
        });
        list.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            int i = b.intValue();
            if (i >= 0 && i < ids.size()) {
                selection.selectRequest(ids.get(i));
                if (state != null && state.request(ids.get(i)) != null) {
                    // the request's first bio becomes the selected bio, shown in the BIO panel
                    selection.selectBio(state.request(ids.get(i)).bios().get(0));
                }
            }
        });
    }

    private RunState state;

    @Override
    public void render(RunState s) {
        this.state = s;
        animation.stop();
        plugStateLabel.setText(s.layout().blockLayer().plug() ? "plugged calls, merge "
                + (s.layout().blockLayer().merge() ? "on" : "off")
                + (s.layout().blockLayer().sortOnFlush() ? ", sort on flush" : "")
                : "no plug: each bio goes to disk at once");
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

    @Override
    public void animate(RunState before, Event event, RunState after, Duration d) {
        animation.stop();
        int id = 0;
        if (event instanceof Events.RequestNew created) {
            id = created.request();
        } else if (event instanceof Events.RequestMerge merge) {
            id = merge.request();
        } else if (event instanceof Events.ElevatorMerge merge) {
            id = merge.into();
        } else if (event instanceof Events.RequestQueue queued) {
            id = queued.request();
        } else if (event instanceof Events.RequestServe serve) {
            id = serve.request();
        }
        ListView<String> list = listHolding(after, id);
        if (list == null) {
            if (event instanceof Events.PlugFlush) {
                animation.play(Animations.flash(queueList, d));
            }
            return;
        }
        pulseList = list;
        pulseRequest = id;
        list.refresh();
        animation.play(Animations.pulse(rowPulse, d, () -> {
            pulseList = null;
            pulseRequest = 0;
            list.refresh();
        }));
    }

    /** The list a request's row is in after the step, or null. */
    private ListView<String> listHolding(RunState s, int id) {
        RequestView r = s.request(id);
        if (r == null) {
            return null;
        }
        switch (r.place()) {
            case RequestView.PLUG:
                return plugList;
            case RequestView.QUEUE:
                return queueList;
            case RequestView.SERVED:
                return servedList;
            default:
                return null;
        }
    }

    /** The request whose row is lit now, or 0. */
    public int pulsingRequest() {
        return pulseRequest;
    }

    @Override
    public boolean isAnimating() {
        return animation.isRunning();
    }

    @Override
    public void finishAnimation() {
        animation.finish();
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
