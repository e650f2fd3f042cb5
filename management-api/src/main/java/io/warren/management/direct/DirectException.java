package io.warren.management.direct;

/**
 * The broker closed the direct channel or connection: its AMQP reply code and text, such as
 * 406 and {@code PRECONDITION_FAILED - inequivalent arg 'durable' ...}.
 */
public final class DirectException extends RuntimeException {
    private final int replyCode;

    public DirectException(int replyCode, String replyText) {
        super(replyText, null, false, false);
        this.replyCode = replyCode;
    }

    public int replyCode() { return replyCode; }

    public String replyText() { return getMessage(); }

    /** The text without its {@code NOT_FOUND - } prefix, as the management API reports declares. */
    public String explanation() {
        String t = replyText();
        int dash = t.indexOf(" - ");
        return dash < 0 ? t : t.substring(dash + 3);
    }
}
