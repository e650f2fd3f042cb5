package io.warren.broker.alarm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The resource alarms in effect on this node. The monitors raise and clear them; connections
 * read them when a client publishes and are told when they change.
 *
 * <p>Thread-safe. Listeners run on the thread that changed an alarm (a monitor's thread, or the
 * caller of a limit setter), after the change is visible, and are told only that something
 * changed: each reads {@link #active()} itself, on its own thread, so notifications that overtake
 * one another can never leave a listener with a stale view.
 */
public final class ResourceAlarms {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceAlarms.class);

    private final EnumSet<ResourceAlarm> active = EnumSet.noneOf(ResourceAlarm.class);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean anyActive;

    /** Raises or clears {@code alarm}; listeners hear of it only if that changed anything. */
    void set(ResourceAlarm alarm, boolean raised) {
        boolean changed;
        synchronized (this) {
            changed = raised ? active.add(alarm) : active.remove(alarm);
            anyActive = !active.isEmpty();
        }
        if (!changed) {
            return;
        }
        if (raised) {
            LOG.warn("{} resource limit alarm set: publishers will be blocked until it clears", alarm.resourceName());
        } else {
            LOG.info("{} resource limit alarm cleared", alarm.resourceName());
        }
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                // One failing listener must neither starve the others nor stop the monitor that called.
                LOG.warn("resource alarm listener failed", e);
            }
        }
    }

    /** The alarms in effect now, as an unmodifiable snapshot. */
    public synchronized Set<ResourceAlarm> active() {
        return Collections.unmodifiableSet(EnumSet.copyOf(active));
    }

    public synchronized boolean isActive(ResourceAlarm alarm) {
        return active.contains(alarm);
    }

    /** Whether any alarm is in effect: one volatile read, cheap enough to ask on every publish. */
    public boolean anyActive() {
        return anyActive;
    }

    /** Adds a listener called after every raise or clear; see the class comment for its thread. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }
}
