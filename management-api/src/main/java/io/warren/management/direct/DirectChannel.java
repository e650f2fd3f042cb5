package io.warren.management.direct;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.warren.amqp.AmqpMethod;
import io.warren.amqp.Command;
import io.warren.amqp.Frames;
import io.warren.amqp.ReplyCode;
import io.warren.amqp.method.BasicAck;
import io.warren.amqp.method.BasicNack;
import io.warren.amqp.method.BasicPublish;
import io.warren.amqp.method.BasicReturn;
import io.warren.amqp.method.ChannelClose;
import io.warren.amqp.method.ChannelCloseOk;
import io.warren.amqp.method.ConfirmSelect;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One AMQP channel of a {@link DirectConnection}, used by one management request at a time:
 * the caller sends a method and blocks for the broker's reply, as RabbitMQ's management plugin
 * does with {@code amqp_channel:call}. Commands for it arrive on the event loop and wait in a
 * queue until the caller takes them.
 */
public final class DirectChannel implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 30;

    private final DirectConnection connection;
    private final int number;
    private final BlockingQueue<Object> inbound = new LinkedBlockingQueue<>();
    private volatile DirectException closedBy;
    private boolean confirming;

    DirectChannel(DirectConnection connection, int number) {
        this.connection = connection;
        this.number = number;
    }

    int number() { return number; }

    /** From the event loop: a command for this channel, or the end of it. */
    void received(Object commandOrFailure) {
        inbound.add(commandOrFailure);
    }

    /**
     * From the event loop: a message for this channel that this side could not take (larger than
     * max_message_size). The call waiting for it fails, but the channel stays open until it is
     * closed, so that closing gives back what it holds.
     */
    void couldNotReceive(DirectException e) {
        inbound.add(new LocalFailure(e));
    }

    private record LocalFailure(DirectException cause) {}

    /** Sends a synchronous method and returns the broker's reply (with its content, for basic.get-ok). */
    public Command call(AmqpMethod method) {
        send(method);
        return next();
    }

    /** Sends a method that has no reply, such as basic.ack or basic.reject. */
    public void send(AmqpMethod method) {
        failIfClosed();
        write(method);
    }

    /**
     * Publishes with publisher confirms and {@code mandatory}, as the management API's publish
     * does, and waits for the confirm.
     *
     * @return whether the message reached a queue (false when the broker returned it)
     */
    public boolean publish(BasicPublish publish, byte[] rawProperties, byte[] body) {
        if (!confirming) {
            call(new ConfirmSelect(false));
            confirming = true;
        }
        failIfClosed();
        Channel ch = connection.nettyChannel();
        ch.writeAndFlush(Frames.encodeContentCommand(ch.alloc(), number, publish, rawProperties, body,
                connection.frameMax()));
        boolean routed = true;
        while (true) {
            AmqpMethod m = next().method();
            if (m instanceof BasicReturn) {
                routed = false;
            } else if (m instanceof BasicAck) {
                return routed;
            } else if (m instanceof BasicNack) {
                throw new PublishRejectedException();
            }
        }
    }

    /** The broker refused a published message (a queue at its limit with reject-publish). */
    public static final class PublishRejectedException extends RuntimeException {
        PublishRejectedException() {
            super("Unable to publish message. Check queue limits.", null, false, false);
        }
    }

    private Command next() {
        Object o;
        try {
            o = inbound.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectException(ReplyCode.INTERNAL_ERROR, "interrupted");
        }
        if (o == null) {
            throw new DirectException(ReplyCode.INTERNAL_ERROR, "INTERNAL_ERROR - the broker did not answer in time");
        }
        if (o instanceof DirectException e) {
            closedBy = e;
            throw e;
        }
        if (o instanceof LocalFailure f) {
            throw f.cause();
        }
        Command c = (Command) o;
        if (c.method() instanceof ChannelClose close) {
            DirectException e = new DirectException(close.replyCode(), close.replyText());
            closedBy = e;
            write(new ChannelCloseOk());
            connection.released(this);
            throw e;
        }
        return c;
    }

    private void failIfClosed() {
        if (closedBy != null) {
            throw closedBy;
        }
    }

    private void write(AmqpMethod m) {
        Channel ch = connection.nettyChannel();
        ByteBuf out = ch.alloc().buffer();
        Frames.writeMethod(out, number, m);
        ch.writeAndFlush(out);
    }

    /**
     * Closes the channel, which requeues whatever it got and did not ack, as closing does in
     * AMQP. Waits for close-ok so that the requeue has happened when this returns.
     */
    @Override
    public void close() {
        if (closedBy != null) {
            return;
        }
        try {
            Command c = call(new ChannelClose(ReplyCode.REPLY_SUCCESS, "", 0, 0));
            while (!(c.method() instanceof ChannelCloseOk)) {
                c = next();
            }
        } catch (DirectException ignored) {
            // Closed by the broker meanwhile: nothing left to close.
        } finally {
            closedBy = new DirectException(ReplyCode.CHANNEL_ERROR, "channel closed");
            connection.released(this);
        }
    }
}
