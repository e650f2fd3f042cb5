package io.warren.tests.stats;

import io.warren.tests.support.TestBroker;

import java.util.Map;

/**
 * What the broker reports about its objects, read the way each broker offers it: Warren through
 * its Java statistics API, a real RabbitMQ through its management HTTP API (whose figures lag
 * by up to one statistics interval, so callers poll).
 */
interface Observed {
    /** The queue's message_stats, empty while the broker shows none. */
    Map<String, Long> queueMessageStats(String queue) throws Exception;

    /** The message_stats of the channel numbered {@code number} on the connection from {@code clientPort}. */
    Map<String, Long> channelMessageStats(int clientPort, int number) throws Exception;

    /** The connection from {@code clientPort} as a flat map of the management API's fields, or null. */
    Map<String, Object> connection(int clientPort) throws Exception;

    /** Closes the connection from {@code clientPort} as the management API does, with an optional reason. */
    void forceClose(int clientPort, String reason) throws Exception;

    static Observed of(TestBroker broker) {
        return broker.isExternal() ? new ManagementObserved(broker) : new WarrenObserved(broker.server().broker());
    }
}
