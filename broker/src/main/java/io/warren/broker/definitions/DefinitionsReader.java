package io.warren.broker.definitions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.dlx.policy.Policy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads RabbitMQ's JSON definitions, as exported by RabbitMQ 3.x and 4.x (and by
 * {@link DefinitionsWriter}), into a {@link Definitions}, validating the whole document before
 * returning: each field's presence and JSON type, hashing algorithms and hashes, exchange and
 * queue types, queue arguments (by the broker's own {@link io.warren.broker.QueueArguments}
 * rules), binding destination types, policy patterns, apply-to and priority, duplicates, and
 * references to users and vhosts. A document with any problem is refused as a whole with a
 * {@link DefinitionsException} listing every problem.
 *
 * <p>As RabbitMQ does, a missing section counts as empty, and top-level keys and entry fields
 * the format does not know are accepted: unknown top-level keys are kept in
 * {@link Definitions#header()}, unknown entry fields are dropped. Stateless apart from the
 * existing objects it was given; any thread may call it.
 */
public final class DefinitionsReader {
    /** The sections of a whole document, in the order RabbitMQ writes them. */
    static final List<String> SECTIONS = List.of("users", "vhosts", "permissions", "topic_permissions",
            "parameters", "global_parameters", "policies", "queues", "exchanges", "bindings");
    /** The sections a per-vhost document imports. */
    static final List<String> VHOST_SECTIONS = List.of("parameters", "policies", "queues", "exchanges", "bindings");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ExistingObjects existing;

    /** @param existing the users and vhosts the broker has, which entries may refer to */
    public DefinitionsReader(ExistingObjects existing) {
        this.existing = existing;
    }

    /**
     * Reads a whole document (GET /api/definitions, {@code rabbitmqctl export_definitions}).
     *
     * @throws DefinitionsException listing every problem, if there is any
     */
    public Definitions read(byte[] json) {
        Problems problems = new Problems();
        JsonNode root = parse(json, problems);
        Map<String, Object> header = header(root);
        String version = header.get("rabbit_version") instanceof String v ? v : null;
        Sections s = new Sections(root, problems, null);
        List<UserDefinition> users = s.read("users", e -> AccessSections.user(e, version), "name");
        List<VirtualHostDefinition> vhosts = s.read("vhosts", AccessSections::vhost, "name");
        List<PermissionDefinition> permissions = s.read("permissions", AccessSections::permission, "user", "vhost");
        List<TopicPermissionDefinition> topicPermissions =
                s.read("topic_permissions", AccessSections::topicPermission, "user", "vhost", "exchange");
        List<ParameterDefinition> parameters =
                s.read("parameters", PolicySections::parameter, "vhost", "component", "name");
        List<GlobalParameterDefinition> globalParameters =
                s.read("global_parameters", PolicySections::globalParameter, "name");
        List<Policy> policies = s.read("policies", PolicySections::policy, "vhost", "name");
        List<QueueDefinition> queues = s.read("queues", TopologySections::queue, "vhost", "name");
        List<ExchangeDefinition> exchanges = s.read("exchanges", TopologySections::exchange, "vhost", "name");
        List<BindingDefinition> bindings =
                s.read("bindings", TopologySections::binding, "vhost", "source", "destination");
        new CrossReferences(problems, existing).check(users, vhosts, permissions, topicPermissions, parameters,
                globalParameters, policies, queues, exchanges, bindings);
        problems.throwIfAny();
        return new Definitions(header, users, vhosts, permissions, topicPermissions, parameters,
                globalParameters, policies, queues, exchanges, bindings);
    }

    /**
     * Reads a per-vhost document (GET /api/definitions/{vhost}) for import into {@code vhost},
     * which must already exist. As in RabbitMQ, only its parameters, policies, queues, exchanges
     * and bindings count, and every entry lands in {@code vhost} whatever {@code vhost} key it
     * carries; the other sections are ignored.
     *
     * @throws DefinitionsException listing every problem, if there is any
     */
    public Definitions readForVhost(byte[] json, String vhost) {
        Problems problems = new Problems();
        JsonNode root = parse(json, problems);
        if (!existing.vhosts().contains(vhost)) {
            problems.add("document", null, "vhost '" + vhost + "' does not exist");
        }
        Sections s = new Sections(root, problems, vhost);
        List<ParameterDefinition> parameters =
                s.read("parameters", PolicySections::parameter, "vhost", "component", "name");
        List<Policy> policies = s.read("policies", PolicySections::policy, "vhost", "name");
        List<QueueDefinition> queues = s.read("queues", TopologySections::queue, "vhost", "name");
        List<ExchangeDefinition> exchanges = s.read("exchanges", TopologySections::exchange, "vhost", "name");
        List<BindingDefinition> bindings =
                s.read("bindings", TopologySections::binding, "vhost", "source", "destination");
        // Whether the target vhost exists was checked once above, not once per entry.
        new CrossReferences(problems, new ExistingObjects(Set.of(), Set.of(vhost))).check(List.of(), List.of(), List.of(), List.of(),
                parameters, List.of(), policies, queues, exchanges, bindings);
        problems.throwIfAny();
        return new Definitions(header(root), List.of(), List.of(), List.of(), List.of(), parameters, List.of(),
                policies, queues, exchanges, bindings);
    }

    private static JsonNode parse(byte[] json, Problems problems) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            problems.add("document", null, "not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
            problems.throwIfAny();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new IllegalStateException("reading from a byte array", e);
        }
        if (root == null || !root.isObject()) {
            problems.add("document", null, "expected a JSON object, got " + (root == null ? "nothing" : root.getNodeType()));
            problems.throwIfAny();
        }
        return root;
    }

    private static Map<String, Object> header(JsonNode root) {
        Map<String, Object> header = new LinkedHashMap<>();
        root.properties().forEach(e -> {
            if (!SECTIONS.contains(e.getKey())) {
                header.put(e.getKey(), JsonValues.toJava(e.getValue()));
            }
        });
        return header;
    }

    /** Walks the sections of one document; keeps null where an entry is broken, for the cross-checks. */
    private record Sections(JsonNode root, Problems problems, String vhostOverride) {
        <T> List<T> read(String section, Function<Entry, T> reader, String... labelKeys) {
            List<T> entries = new ArrayList<>();
            JsonNode array = root.get(section);
            if (array == null || array.isNull()) {
                return entries;
            }
            if (!array.isArray()) {
                problems.add("document", section, "expected an array, got " + array.getNodeType());
                return entries;
            }
            for (int i = 0; i < array.size(); i++) {
                JsonNode node = array.get(i);
                if (!node.isObject()) {
                    problems.add(section + "[" + i + "]", null, "expected an object, got " + node);
                    entries.add(null);
                } else {
                    entries.add(reader.apply(Entry.of(section, i, node, problems, vhostOverride, labelKeys)));
                }
            }
            return entries;
        }
    }
}
