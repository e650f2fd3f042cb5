package io.warren.exchange;

/** What a binding points at: a queue, or another exchange (an exchange-to-exchange binding). */
public enum DestinationKind {
    QUEUE,
    EXCHANGE
}
