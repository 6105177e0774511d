package mpageviz.ui.window;

import java.util.Optional;
import java.util.function.Supplier;

import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;

import mpageviz.ui.run.Breakpoint;
import mpageviz.ui.run.PlaybackModel;

/**
 * Run ▸ Breakpoints: a check item per {@link Breakpoint} (any fallback, a fallback with each reason, any bio
 * sent, a bio sent with each reason, an I/O error), items that ask for a page or a disk block, and Clear.
 * Checking an item adds its breakpoint to the playback model; unchecking removes it.
 */
final class BreakpointsMenu {
    /** The reasons a fallback event can carry (why mpage handed the page to the buffer-head path). */
    private static final String[] FALLBACK_REASONS = {"page-has-buffers", "get-block-error", "get-block-uptodate",
        "hole-then-data", "discontiguous", "cleancache-hit", "bio-alloc-failed", "unmapped-dirty-buffer",
        "buffer-not-dirty-or-uptodate", "all-buffers-unmapped", "beyond-eof"};
    /** The reasons a bio event can carry (why mpage sent the bio it was building). */
    private static final String[] BIO_REASONS = {"not-contiguous-with-bio", "bio-full", "boundary", "partial-page",
        "before-fallback", "end-of-call"};

    private final Menu menu;
    private final PlaybackModel model;
    private final Supplier<Window> owner;
    private final StatusLine status;

    BreakpointsMenu(Menu menu, PlaybackModel model, Supplier<Window> owner, StatusLine status) {
        this.menu = menu;
        this.model = model;
        this.owner = owner;
        this.status = status;
        build();
    }

    /** Fills the menu afresh, every item unchecked (after Clear, every breakpoint is gone). */
    private void build() {
        menu.getItems().clear();
        addItem(Breakpoint.fallback(null), "breakAnyFallback");
        Menu byReason = new Menu("Fallback with reason");
        for (String r : FALLBACK_REASONS) {
            byReason.getItems().add(item(Breakpoint.fallback(r), "breakFallback-" + r));
        }
        menu.getItems().add(byReason);
        addItem(Breakpoint.bioSubmit(null), "breakAnyBio");
        Menu bioReason = new Menu("Bio sent with reason");
        for (String r : BIO_REASONS) {
            bioReason.getItems().add(item(Breakpoint.bioSubmit(r), "breakBio-" + r));
        }
        menu.getItems().add(bioReason);
        addItem(Breakpoint.error(), "breakError");
        MenuItem page = new MenuItem("On a page...");
        page.setOnAction(e -> askNumber("Break on a page", "Page index:").ifPresent(n -> {
            addItem(Breakpoint.page(n), "breakPage-" + n).setSelected(true);
        }));
        MenuItem block = new MenuItem("On a disk block...");
        block.setOnAction(e -> askNumber("Break when the disk serves a block", "Disk block:").ifPresent(n -> {
            int bs = model.session().layout().geometry().blockSize();
            addItem(Breakpoint.diskBlock(n, bs), "breakBlock-" + n).setSelected(true);
        }));
        MenuItem clear = new MenuItem("Clear all breakpoints");
        clear.setOnAction(e -> {
            model.breakpoints().clear();
            build();
        });
        menu.getItems().addAll(new SeparatorMenuItem(), page, block, clear);
    }

    private CheckMenuItem addItem(Breakpoint b, String id) {
        CheckMenuItem item = item(b, id);
        menu.getItems().add(item);
        return item;
    }

    private CheckMenuItem item(Breakpoint b, String id) {
        CheckMenuItem item = new CheckMenuItem(b.label());
        item.setId(id);
        item.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                model.breakpoints().add(b);
            } else {
                model.breakpoints().remove(b);
            }
        });
        return item;
    }

    /** A number of zero or more from a small dialog; anything else is empty (text that is no number says so). */
    private Optional<Long> askNumber(String title, String prompt) {
        TextInputDialog d = new TextInputDialog();
        d.setTitle(title);
        d.setHeaderText(title);
        d.setContentText(prompt);
        d.initOwner(owner.get());
        return d.showAndWait().flatMap(t -> {
            try {
                long n = Long.parseLong(t.trim());
                return n >= 0 ? Optional.of(n) : Optional.empty();
            } catch (NumberFormatException ex) {
                status.say(prompt + " \u201c" + t + "\u201d is not a number");
                return Optional.empty();
            }
        });
    }
}
