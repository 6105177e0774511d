package mpageviz.ui.samples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import mpageviz.layout.AtomicFile;

/**
 * Real files for the disk images that samples name. A sample's {@code device.image} is relative to the samples
 * folder, but the samples ship as resources (inside the jar, or the build folder) and a layout reads its image
 * through a {@link Path}. So each image a sample asks for is copied once per run into a private temporary folder
 * laid out like the resource folder; layouts parsed with that folder as their base dir then find it. The copies
 * are deleted when the application exits.
 */
final class SampleImages {
    private final String resourceFolder;
    private final Set<String> copied = new HashSet<>();
    private Path folder;

    /** @param resourceFolder the resource folder the images' paths are relative to, such as "/samples/" */
    SampleImages(String resourceFolder) {
        this.resourceFolder = resourceFolder.endsWith("/") ? resourceFolder : resourceFolder + "/";
    }

    /**
     * The folder in which {@code image}, a path relative to the resource folder, is a real file, copying it there
     * on first use; null when {@code image} is absolute (it names a file of its own, not a resource).
     *
     * @throws IOException when the image is not among the application's resources, leaves the resource folder,
     *                     or cannot be copied
     */
    synchronized Path folderWith(String image) throws IOException {
        Path relative;
        try {
            relative = Path.of(image).normalize();
        } catch (InvalidPathException e) {
            throw new IOException("the sample's image \"" + image + "\" is not a valid path", e);
        }
        if (relative.isAbsolute()) {
            return null;
        }
        String name = relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
        if (name.isEmpty() || name.equals("..") || name.startsWith("../")) {
            throw new IOException("the sample's image \"" + image + "\" is outside the samples folder");
        }
        if (folder == null) {
            folder = Files.createTempDirectory("mpageviz-samples-");
            folder.toFile().deleteOnExit();
        }
        if (!copied.contains(name)) {
            copy(name, folder.resolve(relative));
            copied.add(name);
        }
        return folder;
    }

    /** Whether {@code file} is one of the temporary copies (which vanish when the application exits). */
    synchronized boolean isCopy(Path file) {
        return folder != null && file.toAbsolutePath().normalize().startsWith(folder.toAbsolutePath().normalize());
    }

    private void copy(String name, Path target) throws IOException {
        try (InputStream in = SampleImages.class.getResourceAsStream(resourceFolder + name)) {
            if (in == null) {
                throw new IOException("the sample's image " + name + " is missing from the application");
            }
            // deleteOnExit deletes in the reverse order of registration: folders first, so they go last.
            Path subfolders = folder.relativize(target.getParent());
            Path d = folder;
            if (!subfolders.toString().isEmpty()) {
                for (Path part : subfolders) {
                    d = d.resolve(part);
                    Files.createDirectories(d);
                    d.toFile().deleteOnExit();
                }
            }
            target.toFile().deleteOnExit();
            AtomicFile.write(target, in::transferTo);
        }
    }
}
