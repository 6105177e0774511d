package mpageviz.ui.builder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.util.Callback;

/**
 * Puts the validator's messages and the text parser's complaints on the controls they name. It keeps the
 * registry from field paths of layout-format.md ("run.count") to controls, the texts that do not parse (Run stays
 * off while any is listed), and the problems list that jumps to a message's field.
 */
final class ProblemMarks {
    private static final Pattern INDEXED = Pattern.compile("^[A-Za-z.]+\\[(\\d+)\\]");

    private final BuilderModel model;
    private final TabPane sectionTabs;
    private final Label statusLabel;
    private final List<TableView<?>> tables;
    // Field paths to the control that edits them; the longest prefix wins.
    private final Map<String, Node> fieldNodes = new LinkedHashMap<>();
    // Controls whose text does not parse, with the reason.
    private final Map<Node, String> unparsable = new HashMap<>();
    private final SimpleBooleanProperty textOk = new SimpleBooleanProperty(true);
    private ReadOnlyBooleanProperty pageBuffersUnparsable;

    /** {@code tables} are refreshed on every change, so their {@link #rows} re-mark the rows messages name. */
    ProblemMarks(BuilderModel model, TabPane sectionTabs, Label statusLabel, List<TableView<?>> tables) {
        this.model = model;
        this.sectionTabs = sectionTabs;
        this.statusLabel = statusLabel;
        this.tables = tables;
    }

    /** True while every text parses (the fields here and the page buffers editor's). */
    ReadOnlyBooleanProperty textOkProperty() {
        return textOk;
    }

    /** Registers the control that edits a field path, for messages that name it. */
    void register(String path, Node node) {
        fieldNodes.put(path, node);
    }

    /** The page buffers editor keeps its own unparsable text, which also holds Run back. */
    void alsoWatch(ReadOnlyBooleanProperty pageBuffersUnparsable) {
        this.pageBuffersUnparsable = pageBuffersUnparsable;
        pageBuffersUnparsable.addListener((o, was, now) -> textOk.set(unparsable.isEmpty() && !now));
    }

    /** Shows the model's problems in the list, with its title counting them; a click goes to the field. */
    void wireList(ListView<String> problemsList, Label problemsTitleLabel) {
        problemsList.setItems(model.problems());
        Label valid = new Label("None: the layout is valid, and Run shows it in the main window.");
        valid.setWrapText(true);
        problemsList.setPlaceholder(valid);
        problemsList.setOnMouseClicked(e -> {
            String p = problemsList.getSelectionModel().getSelectedItem();
            if (p != null) {
                showProblem(p);
            }
        });
        problemsList.setOnKeyPressed(e -> {
            String p = problemsList.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && p != null) {
                showProblem(p);
            }
        });
        problemsList.setTooltip(new Tooltip("Click a problem to go to the field it names"));
        problemsTitleLabel.textProperty().bind(Bindings.when(Bindings.isEmpty(model.problems()))
                .then("Problems").otherwise(Bindings.size(model.problems()).asString("Problems (%d)")));
        problemsList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setWrapText(true);
                // Wrap within the list rather than scrolling sideways.
                setPrefWidth(0);
            }
        });
    }

    /** Marks the controls now, and again whenever the validator's messages change. */
    void follow() {
        model.problems().addListener((ListChangeListener<String>) c -> markProblems());
        markProblems();
    }

    /** Records (or clears, with null) a text that does not parse, and marks its control. */
    void unparsed(Node node, String reason) {
        if (reason == null) {
            unparsable.remove(node);
        } else {
            unparsable.put(node, reason);
            statusLabel.setText(reason);
        }
        textOk.set(unparsable.isEmpty() && !pageBuffersUnparsable.get());
        markProblems();
    }

    /** Puts the problem pseudo-class and a tooltip with its messages on each control the messages name. */
    private void markProblems() {
        Map<Node, List<String>> byNode = new HashMap<>();
        for (String p : model.problems()) {
            Node n = nodeFor(p);
            if (n != null) {
                byNode.computeIfAbsent(n, k -> new ArrayList<>()).add(p);
            }
        }
        unparsable.forEach((n, reason) -> byNode.computeIfAbsent(n, k -> new ArrayList<>()).add(reason));
        for (Node n : fieldNodes.values()) {
            List<String> messages = byNode.get(n);
            n.pseudoClassStateChanged(LayoutBuilderWindow.PROBLEM, messages != null);
            if (n instanceof Control) {
                ((Control) n).setTooltip(messages == null ? null
                        : new Tooltip(String.join("\n", messages)));
            }
        }
        tables.forEach(TableView::refresh);
    }

    /** Brings the control a message names into view: its tab, the table row it names, and the focus. */
    void showProblem(String problem) {
        Node node = nodeFor(problem);
        if (node == null) {
            return;
        }
        for (Tab tab : sectionTabs.getTabs()) {
            for (Node n = node; n != null; n = n.getParent()) {
                if (n == tab.getContent()) {
                    sectionTabs.getSelectionModel().select(tab);
                }
            }
        }
        Matcher row = INDEXED.matcher(problem);
        if (node instanceof TableView<?> table && row.find()) {
            int i = Integer.parseInt(row.group(1));
            table.getSelectionModel().select(i);
            table.scrollTo(i);
        }
        node.requestFocus();
    }

    /** The control for a message's field path: the longest registered path the message's path starts with. */
    private Node nodeFor(String problem) {
        int colon = problem.indexOf(':');
        String path = colon < 0 ? problem : problem.substring(0, colon);
        String best = null;
        for (String key : fieldNodes.keySet()) {
            boolean match = path.equals(key) || path.startsWith(key + ".") || path.startsWith(key + "[");
            if (match && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return best == null ? null : fieldNodes.get(best);
    }

    /** A row factory for a table whose rows messages name by index, e.g. {@code "file.extents["}. */
    <T> Callback<TableView<T>, TableRow<T>> rows(String prefix) {
        return t -> new ProblemRow<>(prefix);
    }

    /** A table row that turns red when a message names its index ("file.extents[2]: ..."). */
    private final class ProblemRow<T> extends TableRow<T> {
        private final String prefix;

        ProblemRow(String prefix) {
            this.prefix = prefix;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            String mine = prefix + getIndex() + "]";
            boolean bad = !empty && model.problems().stream().anyMatch(p -> p.startsWith(mine));
            pseudoClassStateChanged(LayoutBuilderWindow.PROBLEM, bad);
        }
    }
}
