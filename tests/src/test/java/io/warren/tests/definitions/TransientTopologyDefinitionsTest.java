package io.warren.tests.definitions;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.tests.management.Api;
import io.warren.tests.management.ApiResponse;
import io.warren.tests.management.ManagementRig;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Definitions export and import of what is not durable, as RabbitMQ's management plugin does it
 * (rabbit_mgmt_wm_definitions in 3.13: a queue is exported unless it is exclusive, an exchange
 * unless it is the default or an {@code amq.*} one, a binding unless it leads to an exclusive
 * queue): non-durable and auto-delete queues, non-durable and internal exchanges, and the
 * bindings between them are in GET /api/definitions and /api/definitions/{vhost} with their
 * flags, and an import declares them with those flags again.
 */
@Tag("management")
@ExtendWith(TestBroker.class)
class TransientTopologyDefinitionsTest {

    @Test
    void everythingButExclusiveQueuesIsExportedWithItsFlagsAndImportedAsItWas(TestBroker broker) throws Exception {
        try (ManagementRig source = ManagementRig.open(broker); ManagementRig target = ManagementRig.open(broker);
             Connection connection = connect(broker, source.vhost())) {
            Channel ch = connection.createChannel();
            ch.exchangeDeclare("x.transient", BuiltinExchangeType.FANOUT, false);
            ch.exchangeDeclare("x.internal", BuiltinExchangeType.TOPIC, true, false, true, Map.of());
            ch.exchangeDeclare("x.durable", BuiltinExchangeType.DIRECT, true);
            ch.queueDeclare("q.transient", false, false, false, Map.of("x-max-length", 10));
            ch.queueDeclare("q.autodelete", false, false, true, null);
            ch.queueDeclare("q.durable", true, false, false, null);
            ch.queueDeclare("q.exclusive", false, true, false, null);
            ch.queueBind("q.transient", "x.transient", "k1");
            ch.queueBind("q.autodelete", "amq.direct", "k2");
            ch.exchangeBind("x.internal", "x.transient", "k3");
            ch.queueBind("q.exclusive", "x.durable", "k4");
            ch.queueBind("q.durable", "x.internal", "k5");

            Api api = source.api();
            Map<String, String> queues = Map.of(
                    "q.autodelete", "durable=false auto_delete=true",
                    "q.durable", "durable=true auto_delete=false",
                    "q.transient", "durable=false auto_delete=false");
            Map<String, String> exchanges = Map.of(
                    "x.durable", "direct durable=true auto_delete=false internal=false",
                    "x.internal", "topic durable=true auto_delete=false internal=true",
                    "x.transient", "fanout durable=false auto_delete=false internal=false");
            TreeSet<String> bindings = new TreeSet<>(java.util.List.of(
                    "amq.direct -> queue q.autodelete (k2)", "x.internal -> queue q.durable (k5)",
                    "x.transient -> exchange x.internal (k3)", "x.transient -> queue q.transient (k1)"));

            JsonNode all = ok(api.get("/api/definitions"));
            assertEquals(queues, queues(all, source.vhost()), "queues of the whole broker's export");
            assertEquals(exchanges, exchanges(all, source.vhost()), "exchanges of the whole broker's export");
            assertEquals(bindings, bindings(all, source.vhost()), "bindings of the whole broker's export");
            assertEquals(Map.of("x-max-length", 10), new com.fasterxml.jackson.databind.ObjectMapper()
                    .convertValue(item(all.get("queues"), "q.transient", source.vhost()).get("arguments"), Map.class));

            JsonNode one = ok(api.get(Api.path("definitions", source.vhost())));
            assertEquals(queues, queues(one, null), "queues of the vhost's export");
            assertEquals(exchanges, exchanges(one, null), "exchanges of the vhost's export");
            assertEquals(bindings, bindings(one, null), "bindings of the vhost's export");

            ApiResponse imported = api.post(Api.path("definitions", target.vhost()), one);
            assertTrue(imported.status() < 300, imported::toString);
            JsonNode queue = ok(api.get(target.path("queues", "q.transient")));
            assertEquals("false false false", queue.get("durable") + " " + queue.get("auto_delete") + " "
                    + queue.get("exclusive"), "q.transient imported: durable, auto_delete, exclusive");
            queue = ok(api.get(target.path("queues", "q.autodelete")));
            assertEquals("false true", queue.get("durable") + " " + queue.get("auto_delete"),
                    "q.autodelete imported: durable, auto_delete");
            JsonNode exchange = ok(api.get(target.path("exchanges", "x.transient")));
            assertEquals("false", exchange.get("durable").toString(), "x.transient imported: durable");
            exchange = ok(api.get(target.path("exchanges", "x.internal")));
            assertEquals("true", exchange.get("internal").toString(), "x.internal imported: internal");

            JsonNode again = ok(api.get(Api.path("definitions", target.vhost())));
            assertEquals(queues, queues(again, null), "queues exported again after the import");
            assertEquals(exchanges, exchanges(again, null), "exchanges exported again after the import");
            assertEquals(bindings, bindings(again, null), "bindings exported again after the import");
        }
    }

    private static Connection connect(TestBroker broker, String vhost) throws Exception {
        ConnectionFactory f = broker.factory();
        f.setVirtualHost(vhost);
        return f.newConnection();
    }

    private static JsonNode ok(ApiResponse response) {
        assertEquals(200, response.status(), response::toString);
        return response.json();
    }

    /** Whether an element belongs to the vhost: every element of a per-vhost export does. */
    private static boolean in(JsonNode element, String vhost) {
        return vhost == null || vhost.equals(element.path("vhost").asText());
    }

    private static JsonNode item(JsonNode list, String name, String vhost) {
        for (JsonNode e : list) {
            if (in(e, vhost) && name.equals(e.path("name").asText())) {
                return e;
            }
        }
        throw new AssertionError("no " + name + " in " + list);
    }

    private static Map<String, String> queues(JsonNode definitions, String vhost) {
        Map<String, String> found = new TreeMap<>();
        for (JsonNode q : definitions.get("queues")) {
            if (in(q, vhost)) {
                found.put(q.get("name").asText(), "durable=" + q.get("durable") + " auto_delete=" + q.get("auto_delete"));
            }
        }
        return found;
    }

    private static Map<String, String> exchanges(JsonNode definitions, String vhost) {
        Map<String, String> found = new TreeMap<>();
        for (JsonNode x : definitions.get("exchanges")) {
            if (in(x, vhost)) {
                found.put(x.get("name").asText(), x.get("type").asText() + " durable=" + x.get("durable")
                        + " auto_delete=" + x.get("auto_delete") + " internal=" + x.get("internal"));
            }
        }
        return found;
    }

    private static TreeSet<String> bindings(JsonNode definitions, String vhost) {
        TreeSet<String> found = new TreeSet<>();
        for (JsonNode b : definitions.get("bindings")) {
            if (in(b, vhost)) {
                found.add(b.get("source").asText() + " -> " + b.get("destination_type").asText() + " "
                        + b.get("destination").asText() + " (" + b.get("routing_key").asText() + ")");
            }
        }
        return found;
    }
}
