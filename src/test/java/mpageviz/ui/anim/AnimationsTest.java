package mpageviz.ui.anim;

import static mpageviz.ui.FxToolkitExtension.call;
import static mpageviz.ui.FxToolkitExtension.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import javafx.animation.Animation;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Pane;
import javafx.util.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.util.WaitForAsyncUtils;

import mpageviz.layout.DefaultSample;
import mpageviz.testutil.Runs;
import mpageviz.trace.Event;
import mpageviz.trace.Events;
import mpageviz.trace.Trace;
import mpageviz.ui.FxToolkitExtension;
import mpageviz.ui.canvas.Palette;
import mpageviz.ui.panel.BioPanelController;
import mpageviz.ui.panel.BlockLayerPanelController;
import mpageviz.ui.panel.DiskPanelController;
import mpageviz.ui.panel.FileMapPanelController;
import mpageviz.ui.panel.PageCachePanelController;
import mpageviz.ui.panel.RunPanel;
import mpageviz.ui.run.Selection;
import mpageviz.view.RunHistory;
import mpageviz.view.RunState;

/**
 * The animation factories always land on their end state (stopped, finished, or given no time), a panel keeps at
 * most one animation, and an animated panel ends up showing exactly what rendering alone shows.
 */
@ExtendWith(FxToolkitExtension.class)
class AnimationsTest {
    private static final Duration LONG = Duration.seconds(30);
    private static final Duration SHORT = Duration.millis(60);

    private static Trace trace;
    private static RunHistory history;

    @BeforeAll
    static void traceTheDefaultSample() throws Exception {
        trace = Runs.trace(DefaultSample.load());
        history = new RunHistory(trace);
    }

    // ------------------------------------------------------------------ factories

    @Test
    void flash_leavesNoEffect_afterStop_afterFinish_andWithNoTime() throws Exception {
        Label node = new Label("x");
        assertEndState(() -> Animations.flash(node, LONG), () -> node.getEffect() != null,
                () -> assertNull(node.getEffect()));
        assertFinishes(() -> Animations.flash(node, SHORT), () -> assertNull(node.getEffect()));
        assertZeroAppliesEnd(() -> Animations.flash(node, Duration.ZERO), () -> assertNull(node.getEffect()));
    }

    @Test
    void slideIn_endsOpaqueAndInPlace_afterStop_afterFinish_andWithNoTime() throws Exception {
        Label node = new Label("page 3");
        Runnable inPlace = () -> {
            assertEquals(1, node.getOpacity());
            assertEquals(0, node.getTranslateX());
        };
        assertEndState(() -> Animations.slideIn(node, LONG), () -> node.getOpacity() < 1, inPlace);
        assertFinishes(() -> Animations.slideIn(node, SHORT), inPlace);
        run(() -> {
            node.setOpacity(0.2);
            node.setTranslateX(-30);
        });
        assertZeroAppliesEnd(() -> Animations.slideIn(node, Duration.ZERO), inPlace);
    }

    @Test
    void pulse_endsAtZero_andRunsItsEnd_afterStop_afterFinish_andWithNoTime() throws Exception {
        DoubleProperty level = new SimpleDoubleProperty(0);
        AtomicInteger ends = new AtomicInteger();
        Runnable atRest = () -> {
            assertEquals(0, level.get());
            assertTrue(ends.get() > 0);
            ends.set(0);
        };
        assertEndState(() -> Animations.pulse(level, LONG, ends::incrementAndGet), () -> level.get() > 0, atRest);
        assertFinishes(() -> Animations.pulse(level, SHORT, ends::incrementAndGet), atRest);
        run(() -> level.set(0.7));
        assertZeroAppliesEnd(() -> Animations.pulse(level, Duration.ZERO, ends::incrementAndGet), atRest);
    }

