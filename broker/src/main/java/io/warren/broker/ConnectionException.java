package io.warren.broker;

import io.warren.amqp.ReplyCode;

/** An error that closes the whole connection (connection.close). */
public final class ConnectionException extends AmqpException {
    public ConnectionException(int replyCode, String detail) {
        super(replyCode, detail);
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
