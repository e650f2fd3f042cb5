package io.warren.broker.definitions;

/** What a binding routes to; the wire names are {@code queue} and {@code exchange}. */
public enum DestinationType {
    QUEUE("queue"), EXCHANGE("exchange");

    private final String wireName;

    DestinationType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type for a wire name, or null for anything else. */
    public static DestinationType fromWireName(String name) {
        for (DestinationType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
