package io.warren.broker.queuetype;

import io.warren.broker.ChannelException;
import io.warren.dlx.policy.PolicyRegistry;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One kind of queue (RabbitMQ's {@code rabbit_queue_type} module): its name as {@code x-queue-type}
 * spells it, the module name RabbitMQ's texts print, whether Warren declares it yet, and the
 * declare rules the type adds to the generic argument checks.
 *
 * @param name         {@code classic}, {@code quorum} or {@code stream}
 * @param module       the Erlang module name RabbitMQ prints ({@code rabbit_quorum_queue})
 * @param declarable   false for a type Warren refuses at declare as an unsupported type
 * @param arguments    the queue arguments the type has (RabbitMQ's {@code queue_arguments} capability)
 * @param durableOnly  true when auto-delete, exclusive and non-durable are refused
 * @param checksKeys   true when a known argument of another type is refused (false for classic,
 *                     where Warren keeps accepting the arguments it always accepted)
 */
public record QueueType(String name, String module, boolean declarable, Set<String> arguments,
                        boolean durableOnly, boolean checksKeys) {

    /** What policies of this type's queues are matched as ({@code apply-to} classic_queues or quorum_queues). */
    public PolicyRegistry.Target policyTarget() {
        return this == QueueTypes.QUORUM ? PolicyRegistry.Target.QUORUM_QUEUE : PolicyRegistry.Target.QUEUE;
    }

    /**
     * The declare rules of this type, after the generic checks of each argument's value: first a
     * known argument of another type, then the properties in RabbitMQ's order (auto-delete,
     * exclusive, non-durable). Each is a 406 with RabbitMQ's text.
     */
    public void checkDeclare(String queue, String vhost, boolean durable, boolean exclusive, boolean autoDelete,
                             Map<String, Object> args) {
        String where = "queue '" + queue + "' in vhost '" + vhost + "'";
        if (checksKeys && args != null) {
            for (String key : QueueTypes.KNOWN_ARGUMENTS) {
                if (args.containsKey(key) && !arguments.contains(key)) {
                    throw ChannelException.preconditionFailed("invalid arg '" + key + "' for " + where
                            + " of queue type " + module);
                }
            }
        }
        if (durableOnly) {
            List<String> refused = autoDelete ? List.of("auto-delete")
                    : exclusive ? List.of("exclusive-owner") : !durable ? List.of("non-durable") : List.of();
            if (!refused.isEmpty()) {
                throw ChannelException.preconditionFailed("invalid property '" + refused.get(0) + "' for " + where);
            }
        }
    }
}
