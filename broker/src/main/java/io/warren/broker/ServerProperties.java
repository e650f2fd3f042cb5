package io.warren.broker;

import io.warren.amqp.types.LongStr;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server-properties table of connection.start, shaped like RabbitMQ's. {@code version} is the
 * RabbitMQ release whose behaviour Warren follows, because clients compare it with RabbitMQ's
 * release numbers to decide what to expect; Warren's own version goes in {@code warren_version}.
 */
public final class ServerProperties {
    /** The RabbitMQ release line Warren behaves like. */
    public static final String RABBITMQ_COMPATIBLE_VERSION = "3.13.7";

    private ServerProperties() {}

    static Map<String, Object> build(String clusterName) {
        Map<String, Object> capabilities = new LinkedHashMap<>();
        for (String c : new String[] {"publisher_confirms", "exchange_exchange_bindings", "basic.nack",
                "consumer_cancel_notify", "connection.blocked", "consumer_priorities",
                "authentication_failure_close", "per_consumer_qos", "direct_reply_to"}) {
            capabilities.put(c, Boolean.TRUE);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("capabilities", capabilities);
        p.put("cluster_name", LongStr.of(clusterName));
        p.put("copyright", LongStr.of("Copyright (c) 2026 the Warren authors"));
        p.put("information", LongStr.of("Warren: an AMQP 0-9-1 broker compatible with RabbitMQ. Licensed under the Apache License 2.0."));
        p.put("platform", LongStr.of("Java " + System.getProperty("java.version")));
        p.put("product", LongStr.of("Warren"));
        p.put("version", LongStr.of(RABBITMQ_COMPATIBLE_VERSION));
        p.put("warren_version", LongStr.of(warrenVersion()));
        return p;
    }

    static String warrenVersion() {
        String v = ServerProperties.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
