package io.warren.bench.report;

/**
 * The figures of one scenario run, measured over the window after warmup.
 *
 * @param scenario          the scenario's name
 * @param number            the scenario's number
 * @param label             which broker this was, as given by {@code --label} (compare.sh uses it)
 * @param broker            the broker URI without its password
 * @param persistent        whether messages were persistent and queues durable
 * @param confirmWindow     publisher-confirm window per producer, 0 when confirms were off
 * @param seconds           length of the measurement window
 * @param sent              messages published in the window
 * @param received          deliveries consumed in the window, summed over consumers
 * @param nacked            publishes the broker nacked in the window
 * @param sentPerSecond     {@code sent / seconds}
 * @param receivedPerSecond {@code received / seconds}
 * @param latency           publish-to-deliver latency of the deliveries in the window
 * @param tls               what the connections negotiated, such as {@code TLSv1.3 TLS_AES_256_GCM_SHA384};
 *                          empty for plain AMQP
 */
public record ScenarioResult(
        String scenario,
        int number,
        String label,
        String broker,
        boolean persistent,
        int confirmWindow,
        double seconds,
        long sent,
        long received,
        long nacked,
        double sentPerSecond,
        double receivedPerSecond,
        LatencySummary latency,
        String tls) {
}
