package mpageviz.ui.builder;

import java.util.List;

import javafx.collections.ListChangeListener;
import javafx.scene.control.TextField;

import mpageviz.layout.Layout;

/**
 * The "get_block and faults" tab: what the file system's get_block answers (how many blocks per call, which are
 * uptodate, which fail), the cleancache hits, and the bad sectors and bio_alloc failures the block layer injects.
 */
final class FaultsForm {
    private final BuilderModel model;
    private final FieldBinder fields;
    private final TextField maxBlocksField;
    private final TextField uptodateField;
    private final TextField errorsField;
    private final TextField cleancacheField;
    private final TextField badSectorsField;
    private final TextField bioAllocFailuresField;

    FaultsForm(BuilderModel model, FieldBinder fields, TextField maxBlocksField, TextField uptodateField,
            TextField errorsField, TextField cleancacheField, TextField badSectorsField,
            TextField bioAllocFailuresField) {
        this.model = model;
        this.fields = fields;
        this.maxBlocksField = maxBlocksField;
        this.uptodateField = uptodateField;
        this.errorsField = errorsField;
        this.cleancacheField = cleancacheField;
        this.badSectorsField = badSectorsField;
        this.bioAllocFailuresField = bioAllocFailuresField;
    }

    void wire() {
        fields.text(maxBlocksField, "getBlock.maxBlocks",
            () -> String.valueOf(model.getBlockProperty().get().maxBlocks()),
            t -> {
                Layout.GetBlockSpec g = model.getBlockProperty().get();
                model.setGetBlock(new Layout.GetBlockSpec((int) BuilderNotation.number(t), g.uptodate(), g.errors()));
            });
        fields.text(uptodateField, "getBlock.uptodate",
            () -> BuilderNotation.longs(model.getBlockProperty().get().uptodate()),
            t -> {
                Layout.GetBlockSpec g = model.getBlockProperty().get();
                model.setGetBlock(new Layout.GetBlockSpec(g.maxBlocks(), BuilderNotation.parseLongs(t), g.errors()));
            });
        fields.text(errorsField, "getBlock.errors",
            () -> BuilderNotation.errors(model.getBlockProperty().get().errors()),
            t -> {
                Layout.GetBlockSpec g = model.getBlockProperty().get();
                model.setGetBlock(new Layout.GetBlockSpec(g.maxBlocks(), g.uptodate(), BuilderNotation.parseErrors(t)));
            });
        fields.text(cleancacheField, "cleancache", () -> BuilderNotation.longs(model.cleancache()),
            t -> model.setCleancache(BuilderNotation.parseLongs(t)));
        fields.text(badSectorsField, "faults.badSectors",
            () -> BuilderNotation.sectorRanges(model.faultsProperty().get().badSectors()),
            t -> model.setFaults(new Layout.Faults(BuilderNotation.parseSectorRanges(t),
                    model.faultsProperty().get().bioAllocFailures())));
        fields.text(bioAllocFailuresField, "faults.bioAllocFailures",
            () -> BuilderNotation.longs(model.faultsProperty().get().bioAllocFailures()),
            t -> model.setFaults(new Layout.Faults(model.faultsProperty().get().badSectors(),
                    BuilderNotation.parseInts(t))));
        for (TextField f : List.of(maxBlocksField, uptodateField, errorsField)) {
            fields.refreshOn(f, model.getBlockProperty());
        }
        fields.refreshOn(badSectorsField, model.faultsProperty());
        fields.refreshOn(bioAllocFailuresField, model.faultsProperty());
        model.cleancache().addListener((ListChangeListener<Long>) c -> fields.refresh(cleancacheField));
    }
}
