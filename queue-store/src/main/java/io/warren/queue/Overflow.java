package io.warren.queue;

/** What a queue at its length limit does with a new message (x-overflow / the overflow policy key). */
public enum Overflow {
    /** The oldest ready message is dropped (dead-lettered with reason maxlen) to make room. */
    DROP_HEAD("drop-head"),
    /** The new message is refused; under confirms its publisher gets a basic.nack. */
    REJECT_PUBLISH("reject-publish"),
    /** As {@link #REJECT_PUBLISH}, and the refused message is dead-lettered with reason maxlen. */
    REJECT_PUBLISH_DLX("reject-publish-dlx");

    private final String wireName;

    Overflow(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The value for a wire name, or null when there is none. */
    public static Overflow fromWireName(String name) {
        for (Overflow o : values()) {
            if (o.wireName.equals(name)) {
                return o;
            }
        }
        return null;
    }
}
