package mpageviz.ui.panel;

import java.util.ArrayList;
import java.util.List;

import javafx.animation.Animation;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import mpageviz.kernel.BhState;
import mpageviz.kernel.PageFlag;
import mpageviz.trace.Event;
import mpageviz.trace.Events;
import mpageviz.ui.FxmlPart;
import mpageviz.ui.anim.AnimationSlot;
import mpageviz.ui.anim.Animations;
import mpageviz.ui.anim.StepAnimated;
import mpageviz.ui.canvas.PageCacheCanvas;
import mpageviz.ui.canvas.Palette;
import mpageviz.ui.run.Selection;
import mpageviz.view.BufferView;
import mpageviz.view.PageView;
import mpageviz.view.RunState;

/**
 * The page cache: every page of the run on a canvas, and below it the selected page (or the one mpage is on)
 * in detail: its flags as chips and its buffer heads with their state bits and blocks. Stepping pulses the page
 * whose flags, buffers or bytes changed, and in the detail the very chips or buffer heads that changed.
 */
public final class PageCachePanelController extends FxmlPart<VBox> implements RunPanel, StepAnimated {
    private static final PseudoClass ON = PseudoClass.getPseudoClass("on");

    @FXML private StackPane canvasHolder;
    @FXML private Label pageCountLabel;
    @FXML private Label pageTitleLabel;
    @FXML private Label pageDataLabel;
    @FXML private FlowPane pageFlagsBox;
    @FXML private FlowPane buffersBox;

    private final Selection selection;
    private final PageCacheCanvas canvas;
    private final List<Label> flagChips = new ArrayList<>();
    private final AnimationSlot animation = new AnimationSlot();
    private RunState state;
    private long shownPage = -1;

    public PageCachePanelController(Selection selection, Palette palette) {
        super("PageCachePanel.fxml");
        this.selection = selection;
        this.canvas = new PageCacheCanvas(palette, () -> pageTitleLabel.getFont().getSize());
        canvas.setId("pageCacheCanvas");
        canvasHolder.getChildren().add(canvas);
        canvas.setOnPick(selection::selectPage);
        for (PageFlag f : PageFlag.values()) {
            Label chip = new Label(f.label());
            chip.getStyleClass().add("flag-chip");
            chip.pseudoClassStateChanged(PseudoClass.getPseudoClass(f.label()), true);
            chip.setTooltip(new Tooltip(Legend.pageFlag(f)));
            chip.setId("pageFlag-" + f.label());
            flagChips.add(chip);
        }
        pageFlagsBox.getChildren().setAll(flagChips);
        selection.pageProperty().addListener(o -> {
            if (state != null) {
                render(state);
            }
        });
    }

    public PageCacheCanvas canvas() {
        return canvas;
    }

    @Override
    public void render(RunState s) {
        animation.stop();
        this.state = s;
        pageCountLabel.setText(s.pageCount() + (s.pageCount() == 1 ? " page" : " pages"));
        long shown = selection.pageProperty().get();
        if (shown < 0 || s.page(shown) == null && !contains(s, shown)) {
            shown = s.currentPage() >= 0 ? s.currentPage() : s.pageCount() > 0 ? s.indexOfSlot(0) : -1;
        }
        canvas.show(s, selection.pageProperty().get());
        showPage(s, shown);
        shownPage = shown;
    }

    @Override
    public void animate(RunState before, Event event, RunState after, Duration d) {
        animation.stop();
        long page = changedPage(event);
        if (page < 0) {
            return;
        }
        List<Animation> parts = new ArrayList<>();
        parts.add(canvas.pulse(page, d));
        if (page == shownPage) {
            for (Node n : changedDetail(event)) {
                parts.add(Animations.flash(n, d));
            }
        }
        animation.play(Animations.together(parts.toArray(new Animation[0])));
    }

    /** The page whose picture an event changes (flags, buffers or bytes), or -1. */
    private static long changedPage(Event event) {
        if (event instanceof Events.PageFlags flags) {
            return flags.page();
        } else if (event instanceof Events.BufferState buffer) {
            return buffer.page();
        } else if (event instanceof Events.BuffersCreate created) {
            return created.page();
        } else if (event instanceof Events.BuffersFree freed) {
            return freed.page();
        } else if (event instanceof Events.PageData data) {
            return data.page();
        } else if (event instanceof Events.PageCreate created) {
            return created.page();
        }
        return -1;
    }

