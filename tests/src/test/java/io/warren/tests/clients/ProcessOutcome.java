package io.warren.tests.clients;

/**
 * How an external command ended: its exit code, or that it was killed at its deadline, and
 * everything it wrote to stdout and stderr, interleaved as written.
 */
public record ProcessOutcome(int exitCode, boolean timedOut, String output) {

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** A one-paragraph account for assertion messages. */
    public String describe() {
        String ending = timedOut ? "timed out and was killed" : "exited with " + exitCode;
        return ending + ", output:\n" + output;
    }
}
