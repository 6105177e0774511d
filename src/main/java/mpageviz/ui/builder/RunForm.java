package mpageviz.ui.builder;

import java.util.List;

import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;

import mpageviz.layout.LayoutValidator;
import mpageviz.layout.RunSpec;

/**
 * The "Operation and block layer" tab: which mpage.c entry point runs (readpages, readpage, writepage,
 * writepages) with its arguments, and the plug and merge switches. The fields build one {@link RunSpec} together,
 * so they commit as a group, and only the ones the chosen operation takes are enabled.
 */
final class RunForm {
    private final BuilderModel model;
    private final ProblemMarks problems;
    private final FieldBinder fields;
    private final ComboBox<String> opBox;
    private final ComboBox<String> syncBox;
    private final TextField firstField;
    private final TextField countField;
    private final TextField pagesField;
    private final TextField indexField;
    private final TextField rangeStartField;
    private final TextField rangeEndField;
    private final TextField nrToWriteField;
    private final CheckBox cyclicBox;
    private final CheckBox memallocBox;
    private final CheckBox plugBox;
    private final CheckBox mergeBox;
    private final CheckBox sortOnFlushBox;
    // True while controls are being set from the model, so their change events do not echo back as edits.
    private boolean showing;

    RunForm(BuilderModel model, ProblemMarks problems, FieldBinder fields, ComboBox<String> opBox,
            ComboBox<String> syncBox, TextField firstField, TextField countField, TextField pagesField,
            TextField indexField, TextField rangeStartField, TextField rangeEndField, TextField nrToWriteField,
            CheckBox cyclicBox, CheckBox memallocBox, CheckBox plugBox, CheckBox mergeBox, CheckBox sortOnFlushBox) {
        this.model = model;
        this.problems = problems;
        this.fields = fields;
        this.opBox = opBox;
        this.syncBox = syncBox;
        this.firstField = firstField;
        this.countField = countField;
        this.pagesField = pagesField;
        this.indexField = indexField;
        this.rangeStartField = rangeStartField;
        this.rangeEndField = rangeEndField;
        this.nrToWriteField = nrToWriteField;
        this.cyclicBox = cyclicBox;
        this.memallocBox = memallocBox;
        this.plugBox = plugBox;
        this.mergeBox = mergeBox;
        this.sortOnFlushBox = sortOnFlushBox;
    }

    void wire() {
        opBox.getItems().setAll(LayoutValidator.OPS);
        syncBox.getItems().setAll(LayoutValidator.SYNC_MODES);
        fields.check(plugBox, model.plugProperty(), model::setPlug);
        fields.check(mergeBox, model.mergeProperty(), model::setMerge);
        fields.check(sortOnFlushBox, model.sortOnFlushProperty(), model::setSortOnFlush);
        List<TextField> runFields = List.of(firstField, countField, pagesField, indexField, rangeStartField,
                rangeEndField, nrToWriteField);
        String[] paths = {"run.first", "run.count", "run.pages", "run.index", "run.rangeStart", "run.rangeEnd",
            "run.nrToWrite"};
        for (int i = 0; i < paths.length; i++) {
            TextField f = runFields.get(i);
            problems.register(paths[i], f);
            f.setOnAction(e -> commitRun(f));
            f.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    commitRun(f);
                }
            });
        }
        problems.register("run.syncMode", syncBox);
        problems.register("run", opBox);
        opBox.setOnAction(e -> commitRun(opBox));
        syncBox.setOnAction(e -> commitRun(syncBox));
        cyclicBox.setOnAction(e -> commitRun(cyclicBox));
        memallocBox.setOnAction(e -> commitRun(memallocBox));
        model.runProperty().addListener((o, was, now) -> showRun());
        showRun();
    }

    private void showRun() {
        RunSpec r = model.runProperty().get();
        showing = true;
        opBox.setValue(r.op());
        boolean list = r.pages() != null;
        UndoKeys.show(firstField, list || r.first() < 0 ? "" : String.valueOf(r.first()));
        UndoKeys.show(countField, list || r.first() < 0 ? "" : String.valueOf(r.count()));
        UndoKeys.show(pagesField, list ? BuilderNotation.longs(r.pages()) : "");
        UndoKeys.show(indexField, String.valueOf(Math.max(0, r.index())));
        syncBox.setValue(r.syncMode() == null ? "none" : r.syncMode());
        UndoKeys.show(rangeStartField, String.valueOf(r.rangeStart()));
        UndoKeys.show(rangeEndField, String.valueOf(r.rangeEnd()));
        UndoKeys.show(nrToWriteField, r.nrToWrite() < 0 ? "" : String.valueOf(r.nrToWrite()));
        cyclicBox.setSelected(r.rangeCyclic());
        memallocBox.setSelected(r.memalloc());
        boolean readpages = RunSpec.READPAGES.equals(r.op());
        boolean single = RunSpec.READPAGE.equals(r.op()) || RunSpec.WRITEPAGE.equals(r.op());
        boolean writepages = RunSpec.WRITEPAGES.equals(r.op());
        firstField.setDisable(!readpages);
        countField.setDisable(!readpages);
        pagesField.setDisable(!readpages);
        indexField.setDisable(!single);
        syncBox.setDisable(!r.isWrite());
        rangeStartField.setDisable(!writepages);
        rangeEndField.setDisable(!writepages);
        nrToWriteField.setDisable(!writepages);
        cyclicBox.setDisable(!writepages);
        showing = false;
    }

    /** Builds the call from the operation fields; a field that does not parse is marked and nothing changes. */
    private void commitRun(Node source) {
        if (showing) {
            return;
        }
        try {
            String op = opBox.getValue();
            RunSpec run;
            switch (op) {
                case RunSpec.READPAGES:
                    run = !pagesField.getText().isBlank() ? RunSpec.readpages(BuilderNotation.parseLongs(
                            pagesField.getText())) : RunSpec.readpages(number(firstField, 0), number(countField, 1));
                    break;
                case RunSpec.READPAGE:
                    run = RunSpec.readpage(number(indexField, 0));
                    break;
                case RunSpec.WRITEPAGE:
                    run = RunSpec.writepage(number(indexField, 0), syncBox.getValue());
                    break;
                default:
                    run = new RunSpec(RunSpec.WRITEPAGES, -1, 0, null, -1, syncBox.getValue(),
                            number(rangeStartField, 0), number(rangeEndField, -1), number(nrToWriteField, -1),
                            cyclicBox.isSelected(), false);
            }
            problems.unparsed(source, null);
            if (source instanceof TextField f) {
                UndoKeys.committed(f);
            }
            model.setRun(run.withMemalloc(memallocBox.isSelected()));
        } catch (IllegalArgumentException e) {
            problems.unparsed(source, e.getMessage());
        }
    }

    private static long number(TextField f, long blank) {
        return f.getText().isBlank() ? blank : BuilderNotation.number(f.getText());
    }
}
