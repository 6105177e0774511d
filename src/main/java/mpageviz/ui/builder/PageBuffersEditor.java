package mpageviz.ui.builder;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import mpageviz.layout.Layout.BufferSpec;
import mpageviz.layout.Layout.Extent;
import mpageviz.layout.Layout.PageSpec;
import mpageviz.layout.LayoutValidator;

/**
 * The buffer heads of one page of the initial page cache, one row per buffer: a check box per BH state bit and
 * the disk block it maps. Each change is one edit of the model. "Fill from the block map" maps every buffer the
 * way get_block would, which is how a page that an earlier block_read_full_page left behind looks.
 */
public final class PageBuffersEditor extends VBox {
    private final BuilderModel model;
    private final Label heading = new Label();
    private final CheckBox hasBuffers = new CheckBox("the page has buffer heads");
    private final Button fill = new Button("Fill from the block map");
    private final GridPane grid = new GridPane();
    private final ReadOnlyBooleanWrapper unparsable = new ReadOnlyBooleanWrapper(this, "unparsable");
    private long pageIndex = -1;
    // True while the controls are being set from the model, so their events do not come back as edits.
    private boolean showing;

    public PageBuffersEditor(BuilderModel model) {
        super(6);
        this.model = model;
        heading.getStyleClass().add("panel-title");
        hasBuffers.setId("hasBuffersBox");
        hasBuffers.setMnemonicParsing(false);
        fill.setId("fillBuffersButton");
        fill.setTooltip(new Tooltip("Each buffer gets mapped and the disk block its logical block has in the "
                + "extents; buffers over holes are left unmapped. Other state bits stay as they are."));
        grid.setHgap(8);
        grid.setVgap(4);
        hasBuffers.setOnAction(e -> {
            if (!showing) {
                setBuffers(hasBuffers.isSelected() ? emptyBuffers() : null);
            }
        });
        fill.setOnAction(e -> setBuffers(filledFromBlockMap()));
        HBox bar = new HBox(10, hasBuffers, fill);
        bar.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(heading, bar, grid);
        model.pageCache().addListener((ListChangeListener<PageSpec>) c -> refresh());
        model.problems().addListener((ListChangeListener<String>) c -> refresh());
        refresh();
    }

    /** Shows the buffers of the page with this index (-1: none). */
    public void showPage(long index) {
        pageIndex = index;
        refresh();
    }

    /** The page being edited, or -1. */
    public long pageIndex() {
        return pageIndex;
    }

    /** True while a disk block field holds text that is not a block number (Run stays off). */
    public ReadOnlyBooleanProperty unparsableProperty() {
        return unparsable.getReadOnlyProperty();
    }

    private PageSpec page() {
        for (PageSpec p : model.pageCache()) {
            if (p.index() == pageIndex) {
                return p;
            }
        }
        return null;
    }

    private void refresh() {
        showing = true;
        grid.getChildren().clear();
        unparsable.set(false);
        PageSpec page = page();
        hasBuffers.setDisable(page == null);
        fill.setDisable(page == null);
        if (page == null) {
            heading.setText("Select a page above to edit its buffer heads");
            hasBuffers.setSelected(false);
            showing = false;
            return;
        }
        long first = page.index() * model.blocksPerPage();
        heading.setText("Buffer heads of page " + page.index() + " (logical blocks " + first + ".."
                + (first + model.blocksPerPage() - 1) + ")");
        hasBuffers.setSelected(page.buffers() != null);
        if (page.buffers() != null) {
            showRows(page, first);
        }
        showing = false;
    }

