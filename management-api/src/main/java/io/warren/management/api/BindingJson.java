package io.warren.management.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.broker.VirtualHost;
import io.warren.broker.definitions.JsonOutput;
import io.warren.exchange.Binding;
import io.warren.exchange.DestinationKind;
import io.warren.management.http.Json;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Bindings as the API shows them, with RabbitMQ's implicit binding of every queue to the
 * default exchange, and the {@code properties_key} that names a binding in URLs: the
 * URL-quoted routing key, then {@code ~} and a hash of the arguments when there are any
 * ({@code ~} alone for an empty key without arguments).
 */
final class BindingJson {
    /** Bindings are listed by source, destination and key, as RabbitMQ lists them. */
    private static final Comparator<Binding> ORDER = Comparator.comparing(Binding::source)
            .thenComparing(Binding::destination).thenComparing(Binding::routingKey);
    private BindingJson() {
    }

    static ObjectNode of(String vhost, Binding b) {
        ObjectNode o = Json.object();
        o.put("source", b.source());
        o.put("vhost", vhost);
        o.put("destination", b.destination());
        o.put("destination_type", b.kind() == DestinationKind.QUEUE ? "queue" : "exchange");
        o.put("routing_key", b.routingKey());
        o.set("arguments", JsonOutput.tree(b.arguments()));
        o.put("properties_key", propertiesKey(b));
        return o;
    }

    /** The default exchange's binding to a queue, which RabbitMQ lists though no one made it. */
    static ObjectNode implicit(String vhost, String queue) {
        return of(vhost, Binding.toQueue("", queue, queue, java.util.Map.of()));
    }

    static String propertiesKey(Binding b) {
        boolean noArgs = b.arguments() == null || b.arguments().isEmpty();
        if (b.routingKey().isEmpty() && noArgs) {
            return "~";
        }
        String key = quote(b.routingKey());
        return noArgs ? key : key + "~" + argumentsHash(b);
    }

    /**
     * Whether a path's {@code props} segment names the binding with {@code propertiesKey}. Like RabbitMQ, the segment
     * is unquoted once more after the URL's own decoding, so both {@code order.%23} (the
     * properties_key pasted into a path) and {@code order.%2523} (it, quoted) name key {@code order.#}.
     */
    static boolean isNamedBy(String propertiesKey, String props) {
        return unquote(propertiesKey).equals(unquote(props));
    }

    private static String unquote(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notQuoted) {
            return text;
        }
    }

    /** Percent-encodes all but RFC 3986's unreserved characters, as RabbitMQ quotes names in URLs. */
    static String quote(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static String argumentsHash(Binding b) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.bytes(JsonOutput.tree(b.arguments())));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every binding to a queue or exchange, the default exchange's first for a queue. */
    static List<ObjectNode> to(VirtualHost v, DestinationKind kind, String name) {
        List<ObjectNode> out = new ArrayList<>();
        if (kind == DestinationKind.QUEUE) {
            out.add(implicit(v.name(), name));
        }
        v.exchanges().bindingsTo(kind, name).stream().sorted(ORDER).forEach(b -> out.add(of(v.name(), b)));
        return out;
    }

    static List<ObjectNode> from(VirtualHost v, String exchange) {
        List<ObjectNode> out = new ArrayList<>();
        v.exchanges().bindingsFrom(exchange).stream().sorted(ORDER).forEach(b -> out.add(of(v.name(), b)));
        return out;
    }

    static List<ObjectNode> all(VirtualHost v) {
        List<ObjectNode> out = new ArrayList<>();
        v.queues().stream().map(q -> q.name()).sorted().forEach(q -> out.add(implicit(v.name(), q)));
        v.exchanges().bindings().stream().sorted(ORDER).forEach(b -> out.add(of(v.name(), b)));
        return out;
    }
}
