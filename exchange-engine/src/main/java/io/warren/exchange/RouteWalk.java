package io.warren.exchange;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The state of one route through exchanges, as {@code rabbit_exchange:route1/4} keeps it: a work
 * list of exchanges still to route through, the exchanges already seen, and the queues found.
 * Owned by one {@link RouteResult} and reused for every message, so routing allocates nothing once
 * the arrays have grown to fit.
 */
final class RouteWalk {
    /** Routing keys are at most 255 bytes; longer positions are simply not memoised. */
    private static final int MEMO_POSITIONS = 1 << 20;

    private final RouteResult result;
    private final StampedLongSet seenExchanges = new StampedLongSet();
    private final StampedLongSet topicMemo = new StampedLongSet();
    private Exchange[] pending = new Exchange[8];
    private int pendingCount;
    private ExchangeRegistry registry;
    private String singleKey;
    private List<String> keys;
    private Map<String, Object> headers;
    private int matchesOfCurrentExchange;

    RouteWalk(RouteResult result) {
        this.result = result;
    }

    /**
     * Routes through {@code start} and every exchange reached from it. An exchange that matches
     * no binding at all (neither queue nor exchange) hands the message to its alternate
     * exchange; an exchange reached through a binding or as an alternate does the same. Each
     * exchange is routed through once, which makes cycles harmless.
     */
    void run(ExchangeRegistry registry, Exchange start, String singleKey, List<String> keys,
             Map<String, Object> headers) {
        this.registry = registry;
        this.singleKey = singleKey;
        this.keys = keys;
        this.headers = headers;
        try {
            seenExchanges.clear();
            pendingCount = 0;
            seenExchanges.add(start.id);
            push(start);
            while (pendingCount > 0) {
                Exchange exchange = pending[--pendingCount];
                pending[pendingCount] = null;
                matchesOfCurrentExchange = 0;
                exchange.router.route(this);
                if (matchesOfCurrentExchange == 0) {
                    // Read once: a policy may change the alternate concurrently.
                    String alternate = exchange.alternateExchange();
                    if (alternate != null) {
                        reach(alternate);
                    }
                }
            }
        } finally {
            // Do not keep the message's headers or the registry alive between routes.
            this.registry = null;
            this.singleKey = null;
            this.keys = null;
            this.headers = null;
            Arrays.fill(pending, 0, pendingCount, null);
            pendingCount = 0;
        }
    }

    int keyCount() {
        return keys == null ? 1 : keys.size();
    }

    String key(int index) {
        return keys == null ? singleKey : keys.get(index);
    }

    Map<String, Object> headers() {
        return headers;
    }

    void matched(Binding binding) {
        matchesOfCurrentExchange++;
        if (binding.kind() == DestinationKind.QUEUE) {
            result.add(binding.destination());
        } else {
            reach(binding.destination());
        }
    }

    void matched(Binding[] bindings) {
        for (Binding binding : bindings) {
            matched(binding);
        }
    }

    void clearTopicMemo() {
        topicMemo.clear();
    }

    /** Whether this is the first time the current key reaches trie node {@code nodeId} at {@code position}. */
    boolean firstTopicVisit(long nodeId, int position) {
        return position >= MEMO_POSITIONS || topicMemo.add(nodeId * MEMO_POSITIONS + position);
    }

    /** An exchange that is gone, or already seen, is skipped, as RabbitMQ's process_route does. */
    private void reach(String exchangeName) {
        Exchange exchange = registry.lookup(exchangeName);
        if (exchange != null && seenExchanges.add(exchange.id)) {
            push(exchange);
        }
    }

    private void push(Exchange exchange) {
        if (pendingCount == pending.length) {
            pending = Arrays.copyOf(pending, pendingCount * 2);
        }
        pending[pendingCount++] = exchange;
    }
}