    private void showRows(PageSpec page, long firstLogical) {
        List<String> flags = LayoutValidator.BUFFER_FLAGS;
        grid.addRow(0, header("buffer"), header("logical"));
        for (int f = 0; f < flags.size(); f++) {
            grid.add(header(flags.get(f)), 2 + f, 0);
        }
        grid.add(header("disk block"), 2 + flags.size(), 0);
        String prefix = "pageCache[" + model.pageCache().indexOf(page) + "].buffers[";
        for (int i = 0; i < page.buffers().size(); i++) {
            BufferSpec b = page.buffers().get(i);
            int row = i + 1;
            int which = i;
            grid.add(new Label("#" + i), 0, row);
            grid.add(new Label(String.valueOf(firstLogical + i)), 1, row);
            for (int f = 0; f < flags.size(); f++) {
                String flag = flags.get(f);
                CheckBox box = new CheckBox();
                box.setId("bh" + i + "-" + flag);
                box.setSelected(b.flags().contains(flag));
                box.setOnAction(e -> setFlag(which, flag, box.isSelected()));
                grid.add(box, 2 + f, row);
            }
            TextField block = new TextField(b.block() == null ? "" : String.valueOf(b.block()));
            block.setId("bh" + i + "-block");
            block.setPromptText("none");
            block.setPrefColumnCount(7);
            block.setOnAction(e -> setBlock(which, block));
            block.focusedProperty().addListener((o, was, now) -> {
                String shown = b.block() == null ? "" : String.valueOf(b.block());
                if (!now && !block.getText().trim().equals(shown)) {
                    setBlock(which, block);
                }
            });
            grid.add(block, 2 + flags.size(), row);
            String mine = prefix + i + "]";
            List<String> messages = model.problems().stream().filter(p -> p.startsWith(mine)).toList();
            if (!messages.isEmpty()) {
                block.pseudoClassStateChanged(LayoutBuilderWindow.PROBLEM, true);
                block.setTooltip(new Tooltip(String.join("\n", messages)));
            }
        }
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("buffers-header");
        return l;
    }

    private void setFlag(int buffer, String flag, boolean on) {
        List<BufferSpec> buffers = new ArrayList<>(page().buffers());
        BufferSpec b = buffers.get(buffer);
        List<String> flags = new ArrayList<>(b.flags());
        flags.remove(flag);
        if (on) {
            // Keep the layout-format order of the bits, whatever order they were clicked in.
            flags.add(flag);
            flags.sort((x, y) -> LayoutValidator.BUFFER_FLAGS.indexOf(x) - LayoutValidator.BUFFER_FLAGS.indexOf(y));
        }
        buffers.set(buffer, new BufferSpec(flags, b.block()));
        setBuffers(buffers);
    }

    private void setBlock(int buffer, TextField field) {
        String text = field.getText().trim();
        Long block;
        try {
            block = text.isEmpty() ? null : BuilderNotation.number(text);
        } catch (IllegalArgumentException e) {
            field.pseudoClassStateChanged(LayoutBuilderWindow.PROBLEM, true);
            field.setTooltip(new Tooltip("buffer #" + buffer + " disk block: " + e.getMessage()
                    + " (leave it empty for a buffer without a block)"));
            unparsable.set(true);
            return;
        }
        List<BufferSpec> buffers = new ArrayList<>(page().buffers());
        buffers.set(buffer, new BufferSpec(buffers.get(buffer).flags(), block));
        setBuffers(buffers);
        refresh();
    }

    private void setBuffers(List<BufferSpec> buffers) {
        PageSpec p = page();
        if (p != null) {
            model.setPage(new PageSpec(p.index(), p.flags(), buffers, p.alreadyCached()));
        }
    }

    private List<BufferSpec> emptyBuffers() {
        List<BufferSpec> out = new ArrayList<>();
        for (int i = 0; i < model.blocksPerPage(); i++) {
            out.add(new BufferSpec(List.of(), null));
        }
        return out;
    }

    private List<BufferSpec> filledFromBlockMap() {
        PageSpec p = page();
        List<BufferSpec> old = p.buffers() == null ? emptyBuffers() : p.buffers();
        List<BufferSpec> out = new ArrayList<>();
        long first = p.index() * model.blocksPerPage();
        for (int i = 0; i < old.size(); i++) {
            long disk = Extent.physicalOf(model.extents(), first + i);
            List<String> flags = new ArrayList<>(old.get(i).flags());
            flags.remove("mapped");
            if (disk >= 0) {
                flags.add(0, "mapped");
            }
            out.add(new BufferSpec(flags, disk >= 0 ? disk : null));
        }
        return out;
    }
}
