package io.warren.broker.stats;

import java.util.Map;

/**
 * What the management API shows of a queue beyond its definition and settings; a snapshot of
 * the lengths the queue published at the end of its last pass. {@code exclusiveOwner} is the
 * owning connection's name (null unless exclusive); {@code singleActiveConsumerTag} is null
 * unless the queue has single active consumer and one is active; {@code idleSince} is epoch ms
 * of the last use. {@code messagesPersistent} counts persistent messages in a durable queue, as
 * RabbitMQ's messages_persistent does. {@code messageStats}: publish, deliver, deliver_no_ack, get, get_no_ack,
 * get_empty, ack, redeliver, deliver_get. {@code rates} has their history and that of messages,
 * messages_ready and messages_unacknowledged.
 */
public record QueueInfo(String name, String vhost, String state, int consumers, long messages, long messagesReady,
                        long messagesUnacknowledged, long messageBytes, long messageBytesReady,
                        long messageBytesUnacknowledged, long messagesPagedOut, long messagesPersistent,
                        long messageBytesPersistent, long idleSince,
                        String exclusiveOwner, String singleActiveConsumerTag, int deadLettering,
                        Map<String, Long> messageStats, SampleHistory rates) {
}
