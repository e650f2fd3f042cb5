package io.warren.exchange;

/**
 * The bindings of one exchange, arranged for its type's matching rule.
 *
 * <p>{@link #add} and {@link #remove} are called only by the registry, under its topology lock,
 * so one writer at a time. {@link #route} is called from any number of threads at once, without
 * locks: in every implementation a binding appears to routes, or disappears, with one volatile
 * write of immutable state, so a route sees each binding as it was before or after a concurrent
 * change, never half made.
 */
interface Router {
    /** Adds a binding the registry has checked is new. */
    void add(Binding binding);

    /** Removes a binding the registry has checked is present. */
    void remove(Binding binding);

    /** Reports every binding that matches the walk's routing keys and headers to {@link RouteWalk#matched}. */
    void route(RouteWalk walk);

    static Router forType(ExchangeType type) {
        return switch (type) {
            case DIRECT -> new DirectRouter();
            case FANOUT -> new FanoutRouter();
            case TOPIC -> new TopicRouter();
            case HEADERS -> new HeadersRouter();
        };
    }
}
