package mpageviz.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import mpageviz.layout.Layout;
import mpageviz.layout.LayoutWriter;
import mpageviz.layout.RunSpec;
import mpageviz.layout.ext2.Ext2DirEntry;
import mpageviz.layout.ext2.Ext2Exception;
import mpageviz.layout.ext2.Ext2Image;
import mpageviz.layout.ext2.Ext2LayoutBuilder;

/**
 * The {@code ext2} command: {@code ls} lists a directory of a real ext2 image, {@code layout} turns one of its
 * regular files into a layout file whose run does real I/O on the image. Its run reads or writes the whole file
 * unless {@code --first}/{@code --count} pick a readahead window (say, the pages around an indirect block).
 */
final class Ext2Command {
    static final String USAGE_LS = "ext2 ls IMAGE [PATH]";
    static final String USAGE_LAYOUT = "ext2 layout IMAGE PATH [--op readpages|writepages|readpage N|writepage N] "
            + "[--first N] [--count N] [--page-size N] --out LAYOUT";

    private final PrintStream out;
    private final PrintStream err;

    Ext2Command(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int execute(String[] args) throws Cli.UsageException {
        if (args.length == 0) {
            throw new Cli.UsageException("ext2: say ls or layout (" + USAGE_LS + " | " + USAGE_LAYOUT + ")");
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "ls":
                return ls(rest);
            case "layout":
                return layout(rest);
            default:
                throw new Cli.UsageException("ext2: unknown subcommand '" + args[0] + "' (ls or layout)");
        }
    }

    private int ls(String[] args) throws Cli.UsageException {
        if (args.length < 1 || args.length > 2) {
            throw new Cli.UsageException("usage: " + USAGE_LS);
        }
        Path image = Path.of(args[0]);
        String path = args.length == 2 ? args[1] : "/";
        try (Ext2Image img = Ext2Image.open(image)) {
            for (Ext2DirEntry e : img.list(path)) {
                out.printf("%-8s %10d %14d %s%n", e.type(), e.inode(), e.size(), e.name());
            }
            return 0;
        } catch (Ext2Exception e) {
            err.println(image + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println(image + ": " + e.getMessage());
            return 1;
        }
    }

    private int layout(String[] args) throws Cli.UsageException {
        List<String> positional = new ArrayList<>();
        Ext2LayoutBuilder.Call call = Ext2LayoutBuilder.Call.readpages();
        int pageSize = Ext2LayoutBuilder.DEFAULT_PAGE_SIZE;
        Long first = null;
        Long count = null;
        Path target = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--op":
                    String op = value(args, ++i, "--op");
                    if (RunSpec.READPAGE.equals(op) || RunSpec.WRITEPAGE.equals(op)) {
                        long page = number(value(args, ++i, "--op " + op), "--op " + op);
                        call = RunSpec.READPAGE.equals(op) ? Ext2LayoutBuilder.Call.readpage(page)
                                : Ext2LayoutBuilder.Call.writepage(page);
                    } else if (RunSpec.READPAGES.equals(op)) {
                        call = Ext2LayoutBuilder.Call.readpages();
                    } else if (RunSpec.WRITEPAGES.equals(op)) {
                        call = Ext2LayoutBuilder.Call.writepages();
                    } else {
                        throw new Cli.UsageException("ext2 layout: --op " + op
                                + " is not readpages, writepages, readpage N or writepage N");
                    }
                    break;
                case "--page-size":
                    long n = number(value(args, ++i, "--page-size"), "--page-size");
                    if (n > Integer.MAX_VALUE) {
                        throw new Cli.UsageException("ext2 layout: --page-size " + n + " is too large");
                    }
                    pageSize = (int) n;
                    break;
                case "--first":
                    first = number(value(args, ++i, "--first"), "--first");
                    break;
                case "--count":
                    count = number(value(args, ++i, "--count"), "--count");
                    if (count == 0) {
                        throw new Cli.UsageException("ext2 layout: --count 0 reads no page");
                    }
                    break;
                case "--out":
                    target = Path.of(value(args, ++i, "--out"));
                    break;
                default:
                    if (args[i].startsWith("--")) {
                        throw new Cli.UsageException("ext2 layout: unknown option " + args[i]);
                    }
                    positional.add(args[i]);
            }
        }
        if (positional.size() != 2 || target == null) {
            throw new Cli.UsageException("usage: " + USAGE_LAYOUT);
        }
        if ((first != null || count != null) && !RunSpec.READPAGES.equals(call.op())) {
            throw new Cli.UsageException("ext2 layout: --first and --count choose the pages of readpages, not of "
                    + call.op());
        }
        Path image = Path.of(positional.get(0));
        String file = positional.get(1);
        Path folder = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            err.println(target + ": cannot write the layout (no such folder " + folder + ")");
            return 1;
        }
        Layout layout;
        try (Ext2Image img = Ext2Image.open(image)) {
            layout = Ext2LayoutBuilder.build(img, file, call, pageSize, folder);
        } catch (Ext2Exception e) {
            err.println(image + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println(image + ": " + e.getMessage());
            return 1;
        }
        if (first != null || count != null) {
            try {
                layout = Ext2LayoutBuilder.readaheadWindow(layout, first, count);
            } catch (IllegalArgumentException e) {
                err.println(image + ": " + Ext2Image.normalize(file) + ": " + e.getMessage());
                return 1;
            }
        }
        try {
            LayoutWriter.save(layout, target);
        } catch (IOException e) {
            err.println(target + ": cannot write the layout (" + e.getMessage() + ")");
            return 1;
        }
        out.println(target + ": " + layout.title() + ", " + Ext2LayoutBuilder.describe(layout) + "; "
                + describeRun(layout));
        return 0;
    }

    /** The run in a few words, without listing pages (a sparse file's i_size can span millions of them). */
    private static String describeRun(Layout layout) {
        RunSpec run = layout.run();
        switch (run.op()) {
            case RunSpec.READPAGES:
                return "readpages of " + (run.count() == 1 ? "page " + run.first()
                        : run.count() + " pages " + run.first() + ".." + (run.first() + run.count() - 1));
            case RunSpec.WRITEPAGES:
                return "writepages of " + layout.pageCache().size() + " dirty page"
                        + (layout.pageCache().size() == 1 ? "" : "s");
            default:
                return run.op() + " of page " + run.index();
        }
    }

    private static String value(String[] args, int i, String option) throws Cli.UsageException {
        if (i >= args.length) {
            throw new Cli.UsageException("ext2 layout: " + option + " needs a value");
        }
        return args[i];
    }

    private static long number(String text, String option) throws Cli.UsageException {
        try {
            long n = Long.parseLong(text);
            if (n < 0) {
                throw new Cli.UsageException("ext2 layout: " + option + " " + text + " is negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Cli.UsageException("ext2 layout: " + option + " needs a number, not '" + text + "'");
        }
    }
}
