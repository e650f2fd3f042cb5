package io.warren.queue.store;

/**
 * The store cannot do what was asked: its files could not be read or written, a record failed its
 * checksum while being read, or the store or log was already closed.
 */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
