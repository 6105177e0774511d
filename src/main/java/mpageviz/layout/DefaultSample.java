package mpageviz.layout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;


/** The layout a first launch shows: mpage.c's own BH_Boundary example, shipped inside the application. */
public final class DefaultSample {
    public static final String NAME = "07-boundary.layout.json";
    private static final String RESOURCE = "/samples/" + NAME;

    private DefaultSample() {
    }

    public static Layout load() throws IOException, LayoutException {
        try (InputStream in = DefaultSample.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the built-in sample " + RESOURCE + " is missing from the application");
            }
            return LayoutReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), null);
        }
    }
}
