package io.warren.broker.stats;

import java.util.Map;

/**
 * A consumer as the management API lists it; a snapshot. {@code activityStatus} is "up" on an
 * ordinary queue, and "single_active" or "waiting" on a queue with single active consumer.
 */
public record ConsumerInfo(String consumerTag, String queue, String vhost, String channelName, int channelNumber,
                           String connectionName, String peerHost, int peerPort, String user, boolean ackRequired,
                           boolean exclusive, int prefetchCount, Map<String, Object> arguments, boolean active,
                           String activityStatus) {
}
