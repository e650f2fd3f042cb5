package io.warren.bench.run;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.warren.bench.scenario.Routing;
import io.warren.bench.scenario.ScenarioSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The queues (and fanout exchange) one scenario run declares. Names carry the scenario and a
 * per-run id, so concurrent runs and leftovers of a killed run never collide. Everything is
 * auto-delete, so a killed run's queues go once its consumers' connections drop; a normal run
 * deletes them explicitly.
 */
final class BenchTopology {
    private static final String PREFIX = "warren-bench.";

    private final List<String> queues;
    private final String exchange;

    private BenchTopology(List<String> queues, String exchange) {
        this.queues = List.copyOf(queues);
        this.exchange = exchange;
    }

    static BenchTopology declare(Channel channel, ScenarioSpec spec, String runId) throws IOException {
        String base = PREFIX + spec.name() + "." + runId;
        boolean durable = spec.persistent();
        List<String> queues = new ArrayList<>(spec.queues());
        for (int i = 0; i < spec.queues(); i++) {
            String queue = base + ".q" + i;
            channel.queueDeclare(queue, durable, false, true, null);
            queues.add(queue);
        }
        String exchange = "";
        if (spec.routing() == Routing.FANOUT) {
            exchange = base + ".fanout";
            channel.exchangeDeclare(exchange, BuiltinExchangeType.FANOUT, durable, true, null);
            for (String queue : queues) {
                channel.queueBind(queue, exchange, "");
            }
        }
        return new BenchTopology(queues, exchange);
    }

    List<String> queues() {
        return queues;
    }

    /** The exchange producers publish to: the fanout exchange, or "" (the default exchange). */
    String exchange() {
        return exchange;
    }

    /** The routing key producer {@code producerIndex} publishes with. */
    String routingKey(int producerIndex) {
        return exchange.isEmpty() ? queues.get(producerIndex % queues.size()) : "";
    }

    void delete(Channel channel) throws IOException {
        for (String queue : queues) {
            channel.queueDelete(queue);
        }
        if (!exchange.isEmpty()) {
            channel.exchangeDelete(exchange);
        }
    }
}
