package mpageviz.layout;

import java.nio.file.Path;
import java.util.List;

/**
 * A layout that cannot be used: it could not be read, is not valid JSON, or breaks layout-format.md. Carries every
 * problem found, each a line that starts with the field path ({@code geometry.blockSize: 3000 is not a power of
 * two}), and the file it came from when there was one, so a caller can print {@code FILE: problem}.
 */
public class LayoutException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final List<String> problems;

    /** A layout with these problems; {@code file} may be null (a layout parsed from a string or a tree). */
    public LayoutException(Path file, List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a LayoutException needs at least one problem");
        }
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    /** The layout file, or null when the layout did not come from a file. */
    public Path file() {
        return file;
    }

    /** The problems, one per entry, each starting with the field path. */
    public List<String> problems() {
        return problems;
    }

    /** The same problems, attributed to {@code newFile}. */
    public LayoutException withFile(Path newFile) {
        LayoutException e = new LayoutException(newFile, problems);
        e.initCause(getCause());
        return e;
    }
}
