package mpageviz.ui.dialog;

import java.util.List;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import mpageviz.layout.Layout;
import mpageviz.layout.gen.Behaviour;
import mpageviz.layout.gen.LayoutGenerator;

/**
 * Asks for a batch of generated layouts (what {@code generate} does on the command line): the behaviour to
 * exercise, the seed and how many. The result says whether to open layout #0 at once or to save them all. The
 * fields are checked as they are edited; both actions stay off while one is invalid, and the message names it.
 */
public final class GenerateDialog extends Dialog<GenerateDialog.Choice> {
    public static final ButtonType OPEN_FIRST = new ButtonType("Open the first", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType SAVE_ALL = new ButtonType("Save all...", ButtonBar.ButtonData.OTHER);
    /** The most layouts one batch holds, as for the generate command. */
    public static final int MAX_COUNT = 10_000;

    /** What to do with the batch. */
    public enum Action {
        OPEN_FIRST,
        SAVE_ALL
    }

    /** A batch: layout {@code i} is made from {@code LayoutGenerator.seedOf(seed, i)}, as on the command line. */
    public record Choice(Behaviour behaviour, long seed, int count, Action action) {
        public Layout layout(int index) {
            return LayoutGenerator.generate(behaviour, LayoutGenerator.seedOf(seed, index));
        }

        /** gen-BEHAVIOUR-SEED-I.layout.json, the names the generate command writes. */
        public String fileName(int index) {
            return LayoutGenerator.fileName(behaviour, seed, index);
        }

        /** The run name of layout {@code index}: its file name without the extension. */
        public String name(int index) {
            return LayoutGenerator.name(behaviour, seed, index);
        }
    }

    private final ComboBox<Behaviour> behaviourBox = new ComboBox<>();
    private final Label descriptionLabel = new Label();
    private final TextField seedField = new TextField("1");
    private final TextField countField = new TextField("10");
    private final Label filesLabel = new Label();
    private final Label problemLabel = new Label();

    public GenerateDialog(Window owner) {
        setTitle("Generate layouts");
        setHeaderText("Random but valid layouts that exercise one behaviour; the same seed gives the same layouts");
        initOwner(owner);
        getDialogPane().setId("generateDialog");
        if (owner != null && owner.getScene() != null) {
            getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        behaviourBox.setId("behaviourBox");
        behaviourBox.getItems().setAll(Behaviour.values());
        behaviourBox.setCellFactory(list -> new BehaviourCell(true));
        behaviourBox.setButtonCell(new BehaviourCell(false));
        behaviourBox.setValue(Behaviour.MIX);
        descriptionLabel.setId("behaviourDescriptionLabel");
        descriptionLabel.setWrapText(true);
        descriptionLabel.setMaxWidth(480);
        descriptionLabel.getStyleClass().add("muted");
        seedField.setId("seedField");
        seedField.setPrefColumnCount(12);
        countField.setId("countField");
        countField.setPrefColumnCount(6);
        filesLabel.setId("generateFilesLabel");
        filesLabel.getStyleClass().add("muted");
        problemLabel.setId("generateProblemLabel");
        problemLabel.setWrapText(true);
        problemLabel.setMaxWidth(480);
        problemLabel.setStyle("-fx-text-fill: #c83c00; -fx-font-weight: bold");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.addRow(0, new Label("behaviour"), behaviourBox);
        grid.add(descriptionLabel, 1, 1);
        grid.addRow(2, new Label("seed"), seedField);
        grid.addRow(3, new Label("count (1.." + MAX_COUNT + ")"), countField);
        getDialogPane().setContent(new VBox(8, grid, filesLabel, problemLabel));
        getDialogPane().getButtonTypes().addAll(OPEN_FIRST, SAVE_ALL, ButtonType.CANCEL);
        getDialogPane().lookupButton(OPEN_FIRST).setId("openFirstButton");
        getDialogPane().lookupButton(SAVE_ALL).setId("saveAllButton");
        behaviourBox.valueProperty().addListener(o -> revalidate());
        seedField.textProperty().addListener(o -> revalidate());
        countField.textProperty().addListener(o -> revalidate());
        setResultConverter(b -> b == OPEN_FIRST ? choice(Action.OPEN_FIRST) : b == SAVE_ALL
                ? choice(Action.SAVE_ALL) : null);
        revalidate();
    }

    /** A behaviour by its kebab name; in the open list with its description too. */
    private static final class BehaviourCell extends ListCell<Behaviour> {
        private final boolean described;

        BehaviourCell(boolean described) {
            this.described = described;
        }

        @Override
        protected void updateItem(Behaviour b, boolean empty) {
            super.updateItem(b, empty);
            setText(empty || b == null ? null : described ? b.kebabName() + "  \u2014  " + b.description()
                    : b.kebabName());
        }
    }

    /** The batch as the fields stand, or null while one is invalid. */
    public Choice choice(Action action) {
        return problem() != null ? null
                : new Choice(behaviourBox.getValue(), seed(), Integer.parseInt(countField.getText().trim()), action);
    }

    private long seed() {
        return Long.parseLong(seedField.getText().trim());
    }

    /** The first invalid field, named, or null. */
    private String problem() {
        if (behaviourBox.getValue() == null) {
            return "behaviour: choose one";
        }
        try {
            seed();
        } catch (NumberFormatException e) {
            return "seed: \u201c" + seedField.getText() + "\u201d is not a whole number (a 64-bit integer)";
        }
        int count;
        try {
            count = Integer.parseInt(countField.getText().trim());
        } catch (NumberFormatException e) {
            return "count: \u201c" + countField.getText() + "\u201d is not a whole number";
        }
        if (count < 1 || count > MAX_COUNT) {
            return "count: " + count + " is out of range 1.." + MAX_COUNT;
        }
        return null;
    }

    private void revalidate() {
        Behaviour b = behaviourBox.getValue();
        descriptionLabel.setText(b == null ? "" : b.description());
        String problem = problem();
        problemLabel.setText(problem == null ? "" : problem);
        Choice c = choice(Action.SAVE_ALL);
        filesLabel.setText(c == null ? "" : "Save all writes " + (c.count() == 1 ? c.fileName(0)
                : c.fileName(0) + " \u2026 " + c.fileName(c.count() - 1)));
        for (ButtonType t : List.of(OPEN_FIRST, SAVE_ALL)) {
            getDialogPane().lookupButton(t).setDisable(problem != null);
        }
    }
}
