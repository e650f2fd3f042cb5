package io.warren.management.direct;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.warren.broker.Broker;

import java.time.Duration;

/**
 * The management API's direct connections, one per user and vhost, kept for a while after use
 * so that a burst of requests does not log in for each (a Caffeine cache closes idle ones).
 * Thread-safe.
 */
public final class DirectConnections implements AutoCloseable {
    private static final Duration IDLE = Duration.ofSeconds(30);

    private final Broker broker;
    private final Cache<Key, DirectConnection> open = Caffeine.newBuilder()
            .expireAfterAccess(IDLE)
            .removalListener((Key k, DirectConnection c, RemovalCause cause) -> {
                if (c != null) {
                    c.close();
                }
            })
            .build();

    private record Key(String user, String password, String vhost) {
    }

    public DirectConnections(Broker broker) {
        this.broker = broker;
    }

    /**
     * A new channel on the caller's connection to the vhost, opening the connection if needed.
     * The password is part of the key, so a changed password logs in anew.
     */
    public DirectChannel channel(String user, String password, String vhost) {
        Key key = new Key(user, password, vhost);
        DirectConnection c = open.get(key, k -> DirectConnection.open(broker, user, password, vhost));
        if (!c.isOpen()) {
            open.asMap().remove(key, c);
            c = open.get(key, k -> DirectConnection.open(broker, user, password, vhost));
        }
        return c.openChannel();
    }

    @Override
    public void close() {
        open.invalidateAll();
        open.cleanUp();
    }
}
