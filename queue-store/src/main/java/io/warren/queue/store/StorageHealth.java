package io.warren.queue.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storage faults in effect on this node, in one place: what cannot be read or written now
 * (the topology journal, the message store's thread, one queue's files). Whoever finds a fault
 * logs it and reports it here; whoever mends it clears it. The management API's health checks
 * and queue listings read it, so an operator sees the same fault the log names.
 *
 * <p>Thread-safe; reports and clears may come from any thread.
 */
public final class StorageHealth {

    /**
     * One fault.
     *
     * @param subject  what is affected, the key of the fault: "topology journal", "message store",
     *                 "queue 'q' in vhost '/'"
     * @param vhost    the virtual host it affects, or null if it affects the node
     * @param file     the file (or directory) at fault, or null
     * @param reason   what is wrong, in words an operator can act on
     * @param since    when it was first reported
     */
    public record Fault(String subject, String vhost, String file, String reason, Instant since) {
    }

    private final Map<String, Fault> faults = new ConcurrentHashMap<>();

    /** Reports (or restates) a fault; a fault already in effect keeps its first {@code since}. */
    public void report(String subject, String vhost, String file, String reason) {
        faults.merge(subject, new Fault(subject, vhost, file, reason, Instant.now()),
                (old, now) -> new Fault(subject, vhost, file, reason, old.since()));
    }

    /** Clears the fault of {@code subject}, if there is one. */
    public void clear(String subject) {
        faults.remove(subject);
    }

    /** The fault of {@code subject}, or null. */
    public Fault fault(String subject) {
        return faults.get(subject);
    }

    /** Faults in effect, oldest first. */
    public List<Fault> active() {
        List<Fault> list = new ArrayList<>(faults.values());
        list.sort(Comparator.comparing(Fault::since).thenComparing(Fault::subject));
        return list;
    }

    public boolean healthy() {
        return faults.isEmpty();
    }
}
