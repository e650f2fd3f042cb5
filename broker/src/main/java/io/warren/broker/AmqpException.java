package io.warren.broker;

import io.warren.amqp.ReplyCode;

/**
 * A protocol error with the reply code and text RabbitMQ sends for it. Raised where the rule
 * lives; turned into a close frame in exactly one place ({@link AmqpConnection}).
 */
public abstract sealed class AmqpException extends RuntimeException
        permits ChannelException, ConnectionException {
    private final int replyCode;

    AmqpException(int replyCode, String detail) {
        super(ReplyCode.name(replyCode) + " - " + detail, null, false, false);
        this.replyCode = replyCode;
    }

    public int replyCode() {
        return replyCode;
    }

    /**
     * The reply-text of the close frame, e.g. {@code NOT_FOUND - no queue 'q' in vhost '/'}, cut
     * as RabbitMQ cuts it to fit a short string.
     */
    public String replyText() {
        String text = getMessage();
        return text.length() > 255 ? text.substring(0, 252) + "..." : text;
    }
}
