package mpageviz.ui.dialog;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import mpageviz.layout.Layout;
import mpageviz.layout.LayoutValidator;
import mpageviz.layout.RunSpec;

/**
 * Chooses the call and its parameters (readpages, readpage, writepages, writepage) and the block layer settings
 * for a rerun. The layout is validated as it is edited; OK stays off while it is invalid, and the first problem
 * is shown, naming its field.
 */
public final class RunDialog extends Dialog<Layout> {
    private final Layout base;
    private final ComboBox<String> opBox = new ComboBox<>();
    private final TextField firstField = field("firstField");
    private final TextField countField = field("countField");
    private final TextField indexField = field("indexField");
    private final ComboBox<String> syncBox = new ComboBox<>();
    private final TextField rangeStartField = field("rangeStartField");
    private final TextField rangeEndField = field("rangeEndField");
    private final TextField nrToWriteField = field("nrToWriteField");
    private final CheckBox cyclicBox = new CheckBox("range cyclic (start at writeback_index)");
    private final CheckBox memallocBox = new CheckBox("PF_MEMALLOC (bio_alloc retries with half the vectors)");
    private final CheckBox plugBox = new CheckBox("plug the call");
    private final CheckBox mergeBox = new CheckBox("merge bios into requests");
    private final CheckBox sortBox = new CheckBox("sort the plug by sector on flush (3.8)");
    private final Label problemLabel = new Label();

    public RunDialog(Layout base, Window owner) {
        this.base = base;
        setTitle("Operation and block layer");
        setHeaderText("Run the layout with another call or block layer");
        initOwner(owner);
        opBox.getItems().addAll(RunSpec.READPAGES, RunSpec.READPAGE, RunSpec.WRITEPAGES, RunSpec.WRITEPAGE);
        opBox.setId("opBox");
        syncBox.getItems().addAll("none", "all");
        syncBox.setId("syncBox");
        RunSpec r = base.run();
        opBox.setValue(r.op());
        List<Long> pages = r.op().equals(RunSpec.READPAGES) ? r.readaheadPages() : List.of(0L);
        firstField.setText(String.valueOf(pages.isEmpty() ? 0 : pages.get(0)));
        countField.setText(String.valueOf(Math.max(1, pages.size())));
        indexField.setText(String.valueOf(Math.max(0, r.index())));
        syncBox.setValue(r.syncMode() == null ? "none" : r.syncMode());
        rangeStartField.setText(String.valueOf(r.rangeStart()));
        rangeEndField.setText(String.valueOf(r.rangeEnd()));
        nrToWriteField.setText(r.nrToWrite() < 0 ? "" : String.valueOf(r.nrToWrite()));
        cyclicBox.setSelected(r.rangeCyclic());
        memallocBox.setSelected(r.memalloc());
        plugBox.setSelected(base.blockLayer().plug());
        mergeBox.setSelected(base.blockLayer().merge());
        sortBox.setSelected(base.blockLayer().sortOnFlush());
        problemLabel.setId("runProblemLabel");
        problemLabel.setWrapText(true);
        problemLabel.setStyle("-fx-text-fill: #c83c00; -fx-font-weight: bold");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        int row = 0;
        grid.addRow(row++, new Label("operation"), opBox);
        grid.addRow(row++, new Label("readpages: first page"), firstField);
        grid.addRow(row++, new Label("readpages: pages"), countField);
        grid.addRow(row++, new Label("readpage / writepage: page"), indexField);
        grid.addRow(row++, new Label("sync mode"), syncBox);
        grid.addRow(row++, new Label("writepages: first page"), rangeStartField);
        grid.addRow(row++, new Label("writepages: last page (-1: to the end)"), rangeEndField);
        grid.addRow(row++, new Label("writepages: nr_to_write (empty: no limit)"), nrToWriteField);
        VBox box = new VBox(8, grid, cyclicBox, memallocBox, plugBox, mergeBox, sortBox, problemLabel);
        getDialogPane().setContent(box);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().setId("runDialog");
        for (Node n : List.of(opBox, firstField, countField, indexField, syncBox, rangeStartField, rangeEndField,
                nrToWriteField, cyclicBox, memallocBox, plugBox, mergeBox, sortBox)) {
            if (n instanceof TextField) {
                ((TextField) n).textProperty().addListener(o -> revalidate());
            } else if (n instanceof CheckBox) {
                ((CheckBox) n).selectedProperty().addListener(o -> revalidate());
            } else {
                ((ComboBox<?>) n).valueProperty().addListener(o -> revalidate());
            }
        }
        setResultConverter(b -> b == ButtonType.OK ? build() : null);
        revalidate();
    }

    private static TextField field(String id) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(8);
        return f;
    }

    /** The layout as the dialog stands, or null when a number does not parse. */
    public Layout build() {
        try {
            String op = opBox.getValue();
            RunSpec run;
            switch (op) {
                case RunSpec.READPAGES:
                    run = RunSpec.readpages(number(firstField), number(countField));
                    break;
                case RunSpec.READPAGE:
                    run = RunSpec.readpage(number(indexField));
                    break;
                case RunSpec.WRITEPAGE:
                    run = RunSpec.writepage(number(indexField), syncBox.getValue());
                    break;
                default:
                    long nr = nrToWriteField.getText().isBlank() ? -1 : number(nrToWriteField);
                    run = new RunSpec(RunSpec.WRITEPAGES, -1, 0, null, -1, syncBox.getValue(),
                            number(rangeStartField), number(rangeEndField), nr, cyclicBox.isSelected(), false);
            }
            run = run.withMemalloc(memallocBox.isSelected());
            Layout l = base.withRun(run);
            return new Layout(l.title(), l.notes(), l.geometry(), l.file(), l.device(), l.pageCache(), l.getBlock(),
                    l.cleancache(), l.faults(), new Layout.BlockLayerSpec(plugBox.isSelected(), mergeBox.isSelected(),
                    sortBox.isSelected()), l.memory(), run, l.baseDir());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long number(TextField f) {
        return Long.parseLong(f.getText().trim());
    }

    private void revalidate() {
        boolean readpages = RunSpec.READPAGES.equals(opBox.getValue());
        boolean single = RunSpec.READPAGE.equals(opBox.getValue()) || RunSpec.WRITEPAGE.equals(opBox.getValue());
        boolean writepages = RunSpec.WRITEPAGES.equals(opBox.getValue());
        firstField.setDisable(!readpages);
        countField.setDisable(!readpages);
        indexField.setDisable(!single);
        syncBox.setDisable(readpages || RunSpec.READPAGE.equals(opBox.getValue()));
        rangeStartField.setDisable(!writepages);
        rangeEndField.setDisable(!writepages);
        nrToWriteField.setDisable(!writepages);
        cyclicBox.setDisable(!writepages);
        Layout l = build();
        List<String> problems = l == null ? List.of("a number field holds something that is not a number")
                : new ArrayList<>(LayoutValidator.problems(l));
        problemLabel.setText(problems.isEmpty() ? "" : problems.get(0)
                + (problems.size() > 1 ? "  (+" + (problems.size() - 1) + " more)" : ""));
        Node ok = getDialogPane().lookupButton(ButtonType.OK);
        if (ok != null) {
            ok.setDisable(!problems.isEmpty());
        }
    }
}