    /** The nodes of the detail view that show what an event changed on the page shown. */
    private List<Node> changedDetail(Event event) {
        List<Node> out = new ArrayList<>();
        if (event instanceof Events.PageFlags flags) {
            for (PageFlag f : PageFlag.values()) {
                if (((flags.set() | flags.clear()) & f.bit()) != 0) {
                    out.add(flagChips.get(f.ordinal()));
                }
            }
        } else if (event instanceof Events.BufferState buffer) {
            if (buffer.buffer() < buffersBox.getChildren().size()) {
                out.add(buffersBox.getChildren().get(buffer.buffer()));
            }
        } else if (event instanceof Events.BuffersCreate || event instanceof Events.BuffersFree) {
            out.add(buffersBox);
        } else if (event instanceof Events.PageData) {
            out.add(pageDataLabel);
        }
        return out;
    }

    @Override
    public boolean isAnimating() {
        return animation.isRunning();
    }

    @Override
    public void finishAnimation() {
        animation.finish();
    }

    private static boolean contains(RunState s, long index) {
        for (int i = 0; i < s.pageCount(); i++) {
            if (s.indexOfSlot(i) == index) {
                return true;
            }
        }
        return false;
    }

    private void showPage(RunState s, long index) {
        PageView p = index < 0 ? null : s.page(index);
        pageTitleLabel.setText(index < 0 ? "" : "page " + index + (index == s.currentPage() ? "  (mpage is here)"
                : ""));
        int flags = p == null ? 0 : p.flags();
        for (PageFlag f : PageFlag.values()) {
            flagChips.get(f.ordinal()).pseudoClassStateChanged(ON, (flags & f.bit()) != 0);
        }
        pageDataLabel.setText(p == null ? "not created yet" : describeData(s, p));
        buffersBox.getChildren().clear();
        if (p == null || p.buffers() == null) {
            Label none = new Label(p == null ? "" : "no buffer heads (PG_private clear)");
            none.getStyleClass().add("muted");
            none.setId("noBuffersLabel");
            buffersBox.getChildren().add(none);
            return;
        }
        for (int i = 0; i < p.buffers().size(); i++) {
            buffersBox.getChildren().add(bufferCell(i, p.buffers().get(i)));
        }
    }

    private static Label bufferCell(int i, BufferView b) {
        StringBuilder text = new StringBuilder("bh " + i + (b.block() >= 0 ? "  block " + b.block() : ""));
        List<String> names = BhState.names(b.state());
        text.append('\n').append(names.isEmpty() ? "(no state)" : String.join(" ", names));
        Label cell = new Label(text.toString());
        cell.getStyleClass().add("buffer-head");
        cell.setId("bufferHead-" + i);
        for (BhState st : BhState.values()) {
            cell.pseudoClassStateChanged(PseudoClass.getPseudoClass(st.label()), (b.state() & st.bit()) != 0);
        }
        cell.setTooltip(new Tooltip(Legend.bufferStates(b.state())));
        return cell;
    }

    private static String describeData(RunState s, PageView p) {
        StringBuilder sb = new StringBuilder("bytes: ");
        int blockSize = s.layout().geometry().blockSize();
        for (int i = 0; i < p.data().size(); i++) {
            PageView.DataSpan d = p.data().get(i);
            if (i > 0) {
                sb.append(", ");
            }
            switch (d.source()) {
                case PageView.DataSpan.ZERO:
                    sb.append("zeros");
                    break;
                case PageView.DataSpan.STAMP:
                    sb.append("page stamp");
                    break;
                default:
                    long first = d.diskOffset() / blockSize;
                    long last = (d.diskOffset() + d.length() - 1) / blockSize;
                    sb.append(first == last ? "disk block " + first : "disk blocks " + first + ".." + last);
                    if (!"disk".equals(d.source())) {
                        sb.append(" (").append(d.source()).append(')');
                    }
            }
        }
        return sb.toString();
    }
}
