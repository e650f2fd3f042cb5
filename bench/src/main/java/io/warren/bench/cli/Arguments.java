package io.warren.bench.cli;

/** A cursor over a command line; understands both {@code --name value} and {@code --name=value}. */
public final class Arguments {
    private final String[] args;
    private int next;
    private String inlineValue;
    private String option;

    public Arguments(String[] args) {
        this.args = args;
    }

    public boolean hasNext() {
        return next < args.length;
    }

    /** Moves to the next option and returns its name, without any {@code =value}. */
    public String nextOption() {
        String arg = args[next++];
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
            option = arg.substring(0, eq);
            inlineValue = arg.substring(eq + 1);
        } else {
            option = arg;
            inlineValue = null;
        }
        return option;
    }

    /** The current option's value: after its {@code =}, or the next argument. */
    public String value() throws UsageException {
        if (inlineValue != null) {
            return inlineValue;
        }
        if (!hasNext()) {
            throw new UsageException(option + " needs a value");
        }
        return args[next++];
    }

    /** Checks that the current option, a flag, has no value, and returns true. */
    public boolean flag() throws UsageException {
        if (inlineValue != null) {
            throw new UsageException(option + " takes no value");
        }
        return true;
    }
}
