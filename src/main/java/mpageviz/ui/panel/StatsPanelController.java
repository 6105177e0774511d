package mpageviz.ui.panel;

import java.util.Map;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import mpageviz.ui.FxmlPart;
import mpageviz.ui.run.Selection;
import mpageviz.view.Counters;
import mpageviz.view.PageBytes;
import mpageviz.view.PageView;
import mpageviz.view.RunState;

/** Running totals of the run at the cursor, and the selected page's bytes in hex, rebuilt from the trace. */
public final class StatsPanelController extends FxmlPart<VBox> implements RunPanel {
    @FXML private GridPane statsGrid;
    @FXML private Label hexTitleLabel;
    @FXML private TextArea hexArea;

    private final Selection selection;
    private PageBytes.Disk disk;
    private RunState state;
    private int rows;

    public StatsPanelController(Selection selection) {
        super("StatsPanel.fxml");
        this.selection = selection;
        selection.pageProperty().addListener(o -> {
            if (state != null) {
                showHex(state);
            }
        });
    }

    /** Where page bytes from disk are read back from (the run's image). */
    public void setDisk(PageBytes.Disk disk) {
        this.disk = disk;
    }

    @Override
    public void render(RunState s) {
        this.state = s;
        Counters c = s.counters();
        int bios = c.biosSubmitted();
        int pagesInBios = c.bioPages();
        rows = 0;
        statsGrid.getChildren().clear();
        row("mpage bios sent", String.valueOf(bios));
        row("pages per bio", bios == 0 ? "-" : String.format("%.1f", (double) pagesInBios / bios));
        row("buffer-head I/Os", String.valueOf(c.bhSubmitted()));
        row("requests served", String.valueOf(c.requestsServed()));
        row("get_block calls", String.valueOf(c.getBlockCalls()));
        row("metadata reads", String.valueOf(c.metaReads()));
        row("fallbacks", c.fallbacks().isEmpty() ? "0" : fallbacks(c.fallbacks()));
        row("bytes read / written", c.bytesRead() + " / " + c.bytesWritten());
        row("seek distance", c.seekSectors() + " sectors");
        if (!s.mappingErrors().isEmpty()) {
            row("mapping errors", String.join(", ", s.mappingErrors()));
        }
        showHex(s);
    }

    private static String fallbacks(Map<String, Integer> byReason) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> e : byReason.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getValue()).append(' ').append(e.getKey());
        }
        return sb.toString();
    }

    private void row(String name, String value) {
        Label n = new Label(name);
        n.getStyleClass().add("stat-name");
        Label v = new Label(value);
        v.getStyleClass().add("stat-value");
        v.setId("stat-" + name.replaceAll("[^a-z]+", "-"));
        statsGrid.addRow(rows++, n, v);
    }

    private void showHex(RunState s) {
        long index = selection.pageProperty().get();
        if (index < 0) {
            index = s.currentPage() >= 0 ? s.currentPage() : s.pageCount() > 0 ? s.indexOfSlot(0) : -1;
        }
        PageView p = index < 0 ? null : s.page(index);
        if (p == null || disk == null) {
            hexTitleLabel.setText("bytes of the selected page");
            hexArea.setText(index < 0 ? "select a page to see its bytes" : "page " + index + " does not exist yet");
            return;
        }
        hexTitleLabel.setText("bytes of page " + index + " at this step");
        byte[] bytes = PageBytes.of(p, s.layout().geometry().pageSize(), disk);
        hexArea.setText(hex(bytes));
    }

    /** A classic hex dump: offset, 16 bytes in hex, the printable characters. */
    public static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 5);
        for (int off = 0; off < bytes.length; off += 16) {
            sb.append(String.format("%05x  ", off));
            StringBuilder ascii = new StringBuilder(16);
            for (int i = 0; i < 16; i++) {
                int at = off + i;
                if (at < bytes.length) {
                    int b = bytes[at] & 0xff;
                    sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16)).append(' ');
                    ascii.append(b >= 32 && b < 127 ? (char) b : b == '\n' ? '\u21b5' : '.');
                } else {
                    sb.append("   ");
                }
            }
            sb.append(' ').append(ascii).append('\n');
        }
        return sb.toString();
    }
}
