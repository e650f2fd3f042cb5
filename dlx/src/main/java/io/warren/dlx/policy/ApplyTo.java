package io.warren.dlx.policy;

/** What kind of object a policy applies to (its {@code apply-to}). */
public enum ApplyTo {
    ALL("all"), QUEUES("queues"), EXCHANGES("exchanges"), CLASSIC_QUEUES("classic_queues"),
    QUORUM_QUEUES("quorum_queues"), STREAMS("streams");

    private final String wireName;

    ApplyTo(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The value for a wire name, or null when there is none. */
    public static ApplyTo fromWireName(String name) {
        for (ApplyTo a : values()) {
            if (a.wireName.equals(name)) {
                return a;
            }
        }
        return null;
    }
}
