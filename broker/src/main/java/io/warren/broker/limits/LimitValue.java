package io.warren.broker.limits;

import java.math.BigInteger;
import java.util.Map;

/**
 * Reads one limit from a vhost's or user's {@code limits} map as RabbitMQ does
 * ({@code rabbit_vhost_limit}, {@code rabbit_auth_backend_internal:get_user_limit}): an integer
 * of zero or more is the limit, zero allowing nothing; a negative number, a missing key or a
 * value that is not an integer means no limit.
 */
public final class LimitValue {
    private LimitValue() {
    }

    /** The limit under {@code key}, or {@link BoundedCount#UNLIMITED}. */
    public static long of(Map<String, ?> limits, String key) {
        Object value = limits == null ? null : limits.get(key);
        long limit;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            limit = ((Number) value).longValue();
        } else if (value instanceof BigInteger big && big.bitLength() < Long.SIZE) {
            limit = big.longValue();
        } else {
            return BoundedCount.UNLIMITED;
        }
        return limit < 0 ? BoundedCount.UNLIMITED : limit;
    }
}
