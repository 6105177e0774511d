package mpageviz.ui.window;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import mpageviz.ui.FxmlPart;
import mpageviz.ui.anim.StepAnimated;
import mpageviz.ui.canvas.Palette;
import mpageviz.ui.panel.BioPanelController;
import mpageviz.ui.panel.BlockLayerPanelController;
import mpageviz.ui.panel.DiskPanelController;
import mpageviz.ui.panel.EventLogPanelController;
import mpageviz.ui.panel.FileMapPanelController;
import mpageviz.ui.panel.NarrationPanelController;
import mpageviz.ui.panel.PageCachePanelController;
import mpageviz.ui.panel.RunPanel;
import mpageviz.ui.panel.StatsPanelController;
import mpageviz.ui.run.PlaybackModel;
import mpageviz.ui.run.Selection;
import mpageviz.view.RunState;

/**
 * The eight panels in the window's three columns, all drawn from one {@link RunState}:
 *
 * <pre>
 * left         middle        right
 * file map     BIO           narration
 * page cache   block layer   event log
 *              disk          stats
 * </pre>
 *
 * The canvases share one {@link Palette}, read from the theme's CSS.
 */
final class RunPanels {
    private final Palette palette;
    private final List<RunPanel> all = new ArrayList<>();
    private final PageCachePanelController pageCache;
    private final FileMapPanelController fileMap;
    private final BioPanelController bio;
    private final BlockLayerPanelController blockLayer;
    private final DiskPanelController disk;
    private final NarrationPanelController narration;
    private final EventLogPanelController eventLog;
    private final StatsPanelController stats;

    RunPanels(PlaybackModel model, Selection selection, VBox left, VBox middle, VBox right) {
        palette = new Palette(left);
        fileMap = add(left, new FileMapPanelController(selection, palette), false);
        pageCache = add(left, new PageCachePanelController(selection, palette), true);
        bio = add(middle, new BioPanelController(selection), false);
        blockLayer = add(middle, new BlockLayerPanelController(selection), true);
        disk = add(middle, new DiskPanelController(selection, palette), true);
        narration = add(right, new NarrationPanelController(model), true);
        eventLog = add(right, new EventLogPanelController(model, palette), true);
        stats = add(right, new StatsPanelController(selection), false);
    }

    private <T extends FxmlPart<? extends Region> & RunPanel> T add(VBox column, T panel, boolean grow) {
        column.getChildren().add(panel.getRoot());
        if (grow) {
            VBox.setVgrow(panel.getRoot(), Priority.ALWAYS);
        }
        all.add(panel);
        return panel;
    }

    PageCachePanelController pageCache() {
        return pageCache;
    }

    BioPanelController bio() {
        return bio;
    }

    NarrationPanelController narration() {
        return narration;
    }

    EventLogPanelController eventLog() {
        return eventLog;
    }

    StatsPanelController stats() {
        return stats;
    }

    /** The panels File ▸ Save a panel as PNG offers, in its order, by the names it shows. */
    Map<String, Region> byName() {
        Map<String, Region> named = new LinkedHashMap<>();
        named.put("page cache", pageCache.getRoot());
        named.put("file map", fileMap.getRoot());
        named.put("BIO", bio.getRoot());
        named.put("block layer", blockLayer.getRoot());
        named.put("disk", disk.getRoot());
        named.put("narration", narration.getRoot());
        named.put("stats", stats.getRoot());
        return named;
    }

    void render(RunState state) {
        for (RunPanel p : all) {
            p.render(state);
        }
    }

    /** Plays the +1 step from {@code before} to {@code after} on the panels that animate, over {@code duration}. */
    void animate(RunState before, RunState after, Duration duration) {
        for (RunPanel p : all) {
            if (p instanceof StepAnimated) {
                ((StepAnimated) p).animate(before, after.event(), after, duration);
            }
        }
    }

    /** Forgets the palette's colours, after a theme switch. */
    void refreshPalette() {
        palette.refresh();
    }
}
