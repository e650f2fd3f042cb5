package io.warren.broker;

import io.warren.amqp.AmqpMethod;
import io.warren.amqp.Command;
import io.warren.amqp.MethodVisitor;
import io.warren.amqp.ReplyCode;
import io.warren.amqp.method.AccessRequest;
import io.warren.amqp.method.AccessRequestOk;
import io.warren.amqp.method.BasicAck;
import io.warren.amqp.method.BasicCancel;
import io.warren.amqp.method.BasicConsume;
import io.warren.amqp.method.BasicGet;
import io.warren.amqp.method.BasicNack;
import io.warren.amqp.method.BasicPublish;
import io.warren.amqp.method.BasicQos;
import io.warren.amqp.method.BasicRecover;
import io.warren.amqp.method.BasicRecoverAsync;
import io.warren.amqp.method.BasicReject;
import io.warren.amqp.method.ChannelClose;
import io.warren.amqp.method.ChannelCloseOk;
import io.warren.amqp.method.ChannelFlow;
import io.warren.amqp.method.ChannelFlowOk;
import io.warren.amqp.method.ChannelOpen;
import io.warren.amqp.method.ConfirmSelect;
import io.warren.amqp.method.ExchangeBind;
import io.warren.amqp.method.ExchangeDeclare;
import io.warren.amqp.method.ExchangeDelete;
import io.warren.amqp.method.ExchangeUnbind;
import io.warren.amqp.method.QueueBind;
import io.warren.amqp.method.QueueDeclare;
import io.warren.amqp.method.QueueDelete;
import io.warren.amqp.method.QueuePurge;
import io.warren.amqp.method.QueueUnbind;
import io.warren.amqp.method.TxCommit;
import io.warren.amqp.method.TxRollback;
import io.warren.amqp.method.TxSelect;
import io.warren.broker.stats.ChannelStatistics;
import io.warren.queue.MessageQueue;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One AMQP channel: dispatch of its methods (one line each) to the parts that own the rules,
 * and the ordering guarantee. A command that must wait for a queue's answer (declare-ok with
 * counts, get, purge, delete) suspends the channel; commands that arrive meanwhile wait in order,
 * exactly as RabbitMQ's synchronous channel process would make them. Runs on the connection's
 * event loop only.
 */
final class AmqpChannel implements MethodVisitor {
    private final AmqpConnection connection;
    private final int id;
    private final TopologyCommands topology;
    private final Publisher publisher;
    private final Deliveries deliveries;
    private final ArrayDeque<Command> waiting = new ArrayDeque<>();
    private Command current;
    private boolean suspended;
    private boolean open = true;
    private boolean released;
    private final ChannelStatistics statistics;

    AmqpChannel(AmqpConnection connection, int id) {
        this.connection = connection;
        this.id = id;
        this.statistics = new ChannelStatistics(connection.statistics(), id);
        this.topology = new TopologyCommands(this);
        this.deliveries = new Deliveries(this);
        this.publisher = new Publisher(this, deliveries);
    }

    int id() { return id; }

    AmqpConnection connection() { return connection; }

    VirtualHost vhost() { return connection.vhost(); }

    Publisher publisher() { return publisher; }

    /** Counters, gauges and consumers of this channel; written on this channel's thread only. */
    ChannelStatistics statistics() { return statistics; }

    Deliveries deliveries() { return deliveries; }

    boolean isOpen() { return open; }

    /** Whether this open channel still owes an answer: a command waits for another thread, or commands wait behind it. */
    boolean isBusy() { return open && (suspended || !waiting.isEmpty()); }

    Command current() { return current; }

    /** basic.consume/get's queue: must exist and be accessible; "" means the last declared one. */
    MessageQueue existingQueueForBasic(String name) {
        return topology.readableQueue(name);
    }

    void send(AmqpMethod m) {
        connection.send(id, m);
    }

