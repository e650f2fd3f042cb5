package io.warren.broker;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

/**
 * The broker's own settings, taken from the server's configuration.
 *
 * @param listeners        addresses to accept AMQP connections on (port 0 picks a free one); may be empty
 * @param frameMax         largest frame offered in connection.tune
 * @param channelMax       most channels offered in connection.tune
 * @param heartbeatSeconds heartbeat offered in connection.tune (0 disables)
 * @param maxMessageSize   largest message body accepted
 * @param clusterName      the cluster_name server property
 * @param loopbackUsers    RabbitMQ's loopback_users: users who may connect only from loopback
 */
public record BrokerSettings(List<InetSocketAddress> listeners, int frameMax, int channelMax, int heartbeatSeconds,
                             long maxMessageSize, String clusterName, Set<String> loopbackUsers) {
}
