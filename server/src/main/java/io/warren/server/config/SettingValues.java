package io.warren.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parsers for the value types rabbitmq.conf uses. Each returns the parsed value or throws
 * {@link InvalidValueException} with a reason that makes sense after "key: ".
 */
final class SettingValues {
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private SettingValues() {}

    static long integer(String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("'" + value + "' is not a whole number");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidValueException(value + " is out of range; use " + min + "-" + max);
        }
        return parsed;
    }

    static int port(String value) {
        try {
            return (int) integer(value, 0, 65535);
        } catch (InvalidValueException e) {
            throw new InvalidValueException("'" + value + "' is not a port (0-65535)");
        }
    }

    /**
     * A number with an optional fraction, {@code 0.4} or {@code 1}. RabbitMQ's float datatype
     * rejects {@code 1} (it wants {@code 1.0}); Warren takes both, since they cannot mean anything else.
     */
    static double decimal(String value) {
        double parsed = DECIMAL.matcher(value).matches() ? Double.parseDouble(value) : Double.NaN;
        if (!Double.isFinite(parsed)) {
            throw new InvalidValueException("'" + value + "' is not a non-negative number such as 0.4");
        }
        return parsed;
    }

    static boolean bool(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidValueException("'" + value + "' is not true or false");
        };
    }

    static String nonEmpty(String value) {
        if (value.isEmpty()) {
            throw new InvalidValueException("must not be empty");
        }
        return value;
    }

    /** A permission pattern; checked here so a typo fails at boot, not at the first access check. */
    static String regex(String value) {
        try {
            Pattern.compile(value);
            return value;
        } catch (PatternSyntaxException e) {
            throw new InvalidValueException("'" + value + "' is not a valid regular expression: " + e.getDescription());
        }
    }

    /** Like RabbitMQ's file_accessible validator: a definitions file (or directory) must be readable at boot. */
    static Path readablePath(Path workingDir, String value) {
        Path path = workingDir.resolve(nonEmpty(value));
        if (!Files.isReadable(path)) {
            throw new InvalidValueException("'" + value + "' does not exist or cannot be read");
        }
        return path;
    }

    static String ipLiteral(String value) {
        if (!IpLiterals.isIpLiteral(value)) {
            throw new InvalidValueException("'" + value + "' is not an IP address (host names are not accepted here)");
        }
        return value;
    }

    /**
     * A listener as {@code listeners.tcp.*} spells it: a port ({@code 5672}, every interface), or an
     * IP literal and a port joined by the last colon ({@code 127.0.0.1:5672}, {@code ::1:5672}).
     * {@code [::1]:5672} is accepted too, though RabbitMQ's parser rejects it.
     */
    static ListenAddress listenAddress(String value) {
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return ListenAddress.anyInterface(port(value));
        }
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new InvalidValueException("'" + value + "' is not a port or an IP:port pair such as 127.0.0.1:5672");
        }
        String host = value.substring(0, colon);
        if (host.length() > 2 && host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            if (!IpLiterals.isIpv6(host)) {
                throw new InvalidValueException("'" + value + "': only IPv6 addresses go in brackets");
            }
        }
        return new ListenAddress(ipLiteral(host), port(value.substring(colon + 1)));
    }
}
