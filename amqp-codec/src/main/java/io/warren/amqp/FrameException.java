package io.warren.amqp;

/**
 * A violation of AMQP framing that closes the connection, with the reply code and text RabbitMQ
 * sends in its {@code connection.close}. Thrown by {@link FrameDecoder} (Netty wraps it in a
 * {@code DecoderException}), by {@link Methods#decode} and by {@link ContentHeader#properties()}.
 *
 * <p>{@link #replyText()} is the explanation alone, such as {@code "type 9, all octets = <<>>:
 * unknown_frame"}; {@link #closeReplyText()} is the whole reply-text field as RabbitMQ writes it,
 * prefixed with the code's name and cut to fit a short string. It carries no stack trace: it reports
 * a peer's mistake, and a peer may send many.
 */
public final class FrameException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int replyCode;
    private final String replyText;
    private final int classId;
    private final int methodId;

    public FrameException(int replyCode, String replyText) {
        this(replyCode, replyText, 0, 0);
    }

    /** For a violation tied to a method; its ids go into {@code connection.close}. */
    public FrameException(int replyCode, String replyText, int classId, int methodId) {
        super(replyText, null, false, false);
        this.replyCode = replyCode;
        this.replyText = replyText;
        this.classId = classId;
        this.methodId = methodId;
    }

    public int replyCode() {
        return replyCode;
    }

    /** The explanation, without the {@code "FRAME_ERROR - "} prefix. */
    public String replyText() {
        return replyText;
    }

    /** The class id of the method at fault, or 0. */
    public int classId() {
        return classId;
    }

    /** The method id of the method at fault, or 0. */
    public int methodId() {
        return methodId;
    }

    /**
     * The reply-text of {@code connection.close} as RabbitMQ builds it: {@code "NAME - explanation"},
     * cut to 252 characters plus {@code "..."} when longer than 255 (the explanations are ASCII).
     */
    public String closeReplyText() {
        String name = ReplyCode.name(replyCode);
        String text = (name == null ? Integer.toString(replyCode) : name) + " - " + replyText;
        return text.length() > Wire.SHORT_STR_MAX ? text.substring(0, 252) + "..." : text;
    }

    @Override
    public String getMessage() {
        return closeReplyText();
    }
}
