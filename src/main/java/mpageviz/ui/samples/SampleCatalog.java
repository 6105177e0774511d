package mpageviz.ui.samples;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import mpageviz.layout.Layout;
import mpageviz.layout.LayoutException;
import mpageviz.layout.LayoutReader;

/**
 * The sample layouts shipped with the application (from the jar or the build folder), with their titles. A sample
 * that names a disk image (the ext2 samples) gets a real copy of it from {@link SampleImages}, and its layout
 * resolves the image there.
 */
public final class SampleCatalog {
    private static final String FOLDER = "/samples/";
    private static final SampleImages IMAGES = new SampleImages(FOLDER);

    /** One sample: its file name and title. */
    public record Sample(String name, String title) {
    }

    private SampleCatalog() {
    }

    public static List<Sample> list() {
        List<Sample> out = new ArrayList<>();
        for (String name : names()) {
            try {
                out.add(new Sample(name, load(name).title()));
            } catch (IOException | LayoutException e) {
                out.add(new Sample(name, name + " (unreadable: " + e.getMessage() + ")"));
            }
        }
        return out;
    }

    /**
     * Whether {@code image} is the temporary copy of a shipped sample's image: a layout saved elsewhere must take
     * its own copy of such an image, since the temporary one is deleted when the application exits.
     */
    public static boolean isTemporaryImage(Path image) {
        return IMAGES.isCopy(image);
    }

    public static Layout load(String name) throws IOException, LayoutException {
        String json;
        try (InputStream in = SampleCatalog.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IOException("no sample " + name + " in the application");
            }
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String image = imageOf(json);
        return LayoutReader.parse(json, image == null ? null : IMAGES.folderWith(image));
    }

    /**
     * The device.image a layout's text names, or null. A text that does not get that far is left for the layout
     * reader to report.
     */
    private static String imageOf(String json) {
        try {
            JsonElement root = JsonParser.parseString(json);
            JsonElement device = root.isJsonObject() ? root.getAsJsonObject().get("device") : null;
            JsonElement image = device != null && device.isJsonObject() ? device.getAsJsonObject().get("image") : null;
            return image != null && image.isJsonPrimitive() && image.getAsJsonPrimitive().isString()
                    ? image.getAsString() : null;
        } catch (RuntimeException e) { // Gson's syntax errors, or a text nested too deep
            return null;
        }
    }

    private static List<String> names() {
        URL url = SampleCatalog.class.getResource(FOLDER);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Collections.emptyMap())) {
                    return listDir(fs.getPath("/samples"));
                }
            }
            return listDir(Path.of(uri));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return List.of();
        }
    }

    private static List<String> listDir(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".layout.json")).sorted()
                    .collect(java.util.stream.Collectors.toList());
        }
    }
}
