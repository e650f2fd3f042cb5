/**
 * RabbitMQ's JSON definitions (users, vhosts, permissions, topic permissions, parameters, global
 * parameters, policies, queues, exchanges, bindings) as a typed model, with a reader that
 * validates a whole document and a writer that produces RabbitMQ's export format. Pure: nothing
 * here touches the running broker. Import is {@link io.warren.broker.definitions.DefinitionsReader}
 * (all problems or a valid {@link io.warren.broker.definitions.Definitions}), then applying the
 * model; export is snapshotting the broker into the model, then
 * {@link io.warren.broker.definitions.DefinitionsWriter}.
 *
 * <p>Decisions where RabbitMQ leaves room:
 * <ul>
 *   <li>Unknown top-level keys are kept (in the header) and written back; unknown entry fields
 *       are dropped. RabbitMQ ignores both.</li>
 *   <li>Where RabbitMQ's import would fail half way (a permission for a user that does not
 *       exist, a queue in a missing vhost, a broken queue argument, a plugin exchange type), the
 *       reader refuses the document before anything is applied. It also refuses an object
 *       defined twice, where RabbitMQ would let the last one win.</li>
 *   <li>Parameters of any component are accepted and kept, although Warren has no plugin that
 *       reads federation or shovel parameters; {@code operator_policy} and {@code vhost-limits}
 *       values are validated.</li>
 *   <li>Policy definition keys are not checked here; the importer checks them with the dlx
 *       module's policy validator when applying.</li>
 *   <li>Bindings are not checked against the exchanges and queues they name: their source may be
 *       an {@code amq.*} exchange, which files never contain; the importer checks them against
 *       the broker.</li>
 *   <li>An operator policy value is written as RabbitMQ writes one set through the HTTP API
 *       (pattern, definition, priority, apply-to); other JSON objects with sorted keys.</li>
 * </ul>
 */
package io.warren.broker.definitions;
