package io.warren.tests.support;

import io.warren.server.config.WarrenConfig;

/** Configurations for brokers that tests start themselves. */
public final class TestConfigs {
    private TestConfigs() {
    }

    /**
     * Every listener (AMQP, management, Prometheus) on an ephemeral port, so that a test broker
     * never collides with another broker on this machine (a RabbitMQ on 5672/15672, say).
     */
    public static WarrenConfig.Builder ephemeralPorts() {
        return WarrenConfig.builder().amqpPort(0).managementPort(0).prometheusPort(0);
    }
}
