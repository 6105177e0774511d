package mpageviz.ui.panel;

import mpageviz.view.RunState;

/** A panel drawn from the state at the cursor. Rendering the same state twice draws the same picture. */
public interface RunPanel {
    void render(RunState state);
}
