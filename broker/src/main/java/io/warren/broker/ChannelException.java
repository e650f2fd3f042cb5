package io.warren.broker;

import io.warren.amqp.ReplyCode;

/** An error that closes the offending channel only (channel.close); the connection carries on. */
public final class ChannelException extends AmqpException {
    public ChannelException(int replyCode, String detail) {
        super(replyCode, detail);
    }

    public static ChannelException notFound(String detail) {
        return new ChannelException(ReplyCode.NOT_FOUND, detail);
    }

    public static ChannelException accessRefused(String detail) {
        return new ChannelException(ReplyCode.ACCESS_REFUSED, detail);
    }

    public static ChannelException resourceLocked(String detail) {
        return new ChannelException(ReplyCode.RESOURCE_LOCKED, detail);
    }

    public static ChannelException preconditionFailed(String detail) {
        return new ChannelException(ReplyCode.PRECONDITION_FAILED, detail);
    }
}
