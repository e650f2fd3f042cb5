package io.warren.broker.definitions;

import io.warren.dlx.policy.Policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole definitions document, RabbitMQ's JSON export format as a typed model: the contract
 * between reading a file and applying it to the broker, and between snapshotting the broker and
 * writing a file. Entries keep the file's order. Immutable, so any thread may share it.
 *
 * <p>A document from {@link DefinitionsReader} has been validated as a whole; one built by hand
 * has not. Operator policies are not a list of their own: as in RabbitMQ's files they are
 * {@code operator_policy} entries of {@link #parameters()}, exposed as policies by
 * {@link #operatorPolicies()}.
 *
 * @param header every top-level key that is not a section ({@code rabbit_version},
 *               {@code rabbitmq_version}, {@code product_name}, {@code product_version}, and any
 *               other such as 4.x's {@code explanation}), JSON-shaped, in file order
 */
public record Definitions(Map<String, Object> header,
                          List<UserDefinition> users,
                          List<VirtualHostDefinition> vhosts,
                          List<PermissionDefinition> permissions,
                          List<TopicPermissionDefinition> topicPermissions,
                          List<ParameterDefinition> parameters,
                          List<GlobalParameterDefinition> globalParameters,
                          List<Policy> policies,
                          List<QueueDefinition> queues,
                          List<ExchangeDefinition> exchanges,
                          List<BindingDefinition> bindings) {
    public Definitions {
        header = Values.copyOf(header);
        users = List.copyOf(users);
        vhosts = List.copyOf(vhosts);
        permissions = List.copyOf(permissions);
        topicPermissions = List.copyOf(topicPermissions);
        parameters = List.copyOf(parameters);
        globalParameters = List.copyOf(globalParameters);
        policies = List.copyOf(policies);
        queues = List.copyOf(queues);
        exchanges = List.copyOf(exchanges);
        bindings = List.copyOf(bindings);
    }

    /**
     * The header RabbitMQ writes first, with one version in both version keys, e.g.
     * {@code header("RabbitMQ", "3.13.7")}.
     */
    public static Map<String, Object> header(String productName, String version) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("rabbit_version", version);
        header.put("rabbitmq_version", version);
        header.put("product_name", productName);
        header.put("product_version", version);
        return header;
    }

    /** The operator policies among {@link #parameters()}, in file order. */
    public List<Policy> operatorPolicies() {
        return parameters.stream()
                .filter(p -> ParameterDefinition.OPERATOR_POLICY.equals(p.component()))
                .map(p -> PolicyValues.toPolicy(p.vhost(), p.name(), p.value()))
                .toList();
    }
}
