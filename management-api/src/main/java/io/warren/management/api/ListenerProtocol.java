package io.warren.management.api;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The protocol names the protocol-listener health check accepts, mapped as RabbitMQ maps them
 * (checked against 3.10.8): {@code amqp091}, {@code amqp1.0} and the like are {@code amqp},
 * {@code management} is {@code http}, {@code web-stomp} is {@code http/web-stomp}, and anything
 * else is itself, lower-cased.
 */
final class ListenerProtocol {
    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        alias("amqp", "amqp", "amqp091", "amqp0.9.1", "amqp0-9-1", "amqp0_9_1", "amqp10", "amqp1.0", "amqp1-0", "amqp1_0");
        alias("amqp/ssl", "amqps");
        alias("http", "http", "http1", "http1.1", "http_api", "management");
        alias("mqtt", "mqtt", "mqtt3.1", "mqtt3.1.1", "mqtt31", "mqtt311", "mqtt3_1", "mqtt3_1_1");
        alias("mqtt/ssl", "mqtts");
        alias("stomp", "stomp", "stomp1.0", "stomp1.1", "stomp1.2", "stomp10", "stomp11", "stomp12");
        alias("stomp/ssl", "stomps");
        alias("http/web-mqtt", "web-mqtt");
        alias("http/web-stomp", "web-stomp");
    }

    private ListenerProtocol() {
    }

    static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(lower, lower);
    }

    private static void alias(String protocol, String... names) {
        for (String n : names) {
            ALIASES.put(n, protocol);
        }
    }
}
