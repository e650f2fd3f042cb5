package io.warren.queue.store;

import java.util.Objects;

/** A queue's identity in the store: its virtual host and its name, both as the client spelled them. */
public record QueueId(String vhost, String name) {
    public QueueId {
        Objects.requireNonNull(vhost, "vhost");
        Objects.requireNonNull(name, "name");
    }
}
