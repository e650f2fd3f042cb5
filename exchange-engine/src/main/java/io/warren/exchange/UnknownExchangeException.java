package io.warren.exchange;

/**
 * Thrown by {@link ExchangeRegistry#bind} when the source exchange, or the destination of an
 * exchange-to-exchange binding, does not exist when the binding is made. The broker checks
 * existence before binding; this closes the race with a concurrent delete, and the broker answers
 * it as RabbitMQ does: {@code 404 NOT_FOUND - no exchange '...' in vhost '...'}.
 */
public final class UnknownExchangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String exchangeName;

    public UnknownExchangeException(String exchangeName) {
        super("no exchange '" + exchangeName + "'");
        this.exchangeName = exchangeName;
    }

    public String exchangeName() {
        return exchangeName;
    }
}
