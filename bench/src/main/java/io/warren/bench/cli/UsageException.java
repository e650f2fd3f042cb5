package io.warren.bench.cli;

/** The command line cannot be understood; the message says which argument and why. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
