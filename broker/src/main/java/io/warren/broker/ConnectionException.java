package io.warren.broker;

import io.warren.amqp.ReplyCode;

/** An error that closes the whole connection (connection.close). */
public final class ConnectionException extends AmqpException {
    private final boolean withoutMethod;

    public ConnectionException(int replyCode, String detail) {
        this(replyCode, detail, false);
    }

    /**
     * @param withoutMethod RabbitMQ leaves class-id and method-id 0 in this connection.close (a
     *                      refused login, the channel limit), although a method caused it
     */
    public ConnectionException(int replyCode, String detail, boolean withoutMethod) {
        super(replyCode, detail);
        this.withoutMethod = withoutMethod;
    }

    public boolean withoutMethod() {
        return withoutMethod;
    }

    public static ConnectionException commandInvalid(String detail) {
        return new ConnectionException(ReplyCode.COMMAND_INVALID, detail);
    }

    public static ConnectionException channelError(String detail) {
        return new ConnectionException(ReplyCode.CHANNEL_ERROR, detail);
    }

    public static ConnectionException notAllowed(String detail) {
        return new ConnectionException(ReplyCode.NOT_ALLOWED, detail);
    }

    public static ConnectionException notImplemented(String detail) {
        return new ConnectionException(ReplyCode.NOT_IMPLEMENTED, detail);
    }

    public static ConnectionException unexpectedFrame(String detail) {
        return new ConnectionException(ReplyCode.UNEXPECTED_FRAME, detail);
    }
}
