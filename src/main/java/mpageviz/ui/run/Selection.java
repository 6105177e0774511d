package mpageviz.ui.run;

import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * What the user picked, shared by every panel: clicking a page, bio or request anywhere selects it everywhere.
 * -1 (0 for ids) means nothing is selected.
 */
public final class Selection {
    private final LongProperty page = new SimpleLongProperty(this, "page", -1);
    private final IntegerProperty bio = new SimpleIntegerProperty(this, "bio", 0);
    private final IntegerProperty request = new SimpleIntegerProperty(this, "request", 0);

    public LongProperty pageProperty() {
        return page;
    }

    public IntegerProperty bioProperty() {
        return bio;
    }

    public IntegerProperty requestProperty() {
        return request;
    }

    public void selectPage(long index) {
        page.set(index);
    }

    public void selectBio(int id) {
        bio.set(id);
    }

    public void selectRequest(int id) {
        request.set(id);
    }
}
