package io.warren.exchange;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An exchange of one virtual host, made by {@link ExchangeRegistry#declare}. Its declared
 * properties are immutable; the alternate exchange set by a policy is the one thing that changes,
 * and it may be read from any thread. The exchange's bindings live in its registry.
 */
public final class Exchange {
    /** The argument naming the alternate exchange, as in RabbitMQ. */
    public static final String ALTERNATE_EXCHANGE = "alternate-exchange";

    private static final AtomicLong IDS = new AtomicLong();

    /** Tells exchanges apart while routing, where a deleted and redeclared name is a new exchange. */
    final long id = IDS.incrementAndGet();
    final Router router;
    private final String name;
    private final ExchangeType type;
    private final boolean durable;
    private final boolean autoDelete;
    private final boolean internal;
    private final Map<String, Object> arguments;
    private final String argumentAlternateExchange;
    private volatile String policyAlternateExchange;
    private final ExchangeStats stats = new ExchangeStats();

    Exchange(String name, ExchangeType type, boolean durable, boolean autoDelete, boolean internal,
             Map<String, Object> arguments) {
        this.name = name;
        this.type = type;
        this.durable = durable;
        this.autoDelete = autoDelete;
        this.internal = internal;
        this.arguments = arguments == null || arguments.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        this.argumentAlternateExchange = alternateExchangeName(this.arguments.get(ALTERNATE_EXCHANGE));
        this.router = Router.forType(type);
    }

    public String name() {
        return name;
    }

    public ExchangeType type() {
        return type;
    }

    public boolean durable() {
        return durable;
    }

    public boolean autoDelete() {
        return autoDelete;
    }

    public boolean internal() {
        return internal;
    }

    /** The declared arguments, unmodifiable; a key mapped to null is a void field. */
    public Map<String, Object> arguments() {
        return arguments;
    }

    /** The message counters of this exchange; any thread. */
    public ExchangeStats stats() {
        return stats;
    }

    /** The nameless default exchange, which routes to the queue named by the routing key. */
    public boolean isDefault() {
        return name.isEmpty();
    }

    /**
     * The exchange that receives what this one routes nowhere, or null. The
     * {@value #ALTERNATE_EXCHANGE} argument wins over a policy, as in RabbitMQ's
     * {@code rabbit_policy:get_arg/3}.
     */
    public String alternateExchange() {
        return argumentAlternateExchange != null ? argumentAlternateExchange : policyAlternateExchange;
    }

    /** The alternate exchange named by the policy that applies to this exchange, or null. */
    public String policyAlternateExchange() {
        return policyAlternateExchange;
    }

    void policyAlternateExchange(String alternateExchange) {
        this.policyAlternateExchange = alternateExchange;
    }

    /**
     * Whether a redeclaration with these properties is accepted: RabbitMQ's
     * {@code rabbit_exchange:assert_equivalence/6} compares type, durable, auto_delete, internal
     * and, of the arguments, only {@value #ALTERNATE_EXCHANGE}.
     */
    public boolean equivalentTo(ExchangeType type, boolean durable, boolean autoDelete, boolean internal,
                                Map<String, Object> arguments) {
        return equivalenceError("", type, durable, autoDelete, internal, arguments) == null;
    }

    /**
     * Null when {@link #equivalentTo} holds; otherwise RabbitMQ's explanation for the
     * {@code 406 PRECONDITION_FAILED} channel error, without the {@code "PRECONDITION_FAILED - "}
     * prefix, e.g. {@code inequivalent arg 'durable' for exchange 'x' in vhost '/': received
     * 'true' but current is 'false'}. The first property that differs is reported, in RabbitMQ's
     * order.
     */
    public String equivalenceError(String vhost, ExchangeType type, boolean durable, boolean autoDelete,
                                   boolean internal, Map<String, Object> arguments) {
        return new RedeclarationCheck(this, vhost).firstDifference(type, durable, autoDelete, internal,
                arguments == null ? Map.of() : arguments);
    }

    /** The name an {@value #ALTERNATE_EXCHANGE} value stands for: a long string or a byte array. */
    static String alternateExchangeName(Object value) {
        return switch (FieldValues.kindOf(value)) {
            case LONGSTR -> value.toString();
            case BINARY -> new String((byte[]) value, StandardCharsets.UTF_8);
            default -> null;
        };
    }

    @Override
    public String toString() {
        return "exchange '" + name + "' (" + type.wireName() + ")";
    }
}
