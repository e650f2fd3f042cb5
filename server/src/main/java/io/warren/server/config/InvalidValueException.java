package io.warren.server.config;

/**
 * A single value could not be used. Raised by the value parsers, which do not know where the value
 * came from; the caller adds the file, line and key (or the environment variable) when it turns
 * this into a {@link ConfigException} problem.
 */
final class InvalidValueException extends RuntimeException {
    InvalidValueException(String reason) {
        // No stack trace: it is always caught a frame or two up and becomes a line of text.
        super(reason, null, false, false);
    }
}
