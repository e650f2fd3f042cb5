package io.warren.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arguments of a headers-exchange binding, compiled for matching as
 * {@code rabbit_exchange_type_headers:headers_match/2} does (checked on RabbitMQ 3.10.8):
 * <ul>
 *   <li>{@code x-match} is {@code all} (the default), {@code any}, {@code all-with-x} or
 *       {@code any-with-x}; any other value (possible only for bindings made before validation)
 *       means {@code all}.</li>
 *   <li>The {@code x-match} key itself never takes part. Other keys starting with {@code x-} take
 *       part only with the {@code -with-x} variants.</li>
 *   <li>{@code all}: every key must be in the headers with an equal value; no keys at all matches
 *       every message, even one without headers. {@code any}: at least one key must be; no keys
 *       at all matches nothing.</li>
 *   <li>A key bound to void matches when the header is present, whatever its value (void
 *       included). A void header never equals a non-void binding value.</li>
 *   <li>Values compare as Erlang's {@code ==} ({@link FieldValues#looselyEqual}): {@code 1}
 *       (int) equals {@code 1} (long), {@code 1.0} (double) and a timestamp of 1; a long string
 *       equals a byte array with the same bytes; {@code 0.1f} does not equal {@code 0.1d}.</li>
 * </ul>
 * Immutable; safe to share between threads.
 */
final class HeadersPattern {
    private static final String X_MATCH = "x-match";

    private final boolean all;
    private final String[] keys;
    private final Object[] values;
    private final boolean[] presenceOnly;

    HeadersPattern(Map<String, Object> arguments) {
        Object xMatch = arguments.get(X_MATCH);
        String mode = FieldValues.kindOf(xMatch) == FieldValues.Kind.LONGSTR ? xMatch.toString() : "all";
        this.all = !mode.equals("any") && !mode.equals("any-with-x");
        boolean withX = mode.equals("all-with-x") || mode.equals("any-with-x");
        List<String> matchedKeys = new ArrayList<>();
        for (String key : arguments.keySet()) {
            if (!key.equals(X_MATCH) && (withX || !key.startsWith("x-"))) {
                matchedKeys.add(key);
            }
        }
        this.keys = matchedKeys.toArray(new String[0]);
        this.values = new Object[keys.length];
        this.presenceOnly = new boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            values[i] = arguments.get(keys[i]);
            presenceOnly[i] = values[i] == null;
        }
    }

    /** Whether a message with these headers (null for none) matches. */
    boolean matches(Map<String, Object> headers) {
        for (int i = 0; i < keys.length; i++) {
            if (matchesKey(i, headers) != all) {
                return !all;
            }
        }
        return all;
    }

    private boolean matchesKey(int i, Map<String, Object> headers) {
        if (headers == null) {
            return false;
        }
        Object header = headers.get(keys[i]);
        if (header == null && !headers.containsKey(keys[i])) {
            return false;
        }
        return presenceOnly[i] || FieldValues.looselyEqual(values[i], header);
    }
}
