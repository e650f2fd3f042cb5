package io.warren.queue.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A store file was written in a format newer than this version of Warren reads. Nothing in it can
 * be trusted to mean what this code would take it to mean, so the broker refuses to start rather
 * than serve the queue with less than it holds.
 */
public final class UnknownFormatException extends IOException {
    private final transient Path file;

    UnknownFormatException(Path file, int version, int known) {
        super(file + " has format version " + version + ", newer than the newest this broker reads (" + known
                + "): it was written by a newer Warren; refusing to read it rather than lose what it holds");
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
