package com.synapselinkhealth.local;

/**
 * The options of one {@code ./linkhealth} command, read one at a time: {@code --name value} or {@code --name=value}.
 * A missing value is a {@link UsageException} naming the option.
 */
final class CommandLine {
    private final String[] args;
    private int index = -1;
    private String name;
    private String inlineValue;

    CommandLine(String[] args) {
        this.args = args.clone();
    }

    /** Moves to the next option; false when there is none. */
    boolean next() {
        if (++index >= args.length) {
            return false;
        }
        String arg = args[index];
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
            name = arg.substring(0, eq);
            inlineValue = arg.substring(eq + 1);
        } else {
            name = arg;
            inlineValue = null;
        }
        return true;
    }

    /** The option's name, e.g. {@code --port}. */
    String name() {
        return name;
    }

    /** The option's value: after its {@code =}, else the next argument (which must not be another option). */
    String value() {
        if (inlineValue != null) {
            return inlineValue;
        }
        if (index + 1 >= args.length || args[index + 1].startsWith("--")) {
            throw new UsageException(name + " needs a value.");
        }
        return args[++index];
    }

    /** The option's value as a whole number from {@code min} to {@code max}. */
    int intValue(int min, int max) {
        String text = value();
        try {
            int v = Integer.parseInt(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " must be a whole number from " + min + " to " + max + ", not '" + text
            + "'.");
    }
}
