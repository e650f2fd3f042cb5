package io.warren.broker;

/**
 * Reads the basic-class property flags straight from a content header's raw property bytes, so
 * the publish path can tell which properties are present without decoding any of them.
 */
final class PropertyFlags {
    static final int HEADERS = 1 << 13;
    static final int DELIVERY_MODE = 1 << 12;
    static final int PRIORITY = 1 << 11;
    static final int REPLY_TO = 1 << 9;
    static final int EXPIRATION = 1 << 8;
    static final int USER_ID = 1 << 4;

    private PropertyFlags() {}

    static boolean has(byte[] rawProperties, int flag) {
        if (rawProperties.length < 2) {
            return false;
        }
        int flags = ((rawProperties[0] & 0xff) << 8) | (rawProperties[1] & 0xff);
        return (flags & flag) != 0;
    }
}
