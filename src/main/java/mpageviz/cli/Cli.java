package mpageviz.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import mpageviz.engine.Runner;
import mpageviz.kernel.KernelBug;
import mpageviz.layout.DefaultSample;
import mpageviz.layout.Layout;
import mpageviz.layout.LayoutException;
import mpageviz.layout.LayoutReader;
import mpageviz.trace.Probe;
import mpageviz.trace.Trace;
import mpageviz.trace.TraceException;
import mpageviz.trace.TraceFile;

/**
 * The command line: {@code run}, {@code validate}, {@code summary} and {@code ext2}. Errors are one line each on
 * stderr, without a stack trace; the exit code is 0 on success, 1 when an input was bad, 2 on a usage error.
 */
public final class Cli {
    static final String USAGE = String.join("\n",
            "usage: mpageviz COMMAND ...",
            "  run LAYOUT... [--trace FILE | --trace-dir DIR] [--image IMG] [--in-place]",
            "      run each layout through the mpage engine and print what happened",
            "  validate LAYOUT...      check layouts; prints every problem, exits 1 if any",
            "  summary TRACE           print the summary stored in a trace file",
            "  " + Ext2Command.USAGE_LS,
            "      list a directory of an ext2 image (type, inode, size, name)",
            "  " + Ext2Command.USAGE_LAYOUT,
            "      write a layout for a regular file of an ext2 image; its run does real I/O on the image",
            "      (default op: readpages of the whole file, or of COUNT pages from page FIRST with --first/--count;",
            "      write ops run on a copy unless run --in-place)",
            "  demo                    run the built-in default sample (the BH_Boundary example)",
            "  " + DebugfsCommand.USAGE,
            "      write a debugfs -w command file that recreates the layout's file on a new ext2 image",
            "      and print the mke2fs and debugfs commands to run",
            "  generate --seed N --count K --out DIR [--behaviour NAME]",
            "      write K random layouts that exercise NAME (default mix); 'generate --help' lists the names",
            "  help                    this text");

    private final PrintStream out;
    private final PrintStream err;

    public Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Cli(System.out, System.err).execute(args));
    }

    public int execute(String[] args) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "run":
                    return run(rest);
                case "validate":
                    return validate(rest);
                case "summary":
                    return summary(rest);
                case "ext2":
                    return new Ext2Command(out, err).execute(rest);
                case "demo":
                    return demo();
                case "debugfs-script":
                    return DebugfsCommand.run(rest, out, err);
                case "generate":
                    return GenerateCommand.run(rest, out, err);
                case "help":
                case "--help":
                case "-h":
                    out.println(USAGE);
                    return 0;
                default:
                    err.println("mpageviz: unknown command '" + args[0] + "'");
                    err.println(USAGE);
                    return 2;
            }
        } catch (UsageException e) {
            err.println("mpageviz: " + e.getMessage());
            return 2;
        }
    }

    /** A command line that does not parse. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private int run(String[] args) throws UsageException {
        List<Path> layouts = new ArrayList<>();
        Path traceFile = null;
        Path traceDir = null;
        Path image = null;
        boolean inPlace = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--trace":
                    traceFile = Path.of(value(args, ++i, "--trace"));
                    break;
                case "--trace-dir":
                    traceDir = Path.of(value(args, ++i, "--trace-dir"));
                    break;
                case "--image":
                    image = Path.of(value(args, ++i, "--image"));
                    break;
                case "--in-place":
                    inPlace = true;
                    break;
                default:
                    if (args[i].startsWith("--")) {
                        throw new UsageException("run: unknown option " + args[i]);
                    }
                    layouts.add(Path.of(args[i]));
            }
        }
        if (layouts.isEmpty()) {
            throw new UsageException("run: name at least one layout file");
        }
        if (traceFile != null && traceDir != null) {
            throw new UsageException("run: give --trace or --trace-dir, not both");
        }
        if (traceFile != null && layouts.size() > 1) {
            throw new UsageException("run: --trace takes one layout; use --trace-dir for several");
        }
        if (image != null && !Files.isReadable(image)) {
            err.println(image + ": cannot read the image");
            return 1;
        }
        int status = 0;
        SummaryPrinter printer = new SummaryPrinter(out);
        for (Path file : layouts) {
            Layout layout;
            try {
                layout = LayoutReader.read(file);
            } catch (LayoutException e) {
                printProblems(file, e);
                status = 1;
                continue;
            }
            Path target = traceFile != null ? traceFile
                    : traceDir != null ? traceDir.resolve(baseName(file) + ".trace.json") : null;
            Trace trace = target == null ? null : new Trace(layout);
            try {
                Runner.Result r = Runner.run(layout, new Runner.Options(trace == null ? Probe.OFF : trace, image,
                        inPlace));
                out.println(file + ": " + (layout.title().isEmpty() ? "(untitled)" : layout.title()));
                printer.print(layout, r.summary());
                if (r.imageCopy()) {
                    out.println("  wrote to a copy of the image: " + r.image());
                } else if (r.image() != null && layout.run().isWrite()) {
                    out.println("  wrote to the image in place: " + r.image());
                }
                if (trace != null) {
                    trace.setSummary(r.summary());
                    TraceFile.save(trace, target);
                    out.println("  trace: " + target + " (" + trace.publishedSize() + " events)");
                }
                out.println();
            } catch (IOException | UncheckedIOException e) {
                err.println(file + ": I/O error: " + e.getMessage());
                status = 1;
            } catch (KernelBug e) {
                err.println(file + ": " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }

    /** Runs the built-in default sample, read from the application's resources. */
    private int demo() {
        try {
            Layout layout = DefaultSample.load();
            Runner.Result r = Runner.run(layout, Runner.Options.quiet());
            out.println(DefaultSample.NAME + ": " + layout.title());
            new SummaryPrinter(out).print(layout, r.summary());
            return 0;
        } catch (LayoutException | IOException e) {
            err.println(DefaultSample.NAME + ": " + e.getMessage());
            return 1;
        }
    }

    private int validate(String[] args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("validate: name at least one layout file");
        }
        int status = 0;
        for (String a : args) {
            Path file = Path.of(a);
            try {
                Layout l = LayoutReader.read(file);
                out.println(file + ": ok (" + SummaryPrinter.describeRun(l.run()) + ")");
            } catch (LayoutException e) {
                printProblems(file, e);
                status = 1;
            }
        }
        return status;
    }

    private int summary(String[] args) throws UsageException {
        if (args.length != 1) {
            throw new UsageException("summary: name one trace file");
        }
        Path file = Path.of(args[0]);
        try {
            Trace t = TraceFile.load(file);
            if (t.summary() == null) {
                err.println(file + ": the trace has no summary");
                return 1;
            }
            out.println(file + ": " + t.layout().title() + " (" + t.publishedSize() + " events)");
            new SummaryPrinter(out).print(t.layout(), t.summary());
            return 0;
        } catch (TraceException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println(file + ": " + e.getMessage());
            return 1;
        }
    }

    private void printProblems(Path file, LayoutException e) {
        for (String p : e.problems()) {
            err.println(file + ": " + p);
        }
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException("run: " + option + " needs a value");
        }
        return args[i];
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        for (String ext : new String[] {".layout.json", ".json"}) {
            if (name.endsWith(ext)) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }
}
