package mpageviz.ui.panel;

import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;

/**
 * Keeps a row of a list in view without the cost of ListView.scrollTo, which re-estimates every row's size:
 * nothing moves when the row is already visible, and otherwise the row goes near the top.
 */
final class ListScroll {
    private ListScroll() {
    }

    static void ensureVisible(ListView<?> list, int index) {
        if (index < 0) {
            return;
        }
        VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        if (flow == null) {
            list.scrollTo(index);
            return;
        }
        IndexedCell<?> first = flow.getFirstVisibleCell();
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (first != null && last != null && index > first.getIndex() && index < last.getIndex()) {
            return;
        }
        // Put the row near the top, so that the next screenful of steps needs no scrolling at all.
        flow.scrollToTop(Math.max(0, index - 2));
    }
}
