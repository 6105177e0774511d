package mpageviz.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import mpageviz.layout.AtomicFile;
import mpageviz.layout.Layout;
import mpageviz.layout.LayoutException;
import mpageviz.layout.LayoutReader;
import mpageviz.layout.ext2.DebugfsScript;
import mpageviz.layout.ext2.Ext2Exception;

/**
 * The {@code debugfs-script} command: writes the debugfs command file that recreates a layout's file on a new ext2
 * image, and prints the mke2fs and debugfs commands to run. Exit codes as for the other commands: 0 done, 1 a bad
 * layout, a layout ext2 cannot hold or an I/O error, 2 a usage error; each error is one line on stderr.
 */
public final class DebugfsCommand {
    public static final String USAGE = "debugfs-script LAYOUT [--name NAME] --out SCRIPT";
    /** What the printed commands call the image; the user picks the real name. */
    static final String IMAGE = "IMAGE";

    private DebugfsCommand() {
    }


    /** Parsed arguments; {@code name} is null when the layout's file name should give it. */
    private record Options(Path layout, String name, Path script) {
    }

    /** Runs {@code debugfs-script} with the arguments after the command name; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (Cli.UsageException e) {
            err.println("mpageviz: debugfs-script: " + e.getMessage());
            return 2;
        }
        Layout layout;
        try {
            layout = LayoutReader.read(o.layout());
        } catch (LayoutException e) {
            for (String p : e.problems()) {
                err.println(o.layout() + ": " + p);
            }
            return 1;
        }
        String name = o.name() != null ? o.name() : defaultName(o.layout());
        DebugfsScript script;
        try {
            script = DebugfsScript.from(layout, name);
        } catch (Ext2Exception e) {
            err.println(o.layout() + ": " + e.getMessage());
            return 1;
        }
        try {
            byte[] text = script.commands().getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(o.script(), stream -> stream.write(text));
        } catch (IOException e) {
            err.println("mpageviz: debugfs-script: cannot write " + o.script() + ": " + e.getMessage());
            return 1;
        }
        int indirect = script.indirect().size();
        out.println(o.script() + ": debugfs commands that recreate the layout's file as /" + name + " ("
                + layout.file().size() + " bytes, " + dataBlocks(layout) + " data blocks, " + indirect + " indirect "
                + (indirect == 1 ? "block" : "blocks") + ") on a new ext2 image");
        for (String note : script.notes()) {
            out.println("  note: " + note);
        }
        out.println("run (" + IMAGE + ": the image file to make):");
        out.println("  " + script.mke2fsCommand(IMAGE));
        out.println("  " + DebugfsScript.debugfsCommand(o.script().toString(), IMAGE));
        return 0;
    }

    private static long dataBlocks(Layout layout) {
        long n = 0;
        for (Layout.Extent e : layout.file().extents()) {
            n += e.count();
        }
        return n;
    }

    /** The layout file's name without .layout.json, in the characters a debugfs name may hold here. */
    static String defaultName(Path layout) {
        String base = layout.getFileName().toString();
        for (String ext : new String[] {".layout.json", ".json"}) {
            if (base.endsWith(ext)) {
                base = base.substring(0, base.length() - ext.length());
                break;
            }
        }
        base = base.replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.isEmpty() || base.startsWith(".")) {
            base = "file" + base;
        }
        return base.length() > 255 ? base.substring(0, 255) : base;
    }

    private static Options parse(String[] args) throws Cli.UsageException {
        String layout = null;
        String name = null;
        String script = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--name":
                    name = Args.once(a, name, Args.value(args, ++i, a));
                    break;
                case "--out":
                    script = Args.once(a, script, Args.value(args, ++i, a));
                    break;
                default:
                    if (a.startsWith("-")) {
                        throw new Cli.UsageException("unknown option " + a + " (usage: " + USAGE + ")");
                    }
                    if (layout != null) {
                        throw new Cli.UsageException("unexpected argument '" + a + "': name one layout (usage: " + USAGE
                                + ")");
                    }
                    layout = a;
            }
        }
        if (layout == null || script == null) {
            throw new Cli.UsageException((layout == null ? "name a layout" : "--out is required") + " (usage: " + USAGE
                    + ")");
        }
        if (name != null && !DebugfsScript.isValidName(name)) {
            throw new Cli.UsageException("--name '" + name + "' " + DebugfsScript.NAME_RULE);
        }
        return new Options(path(layout, "the layout"), name, path(script, "--out"));
    }

    private static Path path(String text, String what) throws Cli.UsageException {
        try {
            if (text.isBlank()) {
                throw new Cli.UsageException(what + " needs a file name");
            }
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new Cli.UsageException(what + " '" + text + "' is not a valid path");
        }
    }
}
