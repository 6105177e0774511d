package mpageviz.ui.panel;

import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

import mpageviz.trace.Event;
import mpageviz.ui.FxmlPart;
import mpageviz.ui.run.PlaybackModel;
import mpageviz.view.Narration;
import mpageviz.view.Narrator;
import mpageviz.view.RunState;

/**
 * What just happened and why, in plain words, with the kernel function, the reason and the mpage.c line; beside
 * it the port's own source with the corresponding line highlighted.
 */
public final class NarrationPanelController extends FxmlPart<VBox> implements RunPanel {
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final String[] TONES = {"info", "io", "fallback", "error", "done"};

    @FXML private VBox narrationPanel;
    @FXML private Label headlineLabel;
    @FXML private Label whyLabel;
    @FXML private Label whereLabel;
    @FXML private ListView<String> sourceList;

    private final PlaybackModel model;
    private final PortSource source = PortSource.load();
    private int currentJavaLine = -1;
    private Narration narration;

    public NarrationPanelController(PlaybackModel model) {
        super("NarrationPanel.fxml");
        this.model = model;
        sourceList.getItems().setAll(source.lines());
        FixedRows.apply(sourceList, whereLabel);
        // A scroll made before the list has its size or its row height (the first step before CSS sets the font,
        // a resized window, a theme with bigger type) lands rows off; redo it.
        sourceList.heightProperty().addListener(o -> scrollAfterLayout());
        sourceList.fixedCellSizeProperty().addListener(o -> scrollAfterLayout());
        sourceList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("source-line");
                if (empty || item == null) {
                    setText(null);
                    pseudoClassStateChanged(CURRENT, false);
                    return;
                }
                getStyleClass().add("source-line");
                setText(String.format("%4d  %s", getIndex() + 1, item));
                pseudoClassStateChanged(CURRENT, getIndex() == currentJavaLine);
            }
        });
    }

    public Narration narration() {
        return narration;
    }

    @Override
    public void render(RunState s) {
        int step = s.step();
        if (step == 0) {
            narration = Narrator.atStart(s);
        } else {
            Event e = model.session().trace().get(step - 1);
            RunState before = model.session().stateAt(step - 1);
            narration = Narrator.narrate(before, e, s);
        }
        headlineLabel.setText(narration.headline());
        whyLabel.setText(narration.why());
        StringBuilder where = new StringBuilder();
        if (narration.fn() != null) {
            where.append(narration.fn()).append("()");
        }
        if (narration.line() > 0) {
            where.append("   mpage.c line ").append(narration.line());
        }
        if (narration.reason() != null) {
            where.append("   reason: ").append(narration.reason());
        }
        where.append("   step ").append(step);
        whereLabel.setText(where.toString());
        for (String tone : TONES) {
            narrationPanel.pseudoClassStateChanged(PseudoClass.getPseudoClass("tone-" + tone),
                    tone.equals(narration.tone()));
        }
        int javaLine = narration.line() > 0 ? source.javaLine(narration.line()) : -1;
        if (javaLine != currentJavaLine) {
            currentJavaLine = javaLine;
            sourceList.refresh();
            scrollToCurrentLine();
        }
    }

    /**
     * Scrolls once the layout pass under way is over: the list keeps its scroll position as a fraction of its
     * length, so a scroll made while its size is changing lands elsewhere.
     */
    private void scrollAfterLayout() {
        Scene scene = sourceList.getScene();
        if (scene == null) {
            return;
        }
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            scrollToCurrentLine();
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    /** Brings the highlighted line into view (third from the top, so the lines that lead to it show above it). */
    private void scrollToCurrentLine() {
        if (currentJavaLine >= 0) {
            ListScroll.ensureVisible(sourceList, currentJavaLine);
        }
    }
}
