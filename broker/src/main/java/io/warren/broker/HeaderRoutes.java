package io.warren.broker;

import io.warren.amqp.types.LongStr;

import java.util.List;
import java.util.Map;

/**
 * The routing headers of sender-selected distribution, CC and BCC, read as RabbitMQ's
 * {@code rabbit_basic:header_routes/1} reads them: each must be an array when present, and only
 * its string elements are routing keys (others are skipped).
 */
final class HeaderRoutes {
    static final String CC = "CC";
    static final String BCC = "BCC";

    private HeaderRoutes() {}

    /**
     * Refuses a message whose CC or BCC header (checked in that order) is not an array, with
     * RabbitMQ's 406, for example {@code invalid message: {unacceptable_type_in_header,"CC",longstr}}.
     */
    static void check(Map<String, Object> headers) {
        if (headers == null) {
            return;
        }
        for (String name : List.of(CC, BCC)) {
            if (headers.containsKey(name) && !(headers.get(name) instanceof List<?>)) {
                throw ChannelException.preconditionFailed("invalid message: {unacceptable_type_in_header,\""
                        + name + "\"," + ArgumentEquivalence.typeName(headers.get(name)) + "}");
            }
        }
    }

    /** Adds the string elements of a CC or BCC header's value to {@code out}. */
    static void addKeys(Object header, List<String> out) {
        if (header instanceof List<?> list) {
            for (Object key : list) {
                if (key instanceof LongStr || key instanceof String) {
                    out.add(key.toString());
                }
            }
        }
    }
}
