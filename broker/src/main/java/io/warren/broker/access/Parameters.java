package io.warren.broker.access;

import io.warren.broker.durable.TopologyRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Runtime parameters: vhost-scoped ones (federation upstreams, shovels, ...) and global ones
 * (cluster_name, ...). Stored, journaled and listed for export, never interpreted. Changes return
 * a future that completes once they are on disk. Thread-safe.
 */
public final class Parameters {
    private final Map<List<String>, Parameter> parameters = new ConcurrentHashMap<>();
    private final Map<String, GlobalParameter> globals = new ConcurrentHashMap<>();
    private final AccessJournal journal;
    private final Predicate<String> vhostExists;

    public Parameters(AccessJournal journal, Predicate<String> vhostExists) {
        this.journal = journal;
        this.vhostExists = vhostExists;
    }

    /** Sets a vhost-scoped parameter; throws {@link IllegalArgumentException} for an unknown vhost or a non-JSON value. */
    public synchronized CompletableFuture<Void> set(Parameter p) {
        if (!vhostExists.test(p.vhost())) {
            throw new IllegalArgumentException("no such vhost '" + p.vhost() + "'");
        }
        String json = JsonValues.write(p.value());
        parameters.put(List.of(p.vhost(), p.component(), p.name()), p);
        return journal.append(new TopologyRecord.ParameterSet(p.vhost(), p.component(), p.name(), json));
    }

    /** Completes with false when there was no such parameter. */
    public synchronized CompletableFuture<Boolean> clear(String vhost, String component, String name) {
        if (parameters.remove(List.of(vhost, component, name)) == null) {
            return CompletableFuture.completedFuture(false);
        }
        return journal.append(new TopologyRecord.ParameterCleared(vhost, component, name)).thenApply(v -> true);
    }

    public Parameter get(String vhost, String component, String name) {
        return parameters.get(List.of(vhost, component, name));
    }

    public List<Parameter> all() {
        return new ArrayList<>(parameters.values());
    }

    public synchronized CompletableFuture<Void> setGlobal(GlobalParameter p) {
        String json = JsonValues.write(p.value());
        globals.put(p.name(), p);
        return journal.append(new TopologyRecord.GlobalParameterSet(p.name(), json));
    }

    public synchronized CompletableFuture<Boolean> clearGlobal(String name) {
        if (globals.remove(name) == null) {
            return CompletableFuture.completedFuture(false);
        }
        return journal.append(new TopologyRecord.GlobalParameterCleared(name)).thenApply(v -> true);
    }

    public GlobalParameter getGlobal(String name) {
        return globals.get(name);
    }

    public List<GlobalParameter> allGlobal() {
        return new ArrayList<>(globals.values());
    }

    /** Drops a deleted vhost's parameters, without journaling (the vhost's deletion record implies it). */
    public synchronized void forgetVhost(String vhost) {
        parameters.keySet().removeIf(k -> k.get(0).equals(vhost));
    }

    /** Puts back what the journal held, without journaling it again. */
    public void restore(TopologyRecord.ParameterSet p) {
        parameters.put(List.of(p.vhost(), p.component(), p.name()),
                new Parameter(p.vhost(), p.component(), p.name(), JsonValues.read(p.valueJson())));
    }

    public void restore(TopologyRecord.GlobalParameterSet g) {
        globals.put(g.name(), new GlobalParameter(g.name(), JsonValues.read(g.valueJson())));
    }
}
