package io.warren.amqp.types;

/**
 * A timestamp field value (field type {@code 'T'}): seconds since the Unix epoch, as AMQP carries
 * it (a 64-bit POSIX time, not milliseconds).
 */
public record Timestamp(long seconds) {
}
