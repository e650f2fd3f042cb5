package io.warren.broker.definitions;

import io.warren.dlx.policy.Policy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The checks that span entries: no object defined twice, and every user and vhost an entry
 * refers to is defined in the document or already exists (RabbitMQ's import fails on such an
 * entry with no_such_user or no_such_vhost, half way through; here it is found up front). Lists
 * hold null where an entry was already found broken; those are skipped.
 */
final class CrossReferences {
    private final Problems problems;
    private final Set<String> users = new HashSet<>();
    private final Set<String> vhosts = new HashSet<>();

    CrossReferences(Problems problems, ExistingObjects existing) {
        this.problems = problems;
        users.addAll(existing.users());
        vhosts.addAll(existing.vhosts());
    }

    void check(List<UserDefinition> userList, List<VirtualHostDefinition> vhostList,
               List<PermissionDefinition> permissions, List<TopicPermissionDefinition> topicPermissions,
               List<ParameterDefinition> parameters, List<GlobalParameterDefinition> globalParameters,
               List<Policy> policies, List<QueueDefinition> queues, List<ExchangeDefinition> exchanges,
               List<BindingDefinition> bindings) {
        Function<UserDefinition, List<String>> userKey = u -> List.of("name", u.name());
        Function<VirtualHostDefinition, List<String>> vhostKey = v -> List.of("name", v.name());
        Function<PermissionDefinition, List<String>> permissionKey = p -> List.of("user", p.user(), "vhost", p.vhost());
        Function<TopicPermissionDefinition, List<String>> topicKey =
                p -> List.of("user", p.user(), "vhost", p.vhost(), "exchange", p.exchange());
        Function<ParameterDefinition, List<String>> parameterKey =
                p -> List.of("vhost", p.vhost(), "component", p.component(), "name", p.name());
        Function<Policy, List<String>> policyKey = p -> List.of("vhost", p.vhost(), "name", p.name());
        Function<QueueDefinition, List<String>> queueKey = q -> List.of("vhost", q.vhost(), "name", q.name());
        Function<ExchangeDefinition, List<String>> exchangeKey = x -> List.of("vhost", x.vhost(), "name", x.name());
        Function<BindingDefinition, List<String>> bindingKey = b -> List.of("vhost", b.vhost(), "source", b.source(),
                "destination", b.destination(), "destination_type", b.destinationType().wireName(),
                "routing_key", b.routingKey(), "arguments", b.arguments().toString());

        unique("users", userList, userKey);
        unique("vhosts", vhostList, vhostKey);
        unique("permissions", permissions, permissionKey);
        unique("topic_permissions", topicPermissions, topicKey);
        unique("parameters", parameters, parameterKey);
        unique("global_parameters", globalParameters, p -> List.of("name", p.name()));
        unique("policies", policies, policyKey);
        unique("queues", queues, queueKey);
        unique("exchanges", exchanges, exchangeKey);
        unique("bindings", bindings, bindingKey);

        userList.stream().filter(u -> u != null).forEach(u -> users.add(u.name()));
        vhostList.stream().filter(v -> v != null).forEach(v -> vhosts.add(v.name()));
        refer("permissions", permissions, permissionKey, p -> List.of("user", p.user(), "vhost", p.vhost()));
        refer("topic_permissions", topicPermissions, topicKey, p -> List.of("user", p.user(), "vhost", p.vhost()));
        refer("parameters", parameters, parameterKey, p -> List.of("vhost", p.vhost()));
        refer("policies", policies, policyKey, p -> List.of("vhost", p.vhost()));
        refer("queues", queues, queueKey, q -> List.of("vhost", q.vhost()));
        refer("exchanges", exchanges, exchangeKey, x -> List.of("vhost", x.vhost()));
        refer("bindings", bindings, bindingKey, b -> List.of("vhost", b.vhost()));
    }

    /** @param key alternating field names and values identifying an entry */
    private <T> void unique(String section, List<T> entries, Function<T, List<String>> key) {
        Map<List<String>, Integer> first = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            T entry = entries.get(i);
            if (entry == null) {
                continue;
            }
            List<String> k = key.apply(entry);
            Integer earlier = first.putIfAbsent(k, i);
            if (earlier != null) {
                problems.add(label(section, i, k), null, "defined again; first at " + section + "[" + earlier + "]");
            }
        }
    }

    private <T> void refer(String section, List<T> entries, Function<T, List<String>> key,
                           Function<T, List<String>> refs) {
        for (int i = 0; i < entries.size(); i++) {
            T entry = entries.get(i);
            if (entry == null) {
                continue;
            }
            List<String> r = refs.apply(entry);
            for (int j = 0; j < r.size(); j += 2) {
                String field = r.get(j);
                String value = r.get(j + 1);
                boolean known = field.equals("user") ? users.contains(value) : vhosts.contains(value);
                if (!known) {
                    problems.add(label(section, i, key.apply(entry)), field,
                            "no " + field + " '" + value + "' in the file or the broker");
                }
            }
        }
    }

    private static String label(String section, int index, List<String> key) {
        StringBuilder label = new StringBuilder(section).append('[').append(index).append("] (");
        for (int j = 0; j < key.size() && j < 6; j += 2) {
            label.append(j == 0 ? "" : ", ").append(key.get(j)).append(" '").append(key.get(j + 1)).append('\'');
        }
        return label.append(')').toString();
    }
}
