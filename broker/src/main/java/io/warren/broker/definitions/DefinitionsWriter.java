package io.warren.broker.definitions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.warren.dlx.policy.Policy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link Definitions} as RabbitMQ writes its exports: compact JSON, the header keys
 * first, then the sections and each entry's fields in RabbitMQ's order, with the keys of
 * arguments, policy definitions, limits and parameter values sorted as RabbitMQ's maps sort
 * them. Entries keep the model's order. What this writes, {@link DefinitionsReader} reads back
 * to an equal model, and writing that again gives the same bytes. Stateless; any thread may call it.
 */
public final class DefinitionsWriter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String RABBIT_VERSION = "rabbit_version";
    private static final List<String> OPERATOR_POLICY_KEYS = List.of("pattern", "definition", "priority", "apply-to");

    private DefinitionsWriter() {}

    /** A whole document, every section present even when empty. */
    public static byte[] write(Definitions d, DefinitionsFormat format) {
        return generate(g -> {
            writeHeader(g, d.header());
            g.writeArrayFieldStart("users");
            for (UserDefinition u : d.users()) {
                user(g, u);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("vhosts");
            for (VirtualHostDefinition v : d.vhosts()) {
                vhost(g, v, format);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("permissions");
            for (PermissionDefinition p : d.permissions()) {
                g.writeStartObject();
                g.writeStringField("user", p.user());
                g.writeStringField("vhost", p.vhost());
                g.writeStringField("configure", p.configure());
                g.writeStringField("write", p.write());
                g.writeStringField("read", p.read());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("topic_permissions");
            for (TopicPermissionDefinition p : d.topicPermissions()) {
                g.writeStartObject();
                g.writeStringField("user", p.user());
                g.writeStringField("vhost", p.vhost());
                g.writeStringField("exchange", p.exchange());
                g.writeStringField("write", p.write());
                g.writeStringField("read", p.read());
                g.writeEndObject();
            }
            g.writeEndArray();
            vhostSections(g, d, null, format, true);
        });
    }

    /**
     * A per-vhost document (GET /api/definitions/{vhost}) as RabbitMQ 3.x writes it: only
     * {@code rabbit_version} from the header, then the parameters and policies of {@code vhost}
     * (these keep their {@code vhost} keys) and its queues, exchanges and bindings (without).
     */
    public static byte[] writeForVhost(Definitions d, String vhost, DefinitionsFormat format) {
        return generate(g -> {
            writeHeader(g, d.header().containsKey(RABBIT_VERSION)
                    ? Map.of(RABBIT_VERSION, d.header().get(RABBIT_VERSION)) : Map.of());
            vhostSections(g, d, vhost, format, false);
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] generate(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a byte array", e);
        }
        return out.toByteArray();
    }

    private static void writeHeader(JsonGenerator g, Map<String, Object> header) throws IOException {
        for (Map.Entry<String, Object> e : header.entrySet()) {
            g.writeFieldName(e.getKey());
            JsonOutput.json(g, e.getValue());
        }
    }

    /** @param only the vhost to keep, its queues, exchanges and bindings written without vhost keys; null for all */
    private static void vhostSections(JsonGenerator g, Definitions d, String only, DefinitionsFormat format,
                                      boolean withGlobal) throws IOException {
        boolean vhostKey = only == null;
        g.writeArrayFieldStart("parameters");
        for (ParameterDefinition p : d.parameters()) {
            if (keep(only, p.vhost())) {
                // RabbitMQ writes a parameter's value first.
                g.writeStartObject();
                g.writeFieldName("value");
                if (ParameterDefinition.OPERATOR_POLICY.equals(p.component()) && p.value() instanceof Map<?, ?> policy) {
                    operatorPolicyValue(g, policy);
                } else {
                    JsonOutput.json(g, p.value());
                }
                g.writeStringField("vhost", p.vhost());
                g.writeStringField("component", p.component());
                g.writeStringField("name", p.name());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        if (withGlobal) {
            g.writeArrayFieldStart("global_parameters");
            for (GlobalParameterDefinition p : d.globalParameters()) {
                g.writeStartObject();
                g.writeStringField("name", p.name());
                g.writeFieldName("value");
                JsonOutput.json(g, p.value());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeArrayFieldStart("policies");
        for (Policy p : d.policies()) {
            if (keep(only, p.vhost())) {
                g.writeStartObject();
                g.writeStringField("vhost", p.vhost());
                g.writeStringField("name", p.name());
                g.writeStringField("pattern", p.pattern());
                g.writeStringField("apply-to", p.applyTo().wireName());
                g.writeFieldName("definition");
                JsonOutput.json(g, p.definition());
                g.writeNumberField("priority", p.priority());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("queues");
        for (QueueDefinition q : d.queues()) {
            if (keep(only, q.vhost())) {
                queue(g, q, vhostKey, format);
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("exchanges");
        for (ExchangeDefinition x : d.exchanges()) {
            if (keep(only, x.vhost())) {
                exchange(g, x, vhostKey, format);
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("bindings");
        for (BindingDefinition b : d.bindings()) {
            if (keep(only, b.vhost())) {
                g.writeStartObject();
                g.writeStringField("source", b.source());
                if (vhostKey) {
                    g.writeStringField("vhost", b.vhost());
                }
                g.writeStringField("destination", b.destination());
                g.writeStringField("destination_type", b.destinationType().wireName());
                g.writeStringField("routing_key", b.routingKey());
                g.writeFieldName("arguments");
                JsonOutput.json(g, b.arguments());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }

    /**
     * RabbitMQ keeps an operator policy's value as a list in the order pattern, definition,
     * priority, apply-to, not as a sorted map.
     */
    private static void operatorPolicyValue(JsonGenerator g, Map<?, ?> policy) throws IOException {
        Map<Object, Object> rest = new TreeMap<>(policy);
        g.writeStartObject();
        for (String key : OPERATOR_POLICY_KEYS) {
            if (rest.containsKey(key)) {
                g.writeFieldName(key);
                JsonOutput.json(g, rest.remove(key));
            }
        }
        JsonOutput.fields(g, rest);
        g.writeEndObject();
    }

    private static boolean keep(String only, String vhost) {
        return only == null || only.equals(vhost);
    }

    private static void user(JsonGenerator g, UserDefinition u) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", u.name());
        g.writeStringField("password_hash", u.passwordHash());
        g.writeStringField("hashing_algorithm", u.hashingAlgorithm().wireName());
        g.writeFieldName("tags");
        JsonOutput.json(g, u.tags());
        if (u.limits() != null) {
            g.writeFieldName("limits");
            JsonOutput.json(g, u.limits());
        }
        g.writeEndObject();
    }

    private static void vhost(JsonGenerator g, VirtualHostDefinition v, DefinitionsFormat format) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", v.name());
        if (format == DefinitionsFormat.RABBITMQ_4) {
            // As 4.x writes them: the description, tags and queue type both inside metadata and beside it.
            String description = v.description() == null ? "" : v.description();
            List<String> tags = v.tags() == null ? List.of() : v.tags();
            g.writeStringField("description", description);
            g.writeObjectFieldStart("metadata");
            g.writeStringField("description", description);
            g.writeFieldName("tags");
            JsonOutput.json(g, tags);
            if (v.defaultQueueType() != null) {
                g.writeStringField("default_queue_type", v.defaultQueueType());
            }
            JsonOutput.fields(g, v.otherMetadata());
            g.writeEndObject();
            g.writeFieldName("tags");
            JsonOutput.json(g, tags);
            if (v.defaultQueueType() != null) {
                g.writeStringField("default_queue_type", v.defaultQueueType());
            }
            g.writeFieldName("limits");
            JsonOutput.json(g, v.limits() == null ? Map.of() : v.limits());
        } else {
            if (v.description() != null) {
                g.writeStringField("description", v.description());
            }
            if (v.tags() != null) {
                g.writeFieldName("tags");
                JsonOutput.json(g, v.tags());
            }
            if (v.defaultQueueType() != null) {
                g.writeStringField("default_queue_type", v.defaultQueueType());
            }
            if (!v.otherMetadata().isEmpty()) {
                g.writeFieldName("metadata");
                JsonOutput.json(g, v.otherMetadata());
            }
            if (v.limits() != null) {
                g.writeFieldName("limits");
                JsonOutput.json(g, v.limits());
            }
        }
        g.writeEndObject();
    }

    private static void queue(JsonGenerator g, QueueDefinition q, boolean vhostKey, DefinitionsFormat format)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("name", q.name());
        if (vhostKey) {
            g.writeStringField("vhost", q.vhost());
        }
        if (format == DefinitionsFormat.RABBITMQ_4) {
            g.writeStringField("type", q.effectiveType());
        } else if (q.type() != null) {
            g.writeStringField("type", q.type());
        }
        g.writeBooleanField("durable", q.durable());
        g.writeBooleanField("auto_delete", q.autoDelete());
        g.writeFieldName("arguments");
        JsonOutput.json(g, q.arguments());
        g.writeEndObject();
    }

    private static void exchange(JsonGenerator g, ExchangeDefinition x, boolean vhostKey, DefinitionsFormat format)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("name", x.name());
        if (vhostKey) {
            g.writeStringField("vhost", x.vhost());
        }
        g.writeStringField("type", x.type());
        g.writeBooleanField("durable", x.durable());
        g.writeBooleanField("auto_delete", x.autoDelete());
        // 4.x leaves internal out, as it exports no internal exchanges; Warren keeps the ones it has.
        if (format == DefinitionsFormat.RABBITMQ_3 || x.internal()) {
            g.writeBooleanField("internal", x.internal());
        }
        g.writeFieldName("arguments");
        JsonOutput.json(g, x.arguments());
        g.writeEndObject();
    }
}
