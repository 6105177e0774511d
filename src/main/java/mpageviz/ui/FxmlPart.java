package mpageviz.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;

import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * A piece of the window built from {@code /fxml/NAME.fxml}, with this object as its controller (FXML files
 * declare no fx:controller). Controllers get their models through their constructors.
 */
public abstract class FxmlPart<T extends Parent> {
    private static final String FXML_FOLDER = "/fxml/";
    private final T root;

    protected FxmlPart(String fxmlName) {
        URL url = Resources.require(FXML_FOLDER + fxmlName);
        FXMLLoader loader = new FXMLLoader(url);
        loader.setController(this);
        try {
            this.root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + url, e);
        }
    }

    public T getRoot() {
        return root;
    }
}
