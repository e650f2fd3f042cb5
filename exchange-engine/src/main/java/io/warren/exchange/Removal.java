package io.warren.exchange;

import java.util.List;

/**
 * What one topology change removed, for the broker to report, persist and clean up after: the
 * bindings and the exchanges, in the order they went. Deleting an exchange removes its bindings
 * both ways; losing its last binding as a source deletes an auto-delete exchange, which can
 * cascade further. Immutable.
 *
 * @param bindings  every binding removed, including those of deleted exchanges
 * @param exchanges every exchange deleted: the one asked for first, if any, then auto-deleted ones
 */
public record Removal(List<Binding> bindings, List<Exchange> exchanges) {
    /** Nothing removed. */
    public static final Removal NONE = new Removal(List.of(), List.of());

    public Removal {
        bindings = List.copyOf(bindings);
        exchanges = List.copyOf(exchanges);
    }

    public boolean isEmpty() {
        return bindings.isEmpty() && exchanges.isEmpty();
    }

    /** The names of {@link #exchanges()}, in order. */
    public List<String> exchangeNames() {
        return exchanges.stream().map(Exchange::name).toList();
    }
}
