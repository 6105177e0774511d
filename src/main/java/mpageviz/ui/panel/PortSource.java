package mpageviz.ui.panel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The port's own source (engine/MPage.java, shipped as a resource) and where in it each reference mpage.c line
 * is: the port marks its place with {@code k.line = N;}, so the narration can highlight the Java line that
 * corresponds to the kernel line an event names.
 */
public final class PortSource {
    private static final Pattern MARK = Pattern.compile("k\\.line = (\\d+);");
    private final List<String> lines;
    private final java.util.TreeMap<Integer, Integer> javaLineOf = new java.util.TreeMap<>();

    private PortSource(List<String> lines) {
        this.lines = lines;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARK.matcher(lines.get(i));
            if (m.find()) {
                javaLineOf.putIfAbsent(Integer.parseInt(m.group(1)), i);
            }
        }
    }

    public static PortSource load() {
        try (InputStream in = PortSource.class.getResourceAsStream("/source/MPage.java")) {
            if (in == null) {
                return new PortSource(List.of("(the port's source is not packaged with this build)"));
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new PortSource(Arrays.asList(text.split("\n", -1)));
        } catch (IOException e) {
            return new PortSource(List.of("(cannot read the port's source: " + e.getMessage() + ")"));
        }
    }

    public List<String> lines() {
        return lines;
    }

    /**
     * The 0-based Java line marked with mpage.c line {@code mpageLine} or, failing that, with the nearest mark
     * within the next few lines (a function's first line is marked where its body starts); -1 if none.
     */
    public int javaLine(int mpageLine) {
        Map.Entry<Integer, Integer> e = javaLineOf.ceilingEntry(mpageLine);
        return e == null || e.getKey() - mpageLine > 8 ? -1 : e.getValue();
    }
}
