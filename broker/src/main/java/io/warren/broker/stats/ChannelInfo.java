package io.warren.broker.stats;

import java.util.Map;

/**
 * A channel as the management API lists it; a snapshot. {@code messageStats} holds the
 * channel's message_stats (publish, confirm, ..., deliver_get) by RabbitMQ's names, and
 * {@code rates} their history.
 */
public record ChannelInfo(int number, String name, String connectionName, String peerHost, int peerPort,
                          String user, String vhost, String state, boolean confirm, boolean transactional,
                          int prefetchCount, int globalPrefetchCount, int consumerCount,
                          long messagesUnacknowledged, long messagesUnconfirmed, long messagesUncommitted,
                          long acksUncommitted, Map<String, Long> messageStats, SampleHistory rates) {
}