    @Test
    void together_landsEveryPartOnItsEnd_afterStop_afterFinish_andWithNoTime() throws Exception {
        Label a = new Label("a");
        Label b = new Label("b");
        DoubleProperty level = new SimpleDoubleProperty(0);
        Runnable allAtRest = () -> {
            assertNull(a.getEffect());
            assertEquals(1, b.getOpacity());
            assertEquals(0, b.getTranslateX());
            assertEquals(0, level.get());
        };
        assertEndState(() -> Animations.together(Animations.flash(a, LONG), Animations.slideIn(b, LONG),
                Animations.pulse(level, LONG, () -> { })), () -> level.get() > 0, allAtRest);
        assertFinishes(() -> Animations.together(Animations.flash(a, SHORT), Animations.slideIn(b, SHORT),
                Animations.pulse(level, SHORT, () -> { })), allAtRest);
        run(() -> {
            b.setOpacity(0);
            level.set(1);
        });
        assertZeroAppliesEnd(() -> Animations.together(Animations.flash(a, Duration.ZERO),
                Animations.slideIn(b, Duration.ZERO), Animations.pulse(level, Duration.ZERO, () -> { })), allAtRest);
    }

    @Test
    void durationFor_followsTheSpeed_andIsZeroWhenAStepIsShorterThanAFrame() {
        assertTrue(Animations.durationFor(1).greaterThan(Animations.durationFor(8)));
        assertTrue(Animations.durationFor(0.25).lessThanOrEqualTo(Duration.millis(600)));
        assertEquals(Duration.ZERO, Animations.durationFor(100));
    }

    @Test
    void slot_secondAnimationStopsTheFirst() throws Exception {
        Label node = new Label("x");
        DoubleProperty level = new SimpleDoubleProperty(0);
        AnimationSlot slot = new AnimationSlot();
        Animation first = call(() -> Animations.flash(node, LONG));
        run(() -> slot.play(first));
        waitUntil(() -> node.getEffect() != null);
        run(() -> {
            slot.play(Animations.pulse(level, LONG, () -> { }));
            assertEquals(Animation.Status.STOPPED, first.getStatus());
            assertNull(node.getEffect());
            assertTrue(slot.isRunning());
            slot.finish();
            assertFalse(slot.isRunning());
            assertEquals(0, level.get());
        });
    }

    // ------------------------------------------------------------------ panels

    /** The step made by the first event that matches. */
    private static int stepAfter(Predicate<Event> match) {
        for (int i = 0; i < trace.publishedSize(); i++) {
            if (match.test(trace.get(i))) {
                return i + 1;
            }
        }
        throw new AssertionError("no such event in the default sample");
    }

    /** Renders then animates one step on {@code panel}, for as long as the test wants. */
    private static <P extends RunPanel & StepAnimated> void renderAndAnimate(P panel, int step) throws Exception {
        RunState before = history.stateAt(step - 1);
        RunState after = history.stateAt(step);
        run(() -> {
            panel.render(after);
            panel.animate(before, after.event(), after, LONG);
        });
    }

    @Test
    void bioPanel_pageJoiningSlidesIn_andTheLabelsAreWhatRenderShows() throws Exception {
        int step = stepAfter(e -> e instanceof Events.BioAddPage && ((Events.BioAddPage) e).ok()
                && ((Events.BioAddPage) e).page() > 0);
        BioPanelController animated = call(() -> new BioPanelController(new Selection()));
        BioPanelController plain = call(() -> new BioPanelController(new Selection()));
        renderAndAnimate(animated, step);
        run(() -> plain.render(history.stateAt(step)));
        assertTrue(call(animated::isAnimating));
        long page = ((Events.BioAddPage) trace.get(step - 1)).page();
        Node joined = call(() -> lastVec(animated));
        assertEquals(page, joined.getUserData());
        waitUntil(() -> joined.getOpacity() < 1 || joined.getTranslateX() < 0);
        assertEquals(call(() -> labels(plain.getRoot())), call(() -> labels(animated.getRoot())));
        run(animated::finishAnimation);
        assertFalse(call(animated::isAnimating));
        assertEquals(1, joined.getOpacity());
        assertEquals(0, joined.getTranslateX());
        assertEquals(call(() -> labels(plain.getRoot())), call(() -> labels(animated.getRoot())));
    }