    void handle(Command cmd) {
        if (!open) {
            // After we sent channel.close only its close-ok ends the channel. A channel.close that
            // crossed ours is answered, and the client's close-ok for ours still follows, as
            // rabbit_channel does in its closing state.
            if (cmd.method() instanceof ChannelCloseOk) {
                connection.channelClosed(this);
            } else if (cmd.method() instanceof ChannelClose) {
                send(new ChannelCloseOk());
            }
            return;
        }
        if (suspended) {
            waiting.add(cmd);
            return;
        }
        current = cmd;
        cmd.method().accept(this);
    }

    /**
     * Runs {@code onQueue} on the queue's owner thread and then {@code onChannel} with its result
     * back here, holding later commands of this channel until then. Publishes and acks collected
     * so far are handed over first so the queue sees them before this call.
     */
    <T> void callQueue(MessageQueue q, Function<MessageQueue, T> onQueue, Consumer<T> onChannel) {
        endOfReadBatch();
        // Always through the owner's task queue, even when it is this thread: work that other
        // connections handed to the queue earlier (a confirmed publish, say) must run first.
        AmqpMethod cause = current.method();
        suspended = true;
        q.owner().execute(() -> {
            T result = onQueue.apply(q);
            Runnable continuation = () -> resume(cause, () -> onChannel.accept(result));
            if (connection.executor().inEventLoop()) {
                // Same thread: answer within this task, ahead of the delivery pass it may have
                // scheduled, so that consume-ok precedes the first basic.deliver.
                continuation.run();
            } else {
                connection.executor().execute(continuation);
            }
        });
    }

    /**
     * Runs {@code then} here once every queue in {@code queues} has run the tasks already handed
     * to it, holding later commands of this channel until then: a barrier for replies such as
     * tx.commit-ok and basic.recover-ok, which promise the work is done.
     */
    void afterQueues(java.util.Set<MessageQueue> queues, Runnable then) {
        java.util.List<MessageQueue> remote = new java.util.ArrayList<>();
        for (MessageQueue q : queues) {
            if (!q.owner().inEventLoop()) {
                remote.add(q);
            }
        }
        if (remote.isEmpty()) {
            then.run();
            return;
        }
        AmqpMethod cause = current.method();
        suspended = true;
        java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger(remote.size());
        for (MessageQueue q : remote) {
            q.owner().execute(() -> {
                if (pending.decrementAndGet() == 0) {
                    connection.executor().execute(() -> resume(cause, then));
                }
            });
        }
    }

    /**
     * Holds this channel's later commands until {@code start}'s callback fires (from any thread),
     * then runs {@code then} here: for replies that promise something another thread finishes,
     * such as a journal write or an fsync.
     */
    void suspendUntil(Consumer<Runnable> start, Runnable then) {
        AmqpMethod cause = current.method();
        suspended = true;
        start.accept(() -> connection.executor().execute(() -> resume(cause, then)));
    }

    /**
     * Runs {@code then} here once the topology journal has everything written so far on disk. If
     * it could not be written, the connection is closed instead with 541 INTERNAL_ERROR naming
     * the cause, as RabbitMQ closes it when its metadata store cannot commit a declare, bind or
     * delete: the client learns the change is not saved and its recovery can start.
     */
    void afterJournal(Runnable then) {
        AmqpMethod cause = current.method();
        suspended = true;
        vhost().afterJournal().whenComplete((ok, failed) -> connection.executor().execute(
                () -> resume(cause, failed == null ? then : () -> {
                    throw journalFailed(failed);
                })));
    }

    private static ConnectionException journalFailed(Throwable failed) {
        Throwable t = failed instanceof java.util.concurrent.CompletionException && failed.getCause() != null
                ? failed.getCause() : failed;
        return new ConnectionException(ReplyCode.INTERNAL_ERROR, "cannot save the change: " + t.getMessage());
    }

    private void resume(AmqpMethod cause, Runnable continuation) {
        suspended = false;
        connection.runOnChannel(this, cause, continuation);
        connection.scheduleFlush();
        while (!suspended && open && !waiting.isEmpty()) {
            Command next = waiting.poll();
            connection.runOnChannel(this, next.method(), () -> handle(next));
        }
        if (!suspended) {
            connection.channelIdle();
        }
    }

