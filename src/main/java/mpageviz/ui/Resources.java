package mpageviz.ui;

import java.net.URL;

/** Looks up application resources and fails at once, naming the missing one. */
public final class Resources {
    private Resources() {
    }

    public static URL require(String path) {
        URL url = Resources.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException("missing resource " + path);
        }
        return url;
    }

    public static String stylesheet(String name) {
        return require("/styles/" + name).toExternalForm();
    }
}
