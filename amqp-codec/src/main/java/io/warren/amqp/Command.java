package io.warren.amqp;

/**
 * A whole AMQP command as {@link FrameDecoder} emits it: a method and, when the method carries
 * content, its content header and the complete body.
 *
 * @param channel the channel number, 0 to 65535
 * @param header null unless {@code method.hasContent()} (and never set on channel 0)
 * @param body null unless there is a header; otherwise exactly {@code header.bodySize()} bytes, owned
 *     by the receiver
 */
public record Command(int channel, AmqpMethod method, ContentHeader header, byte[] body) {

    /** A command without content. */
    public Command(int channel, AmqpMethod method) {
        this(channel, method, null, null);
    }

    @Override
    public String toString() {
        return "Command[channel=" + channel + ", method=" + method
                + (header == null ? "" : ", header=" + header + ", body=" + body.length + " bytes") + "]";
    }
}
