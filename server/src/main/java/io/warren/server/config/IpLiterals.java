package io.warren.server.config;

/**
 * Recognises IP address literals without touching a resolver. RabbitMQ's {@code ip} datatype and
 * {@code is_ip} validator accept literals only (Erlang's {@code inet:parse_address}); Java has no
 * public literal-only parser, and {@code InetAddress.getByName} would quietly look a host name up
 * in DNS instead of rejecting it.
 */
final class IpLiterals {
    private IpLiterals() {}

    static boolean isIpLiteral(String s) {
        return isIpv4(s) || isIpv6(s);
    }

    /** Dotted quad, each part 0-255 in decimal. */
    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4291 text form: eight groups, at most one "::", optionally ending in a dotted quad. */
    static boolean isIpv6(String s) {
        if (s.indexOf(':') < 0) {
            return false;
        }
        int gap = s.indexOf("::");
        if (gap < 0) {
            return countGroups(s, true) == 8;
        }
        if (s.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        int head = countGroups(s.substring(0, gap), false);
        int tail = countGroups(s.substring(gap + 2), true);
        return head >= 0 && tail >= 0 && head + tail <= 7;
    }

    /**
     * Counts the 16-bit groups in a colon-separated run, a trailing dotted quad counting as two;
     * -1 when the run is malformed. An empty run has no groups.
     */
    private static int countGroups(String run, boolean mayEndInIpv4) {
        if (run.isEmpty()) {
            return 0;
        }
        String[] parts = run.split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (last && mayEndInIpv4 && part.indexOf('.') >= 0) {
                if (!isIpv4(part)) {
                    return -1;
                }
                groups += 2;
            } else if (isHexGroup(part)) {
                groups++;
            } else {
                return -1;
            }
        }
        return groups;
    }

    private static boolean isHexGroup(String part) {
        if (part.isEmpty() || part.length() > 4) {
            return false;
        }
        return part.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
