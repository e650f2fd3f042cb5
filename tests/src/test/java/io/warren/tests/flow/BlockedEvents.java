package io.warren.tests.flow;

import com.rabbitmq.client.BlockedListener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records connection.blocked ("blocked: reason") and connection.unblocked ("unblocked") as the
 * client reports them. The client calls the handlers on its connection thread; the test thread
 * takes the events.
 */
final class BlockedEvents implements BlockedListener {
    static final String UNBLOCKED = "unblocked";

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();

    static String blocked(String reason) {
        return "blocked: " + reason;
    }

    @Override
    public void handleBlocked(String reason) {
        events.add(blocked(reason));
    }

    @Override
    public void handleUnblocked() {
        events.add(UNBLOCKED);
    }

    /** The next event, waiting up to {@code millis} for it; null if none came. */
    String next(long millis) throws InterruptedException {
        String e = events.poll(millis, TimeUnit.MILLISECONDS);
        if (e != null) {
            all.add(e);
        }
        return e;
    }

    /** Every event taken so far, and any that came since, in order. */
    List<String> all() {
        events.drainTo(all);
        return List.copyOf(all);
    }
}