    @Test
    void bioPanel_aSecondStepStopsTheRunningAnimationFirst() throws Exception {
        int submit = stepAfter(e -> e instanceof Events.BioSubmit && "bio".equals(((Events.BioSubmit) e).source()));
        int add = stepAfter(e -> e instanceof Events.BioAddPage && ((Events.BioAddPage) e).ok());
        BioPanelController panel = call(() -> new BioPanelController(new Selection()));
        renderAndAnimate(panel, add);
        Node joined = call(() -> lastVec(panel));
        assertTrue(call(panel::isAnimating));
        renderAndAnimate(panel, submit);
        Label reason = call(() -> (Label) panel.getRoot().lookup("#bioReasonLabel"));
        // the first animation was stopped on its end state; the new one flashes the reason
        assertEquals(1, joined.getOpacity());
        assertEquals(0, joined.getTranslateX());
        assertTrue(call(panel::isAnimating));
        waitUntil(() -> reason.getEffect() != null);
        run(panel::finishAnimation);
        assertNull(reason.getEffect());
    }

    @Test
    void blockLayerPanel_lightsTheRequestABioWentInto_andShowsWhatRenderShows() throws Exception {
        int step = stepAfter(e -> e instanceof Events.RequestMerge);
        int request = ((Events.RequestMerge) trace.get(step - 1)).request();
        BlockLayerPanelController animated = call(() -> new BlockLayerPanelController(new Selection()));
        BlockLayerPanelController plain = call(() -> new BlockLayerPanelController(new Selection()));
        renderAndAnimate(animated, step);
        run(() -> plain.render(history.stateAt(step)));
        assertTrue(call(animated::isAnimating));
        assertEquals(request, animated.pulsingRequest());
        assertEquals(call(() -> lists(plain.getRoot())), call(() -> lists(animated.getRoot())));
        assertEquals(call(() -> labels(plain.getRoot())), call(() -> labels(animated.getRoot())));
        run(animated::finishAnimation);
        assertFalse(call(animated::isAnimating));
        assertEquals(0, animated.pulsingRequest());
    }

    @Test
    void diskPanel_pulsesTheServedRequest_untilFinished() throws Exception {
        int step = stepAfter(e -> e instanceof Events.RequestServe);
        int request = ((Events.RequestServe) trace.get(step - 1)).request();
        DiskPanelController animated = call(() -> new DiskPanelController(new Selection(), new Palette(new Pane())));
        DiskPanelController plain = call(() -> new DiskPanelController(new Selection(), new Palette(new Pane())));
        renderAndAnimate(animated, step);
        run(() -> plain.render(history.stateAt(step)));
        assertTrue(call(animated::isAnimating));
        assertEquals(request, animated.strip().pulsingRequest());
        assertEquals(call(() -> labels(plain.getRoot())), call(() -> labels(animated.getRoot())));
        run(animated::finishAnimation);
        assertEquals(0, animated.strip().pulsingRequest());
    }

    @Test
    void pageCachePanel_pulsesThePageWhoseFlagsChanged_andShowsWhatRenderShows() throws Exception {
        int step = stepAfter(e -> e instanceof Events.PageFlags);
        long page = ((Events.PageFlags) trace.get(step - 1)).page();
        PageCachePanelController animated =
                call(() -> new PageCachePanelController(new Selection(), new Palette(new Pane())));
        PageCachePanelController plain =
                call(() -> new PageCachePanelController(new Selection(), new Palette(new Pane())));
        renderAndAnimate(animated, step);
        run(() -> plain.render(history.stateAt(step)));
        assertTrue(call(animated::isAnimating));
        assertEquals(page, animated.canvas().pulsingPage());
        assertEquals(call(() -> labels(plain.getRoot())), call(() -> labels(animated.getRoot())));
        run(animated::finishAnimation);
        assertFalse(call(animated::isAnimating));
        assertEquals(-1, animated.canvas().pulsingPage());
        assertNoEffects(animated.getRoot());
    }

