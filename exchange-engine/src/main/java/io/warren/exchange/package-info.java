/**
 * The exchanges of one virtual host, their bindings, and routing: given an exchange, a routing
 * key and headers, which queues a message goes to.
 *
 * <p>{@link io.warren.exchange.ExchangeRegistry} is the entry point. Routing follows RabbitMQ's
 * {@code rabbit_exchange:route/2}: direct, fanout, topic and headers matching, exchange-to-exchange
 * bindings and alternate exchanges, each destination once. The engine knows nothing of queues: it
 * answers with queue names, and the broker drops the names that are not queues.
 *
 * <p>Pure Java: no Netty, no other Warren module.
 */
package io.warren.exchange;
