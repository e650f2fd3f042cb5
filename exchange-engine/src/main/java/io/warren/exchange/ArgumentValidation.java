package io.warren.exchange;

import java.util.Map;
import java.util.Set;

/**
 * The argument checks RabbitMQ makes when exchanges are declared and bound, with its exact
 * explanations. Each method returns null when the arguments are acceptable, otherwise the text
 * of the {@code 406 PRECONDITION_FAILED} channel error without the {@code "PRECONDITION_FAILED - "}
 * prefix that RabbitMQ puts before every explanation. Stateless; any thread.
 */
public final class ArgumentValidation {
    private static final String X_MATCH = "x-match";
    private static final Set<String> X_MATCH_VALUES = Set.of("all", "any", "all-with-x", "any-with-x");

    private ArgumentValidation() {
    }

    /**
     * {@code rabbit_exchange_type_headers:validate_binding/2}: on a headers exchange,
     * {@code x-match} may be absent, or a long string among {@code all}, {@code any},
     * {@code all-with-x}, {@code any-with-x}. Other exchange types accept any arguments.
     * For example {@code Invalid x-match field value <<"foo">>; expected all, any, all-with-x, or
     * any-with-x} and {@code Invalid x-match field type signedint (value 5); expected longstr}.
     */
    public static String validateBindingArguments(ExchangeType type, Map<String, Object> arguments) {
        if (type != ExchangeType.HEADERS || arguments == null || !arguments.containsKey(X_MATCH)) {
            return null;
        }
        Object value = arguments.get(X_MATCH);
        if (FieldValues.kindOf(value) != FieldValues.Kind.LONGSTR) {
            return "Invalid x-match field type " + FieldValues.typeName(value)
                    + " (value " + ErlangFormat.term(value) + "); expected longstr";
        } else if (!X_MATCH_VALUES.contains(value.toString())) {
            return "Invalid x-match field value " + ErlangFormat.term(value)
                    + "; expected all, any, all-with-x, or any-with-x";
        }
        return null;
    }

    /**
     * The check {@code rabbit_channel} makes before creating an exchange (not on redeclaring
     * one): an {@code alternate-exchange} argument must be a long string, e.g.
     * {@code invalid type 'signedint' for arg 'alternate-exchange' in exchange 'x' in vhost '/'}.
     * The broker also checks that the user may write to the alternate exchange.
     */
    public static String validateExchangeArguments(String vhost, String exchange, Map<String, Object> arguments) {
        if (arguments == null || !arguments.containsKey(Exchange.ALTERNATE_EXCHANGE)) {
            return null;
        }
        Object value = arguments.get(Exchange.ALTERNATE_EXCHANGE);
        if (FieldValues.kindOf(value) == FieldValues.Kind.LONGSTR) {
            return null;
        }
        return "invalid type '" + FieldValues.typeName(value) + "' for arg '" + Exchange.ALTERNATE_EXCHANGE
                + "' in exchange '" + exchange + "' in vhost '" + vhost + "'";
    }
}
