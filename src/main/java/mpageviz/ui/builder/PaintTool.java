package mpageviz.ui.builder;

/** What a drag or click on the paint canvas does to the file's block map (the answers get_block will give). */
public enum PaintTool {
    MAP("Map", "mapToolButton", "Map: drag logical blocks and drop them on a disk block"),
    ERASE("Erase", "eraseToolButton", "Erase: drag across logical blocks to make them holes"),
    BOUNDARY("Boundary", "boundaryToolButton", "Boundary: click a logical block to mark or clear BH_Boundary"),
    METADATA("Metadata", "metadataToolButton",
            "Metadata: drag the logical range an indirect block maps onto its disk block; click one to remove it");

    private final String label;
    private final String buttonId;
    private final String hint;

    PaintTool(String label, String buttonId, String hint) {
        this.label = label;
        this.buttonId = buttonId;
        this.hint = hint;
    }

    public String label() {
        return label;
    }

    /** The fx:id-style id of the tool's toggle button (tests look it up). */
    public String buttonId() {
        return buttonId;
    }

    /** One line on how to use the tool, for the status line and the button's tooltip. */
    public String hint() {
        return hint;
    }
}
