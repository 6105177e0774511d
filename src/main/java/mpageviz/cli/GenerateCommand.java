package mpageviz.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import mpageviz.layout.Layout;
import mpageviz.layout.LayoutWriter;
import mpageviz.layout.gen.Behaviour;
import mpageviz.layout.gen.LayoutGenerator;

/**
 * The {@code generate} command: writes {@code count} random layouts that exercise one behaviour (or a mix) into a
 * folder, reproducible from the seed. Exit codes as for the other commands: 0 done, 1 an I/O error, 2 a usage error;
 * each error is one line on stderr.
 */
public final class GenerateCommand {
    /** The most layouts one call writes. */
    static final int MAX_COUNT = 10_000;

    static final String USAGE = usage();

    private GenerateCommand() {
    }

    private static String usage() {
        List<String> lines = new ArrayList<>();
        lines.add("usage: mpageviz generate --seed N --count K --out DIR [--behaviour NAME]");
        lines.add("  writes DIR/gen-NAME-N-i.layout.json for i = 0..K-1 (DIR is created; files are replaced);");
        lines.add("  the same seed always gives the same files. K is 1.." + MAX_COUNT + ". NAME is one of:");
        for (Behaviour b : Behaviour.values()) {
            lines.add(String.format("    %-30s %s%s", b.kebabName(), b.description(),
                    b == Behaviour.MIX ? " (the default)" : ""));
        }
        return String.join("\n", lines);
    }


    /** Parsed arguments. */
    private record Options(long seed, int count, Path out, Behaviour behaviour) {
    }

    /** Runs {@code generate} with the arguments after the command name; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(USAGE);
            return 0;
        }
        Options o;
        try {
            o = parse(args);
        } catch (Cli.UsageException e) {
            err.println("mpageviz: generate: " + e.getMessage());
            return 2;
        }
        try {
            Files.createDirectories(o.out());
        } catch (FileAlreadyExistsException e) {
            err.println("mpageviz: generate: cannot create " + o.out() + ": a file of that name exists");
            return 1;
        } catch (IOException e) {
            err.println("mpageviz: generate: cannot create " + o.out() + ": " + reason(e));
            return 1;
        }
        List<Layout> layouts = LayoutGenerator.generate(o.behaviour(), o.seed(), o.count());
        for (int i = 0; i < layouts.size(); i++) {
            Path file = o.out().resolve(fileName(o.behaviour(), o.seed(), i));
            try {
                LayoutWriter.save(layouts.get(i), file);
            } catch (IOException e) {
                err.println("mpageviz: generate: cannot write " + file + ": " + reason(e));
                return 1;
            }
            out.println(file + ": " + layouts.get(i).title());
        }
        return 0;
    }

    static String fileName(Behaviour behaviour, long seed, int index) {
        return LayoutGenerator.fileName(behaviour, seed, index);
    }

    private static Options parse(String[] args) throws Cli.UsageException {
        String seed = null;
        String count = null;
        String dir = null;
        String behaviour = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--seed":
                    seed = Args.once(a, seed, Args.value(args, ++i, a));
                    break;
                case "--count":
                    count = Args.once(a, count, Args.value(args, ++i, a));
                    break;
                case "--out":
                    dir = Args.once(a, dir, Args.value(args, ++i, a));
                    break;
                case "--behaviour":
                    behaviour = Args.once(a, behaviour, Args.value(args, ++i, a));
                    break;
                default:
                    throw new Cli.UsageException(a.startsWith("-") ? "unknown option " + a
                            + " (options: --seed, --count, --out, --behaviour; --help lists the behaviours)"
                            : "unexpected argument '" + a + "'");
            }
        }
        if (seed == null || count == null || dir == null) {
            String missing = seed == null ? "--seed" : count == null ? "--count" : "--out";
            throw new Cli.UsageException(missing + " is required (generate --seed N --count K --out DIR"
                    + " [--behaviour NAME])");
        }
        return new Options(parseSeed(seed), parseCount(count), parseDir(dir), parseBehaviour(behaviour));
    }

    private static long parseSeed(String text) throws Cli.UsageException {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new Cli.UsageException("--seed '" + text + "' is not a whole number (a 64-bit integer)");
        }
    }

    private static int parseCount(String text) throws Cli.UsageException {
        int n;
        try {
            n = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new Cli.UsageException("--count '" + text + "' is not a whole number");
        }
        if (n < 1 || n > MAX_COUNT) {
            throw new Cli.UsageException("--count " + n + " is out of range 1.." + MAX_COUNT);
        }
        return n;
    }

    private static Path parseDir(String text) throws Cli.UsageException {
        if (text.isBlank()) {
            throw new Cli.UsageException("--out needs a folder name");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new Cli.UsageException("--out '" + text + "' is not a valid path");
        }
    }

    private static Behaviour parseBehaviour(String name) throws Cli.UsageException {
        if (name == null) {
            return Behaviour.MIX;
        }
        Behaviour b = Behaviour.fromName(name);
        if (b == null) {
            List<String> names = new ArrayList<>();
            for (Behaviour x : Behaviour.values()) {
                names.add(x.kebabName());
            }
            throw new Cli.UsageException("unknown behaviour '" + name + "' (one of " + String.join(", ", names) + ")");
        }
        return b;
    }

    /** A short reason for an I/O failure. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
            return "a file is in the way";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
