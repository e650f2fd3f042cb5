package io.warren.broker;

/**
 * What connection.tune-ok may ask for, as rabbit_reader's validate_negotiated_integer_value has it:
 * a value below the protocol minimum, or above what the server offered (where it offered a limit,
 * counting 0 as "no limit"), refuses the connection.
 */
final class TuneOkRules {
    private TuneOkRules() {}

    /**
     * RabbitMQ's explanation for a refused value, or null when it is acceptable.
     *
     * @param field   {@code frame_max} or {@code channel_max}
     * @param client  the tune-ok value (0: no limit)
     * @param minimum the smallest non-zero value allowed
     * @param offered what connection.tune offered (0: no limit)
     */
    static String check(String field, long client, long minimum, long offered) {
        if (client != 0 && client < minimum) {
            return "negotiated " + field + " = " + client + " is lower than the minimum allowed value (" + minimum + ")";
        }
        if (offered != 0 && (client == 0 || client > offered)) {
            String detail = field.equals("channel_max") && client == 0 ? " (no limit)" : "";
            return "negotiated " + field + " = " + client + detail + " is higher than the maximum allowed value ("
                    + offered + ")";
        }
        return null;
    }
}
