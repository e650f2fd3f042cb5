package io.warren.bench.run;

/** A scenario could not run to the end: the broker refused, closed a channel, or went away. */
public final class ScenarioFailedException extends Exception {
    public ScenarioFailedException(String message) {
        super(message);
    }

    public ScenarioFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
