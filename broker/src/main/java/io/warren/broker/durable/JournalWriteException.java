package io.warren.broker.durable;

import java.nio.file.Path;

/**
 * A change could not be made durable: the journal's write or fsync failed (no space left, an I/O
 * error), or the journal is closed. The change was not confirmed; its caller answers its client
 * with an error.
 */
public final class JournalWriteException extends RuntimeException {
    JournalWriteException(Path file, Throwable cause) {
        super("topology journal " + file.toAbsolutePath() + " cannot be written (" + reason(cause) + ")", cause);
    }

    JournalWriteException(Path file, String why) {
        super("topology journal " + file.toAbsolutePath() + " cannot be written (" + why + ")");
    }

    static String reason(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
