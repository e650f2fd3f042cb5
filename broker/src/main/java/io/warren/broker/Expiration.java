package io.warren.broker;

/**
 * The expiration property: a per-message TTL in milliseconds written as a decimal string. A value
 * RabbitMQ would refuse is refused the same way: a 406 whose text names the Erlang error of
 * string:to_integer/1 and rabbit_misc:check_expiry/1.
 */
final class Expiration {
    /**
     * RabbitMQ's ?MAX_EXPIRY_TIMER, the largest TTL rabbit_misc:check_expiry/1 takes: ten years in
     * milliseconds (measured on RabbitMQ 3.10.8; older releases capped at 2^32 - 1).
     */
    static final long MAX = 315_360_000_000L;

    private Expiration() {}

    /** The TTL in milliseconds; a ChannelException (406) when it is not one. */
    static long parse(String value) {
        int i = 0;
        boolean negative = false;
        if (i < value.length() && (value.charAt(i) == '-' || value.charAt(i) == '+')) {
            negative = value.charAt(i) == '-';
            i++;
        }
        int digitsFrom = i;
        while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
            i++;
        }
        if (i == digitsFrom) {
            throw invalid(value, "no_integer");
        }
        if (i < value.length()) {
            throw invalid(value, "{leftover_string,\"" + value.substring(i) + "\"}");
        }
        // Erlang integers are unbounded, so the error terms print the whole value.
        java.math.BigInteger n = new java.math.BigInteger(value.substring(digitsFrom, i));
        if (negative) {
            n = n.negate();
        }
        if (n.signum() < 0) {
            throw invalid(value, "{value_negative," + n + "}");
        }
        if (n.compareTo(java.math.BigInteger.valueOf(MAX)) > 0) {
            throw invalid(value, "{value_too_large," + n + "}");
        }
        return n.longValueExact();
    }

    private static ChannelException invalid(String value, String error) {
        return ChannelException.preconditionFailed("invalid expiration '" + value + "': " + error);
    }
}