    @Test
    void fileMapPanel_pulsesTheBlocksGetBlockMapped() throws Exception {
        int step = stepAfter(e -> e instanceof Events.GetBlock);
        long logical = ((Events.GetBlock) trace.get(step - 1)).logical();
        FileMapPanelController panel =
                call(() -> new FileMapPanelController(new Selection(), new Palette(new Pane())));
        renderAndAnimate(panel, step);
        assertTrue(call(panel::isAnimating));
        assertEquals(logical, panel.canvas().pulsingBlock());
        run(panel::finishAnimation);
        assertEquals(-1, panel.canvas().pulsingBlock());
    }

    @Test
    void everyPanel_withNoTime_showsTheEndStateAtOnce() throws Exception {
        Selection selection = new Selection();
        Palette palette = call(() -> new Palette(new Pane()));
        List<StepAnimated> panels = call(() -> List.of(new BioPanelController(selection),
                new BlockLayerPanelController(selection), new DiskPanelController(selection, palette),
                new FileMapPanelController(selection, palette), new PageCachePanelController(selection, palette)));
        for (int step = 1; step <= trace.publishedSize(); step++) {
            RunState before = history.stateAt(step - 1);
            RunState after = history.stateAt(step);
            run(() -> {
                for (StepAnimated p : panels) {
                    ((RunPanel) p).render(after);
                    p.animate(before, after.event(), after, Duration.ZERO);
                    assertFalse(p.isAnimating(), () -> p.getClass().getSimpleName() + " at " + after.event());
                }
            });
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Plays an animation until it visibly started, stops it, and checks the end state. */
    private static void assertEndState(Callable<Animation> make, Callable<Boolean> started, Runnable atEnd)
            throws Exception {
        Animation a = call(make);
        run(a::play);
        waitUntil(started);
        run(() -> {
            a.stop();
            atEnd.run();
        });
    }

    /** Plays a short animation to its end and checks the end state. */
    private static void assertFinishes(Callable<Animation> make, Runnable atEnd) throws Exception {
        Animation a = call(make);
        run(a::play);
        waitUntil(() -> a.getStatus() == Animation.Status.STOPPED);
        run(atEnd::run);
    }

    /** Plays an animation of no time: it must not run, and its end state must hold at once. */
    private static void assertZeroAppliesEnd(Callable<Animation> make, Runnable atEnd) throws Exception {
        run(() -> {
            Animation a = make.call();
            a.play();
            assertEquals(Animation.Status.STOPPED, a.getStatus());
            atEnd.run();
        });
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> call(condition));
    }

    private static Node lastVec(BioPanelController panel) {
        FlowPane box = (FlowPane) panel.getRoot().lookup("#bioVecsBox");
        assertNotNull(box);
        return box.getChildren().get(box.getChildren().size() - 1);
    }

    /** Every label's text under a node, in scene-graph order. */
    private static List<String> labels(Node root) {
        List<String> out = new ArrayList<>();
        for (Node n : root.lookupAll(".label")) {
            if (n instanceof Label) {
                out.add(((Label) n).getText());
            }
        }
        return out;
    }

    /** Every list's items under a node. */
    private static List<List<?>> lists(Node root) {
        List<List<?>> out = new ArrayList<>();
        for (Node n : root.lookupAll(".list-view")) {
            out.add(new ArrayList<>(((ListView<?>) n).getItems()));
        }
        return out;
    }

    private static void assertNoEffects(Node root) throws Exception {
        run(() -> {
            for (Node n : root.lookupAll("*")) {
                assertNull(n.getEffect(), () -> n + " still has an effect");
            }
        });
    }
}