    /** End of a socket read: hand collected work to the queues and send earned confirms. */
    void endOfReadBatch() {
        publisher.endOfReadBatch();
    }

    void resumeDeliveries() {
        deliveries.resume();
    }

    void startClosing() {
        open = false;
        waiting.clear();
        deliveries.release();
        publisher.endOfReadBatch();
    }

    /** The channel is gone (closed either way, or the connection dropped): give everything back. */
    void release() {
        open = false;
        waiting.clear();
        deliveries.release();
        publisher.endOfReadBatch();
        if (!released) {
            released = true;
            connection.broker().statistics().channelClosed(statistics);
        }
    }

    // ---- channel ----

    @Override
    public void visitChannelOpen(ChannelOpen m) {
        throw ConnectionException.channelError("second 'channel.open' seen");
    }

    @Override
    public void visitChannelFlow(ChannelFlow m) {
        deliveries.flow(m.active());
        send(new ChannelFlowOk(m.active()));
    }

    @Override
    public void visitChannelClose(ChannelClose m) {
        release();
        connection.channelClosed(this);
        send(new ChannelCloseOk());
    }

    @Override
    public void visitChannelCloseOk(ChannelCloseOk m) {
        // A close-ok we never asked for: ignored, as RabbitMQ does.
    }

    @Override
    public void visitAccessRequest(AccessRequest m) {
        send(new AccessRequestOk(1));
    }

    // ---- exchange ----

    @Override
    public void visitExchangeDeclare(ExchangeDeclare m) { topology.exchangeDeclare(m); }

    @Override
    public void visitExchangeDelete(ExchangeDelete m) { topology.exchangeDelete(m); }

    @Override
    public void visitExchangeBind(ExchangeBind m) { topology.exchangeBind(m); }

    @Override
    public void visitExchangeUnbind(ExchangeUnbind m) { topology.exchangeUnbind(m); }

    // ---- queue ----

    @Override
    public void visitQueueDeclare(QueueDeclare m) { topology.queueDeclare(m); }

    @Override
    public void visitQueueBind(QueueBind m) { topology.queueBind(m); }

    @Override
    public void visitQueueUnbind(QueueUnbind m) { topology.queueUnbind(m); }

    @Override
    public void visitQueuePurge(QueuePurge m) { topology.queuePurge(m); }

    @Override
    public void visitQueueDelete(QueueDelete m) { topology.queueDelete(m); }

    // ---- basic ----

    @Override
    public void visitBasicQos(BasicQos m) { deliveries.qos(m); }

    @Override
    public void visitBasicConsume(BasicConsume m) { deliveries.consume(m); }

    @Override
    public void visitBasicCancel(BasicCancel m) { deliveries.cancel(m); }

    @Override
    public void visitBasicPublish(BasicPublish m) { publisher.publish(m, current.header(), current.body()); }

    @Override
    public void visitBasicGet(BasicGet m) { deliveries.get(m); }

    @Override
    public void visitBasicAck(BasicAck m) { deliveries.ack(m.deliveryTag(), m.multiple()); }

    @Override
    public void visitBasicReject(BasicReject m) { deliveries.reject(m.deliveryTag(), false, m.requeue()); }

    @Override
    public void visitBasicNack(BasicNack m) { deliveries.reject(m.deliveryTag(), m.multiple(), m.requeue()); }

    @Override
    public void visitBasicRecoverAsync(BasicRecoverAsync m) { deliveries.recover(m.requeue(), false); }

    @Override
    public void visitBasicRecover(BasicRecover m) { deliveries.recover(m.requeue(), true); }

    // ---- confirm, tx ----

    @Override
    public void visitConfirmSelect(ConfirmSelect m) { publisher.confirmSelect(m.nowait()); }

    @Override
    public void visitTxSelect(TxSelect m) { publisher.txSelect(); }

    @Override
    public void visitTxCommit(TxCommit m) { publisher.txCommit(); }

    @Override
    public void visitTxRollback(TxRollback m) { publisher.txRollback(); }

    @Override
    public void unhandled(AmqpMethod m) {
        throw ConnectionException.commandInvalid("unexpected method " + m.name() + " on channel " + id);
    }
}
