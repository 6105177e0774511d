package mpageviz.cli;

/** Small pieces of option parsing shared by the commands that take {@code --option value} pairs. */
final class Args {
    private Args() {
    }

    /** The value after an option; "--a --b" means the value of --a was left out, not that it is "--b". */
    static String value(String[] args, int i, String option) throws Cli.UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new Cli.UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** The value of an option that may be given once only. */
    static String once(String option, String earlier, String value) throws Cli.UsageException {
        if (earlier != null) {
            throw new Cli.UsageException(option + " is given twice");
        }
        return value;
    }
}
