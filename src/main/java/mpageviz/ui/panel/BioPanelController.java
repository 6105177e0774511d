package mpageviz.ui.panel;

import javafx.animation.Animation;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
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
import mpageviz.view.RunState;

/**
 * The bio mpage is building: its first sector, its pages as vecs, and how full it is against the three limits
 * bio_add_page checks (vectors, max_sectors, max_segments). Between bios it shows the last one sent, and why.
 * Stepping shows a page joining the bio (its vec slides in) and a bio being sent (the reason flashes).
 */
public final class BioPanelController extends FxmlPart<VBox> implements RunPanel, StepAnimated {
    private static final PseudoClass PARTIAL = PseudoClass.getPseudoClass("partial");

    @FXML private Label bioIdLabel;
    @FXML private Label bioSectorLabel;
    @FXML private FlowPane bioVecsBox;
    @FXML private ProgressBar vecsBar;
    @FXML private ProgressBar sectorsBar;
    @FXML private ProgressBar segmentsBar;
    @FXML private Label vecsLabel;
    @FXML private Label sectorsLabel;
    @FXML private Label segmentsLabel;
    @FXML private Label bioReasonLabel;

    private final Selection selection;
    /** The bio whose vecs are on screen, and how many: a growing bio only gets labels for its new vecs. */
    private int shownBio = -1;
    private int shownVecs;
    private final AnimationSlot animation = new AnimationSlot();

    public BioPanelController(Selection selection) {
        super("BioPanel.fxml");
        this.selection = selection;
        Tooltip.install(bioVecsBox, new Tooltip("Each box is one bio_vec: a page, at offset 0, with the bytes it "
                + "adds. Click one to select the page."));
    }

    @Override
    public void render(RunState s) {
        animation.stop();
        // A bio picked elsewhere (a request's row) wins; else the one being built; else the last one sent.
        BioView bio = s.bio(selection.bioProperty().get());
        if (bio == null) {
            bio = s.buildingBio();
        }
        if (bio == null) {
            bio = lastMpageBio(s);
        }
        int pageSize = s.layout().geometry().pageSize();
        int maxSectors = s.layout().device().maxSectors();
        int maxSegments = s.layout().device().maxSegments();
        if (bio == null) {
            bioVecsBox.getChildren().clear();
            shownBio = -1;
            bioIdLabel.setText("none yet");
            bioSectorLabel.setText("");
            bioReasonLabel.setText("mpage has not allocated a bio");
            setBar(vecsBar, vecsLabel, 0, 1, "");
            setBar(sectorsBar, sectorsLabel, 0, maxSectors, "");
            setBar(segmentsBar, segmentsLabel, 0, maxSegments, "");
            return;
        }
        boolean building = BioView.BUILDING.equals(bio.status());
        bioIdLabel.setText("bio #" + bio.id() + (building ? " (building)" : " (" + bio.status() + ")"));
        int sectors = bio.bytes() >> 9;
        bioSectorLabel.setText("bi_sector " + bio.sector() + ", " + bio.bytes() + " bytes"
                + (bio.rw() == null ? "" : ", " + bio.rw()));
        if (bio.id() != shownBio || bio.vecs().size() < shownVecs) {
            bioVecsBox.getChildren().clear();
            shownBio = bio.id();
            shownVecs = 0;
        }
        for (int i = shownVecs; i < bio.vecs().size(); i++) {
            BioView.Vec v = bio.vecs().get(i);
            Label vec = new Label("page " + v.page() + (v.length() < pageSize ? " (" + v.length() + " B)" : ""));
            vec.getStyleClass().add("bio-vec");
            vec.setUserData(v.page());
            vec.pseudoClassStateChanged(PARTIAL, v.length() < pageSize);
            long page = v.page();
            vec.setOnMouseClicked(e -> selection.selectPage(page));
            bioVecsBox.getChildren().add(vec);
        }
        shownVecs = bio.vecs().size();
        setBar(vecsBar, vecsLabel, bio.vecs().size(), bio.maxVecs(), bio.vecs().size() + " / " + bio.maxVecs()
                + " (bi_max_vecs)");
        setBar(sectorsBar, sectorsLabel, sectors, maxSectors, sectors + " / " + maxSectors + " (max_sectors)");
        setBar(segmentsBar, segmentsLabel, bio.vecs().size(), maxSegments, bio.vecs().size() + " / " + maxSegments
                + " (max_segments)");
        bioReasonLabel.setText(building ? "open: the next contiguous page can still join"
                : "sent: " + bio.reason() + (BioView.DONE.equals(bio.status()) ? (bio.ok() ? ", completed"
                : ", FAILED (BIO_UPTODATE clear)") : ", waiting in the block layer"));
    }

    @Override
    public void animate(RunState before, Event event, RunState after, Duration d) {
        animation.stop();
        animation.play(animationFor(event, after, d));
    }

    private Animation animationFor(Event event, RunState after, Duration d) {
        if (event instanceof Events.BioAddPage add) {
            Node vec = add.ok() ? vecOf(add.page()) : null;
            // a refused page does not join: the limit it hit is what changed
            return vec != null ? Animations.slideIn(vec, d) : Animations.flash(bioReasonLabel, d);
        }
        if (event instanceof Events.BioSubmit submit) {
            BioView sent = after.bio(submit.bio());
            // bh and meta bios are not the one this panel shows
            return sent != null && "bio".equals(sent.source()) ? Animations.flash(bioReasonLabel, d) : null;
        }
        if (event instanceof Events.BioAlloc alloc && alloc.ok()) {
            return Animations.flash(bioIdLabel, d);
        }
        return null;
    }

    /** The vec label of a page in the bio shown (the last one, should a page appear twice). */
    private Node vecOf(long page) {
        Node found = null;
        for (Node n : bioVecsBox.getChildren()) {
            if (Long.valueOf(page).equals(n.getUserData())) {
                found = n;
            }
        }
        return found;
    }

    @Override
    public boolean isAnimating() {
        return animation.isRunning();
    }

    @Override
    public void finishAnimation() {
        animation.finish();
    }

    private static BioView lastMpageBio(RunState s) {
        for (int id = s.bioCount(); id >= 1; id--) {
            BioView b = s.bio(id);
            if ("bio".equals(b.source())) {
                return b;
            }
        }
        return null;
    }

    private static void setBar(ProgressBar bar, Label label, double value, double max, String text) {
        bar.setProgress(max <= 0 ? 0 : Math.min(1, value / max));
        label.setText(text);
    }
}
