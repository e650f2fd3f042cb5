package io.warren.bench.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the values of the tools' options, naming the option in every complaint. Stateless. */
public final class OptionValues {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private OptionValues() {}

    /** Reads {@code 20s}, {@code 500ms}, {@code 2m}, {@code 1h}; a bare number is seconds. */
    public static Duration duration(String option, String text) throws UsageException {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new UsageException(option + " wants a duration such as 20s, 500ms or 2m, got '" + text + "'");
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new UsageException(option + " is too large: '" + text + "'");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** A whole number of at least {@code least}. */
    public static int atLeast(String option, String text, int least) throws UsageException {
        Integer value = wholeNumber(text);
        if (value == null || value < least) {
            throw new UsageException(option + " wants a whole number of at least " + least + ", got '" + text + "'");
        }
        return value;
    }

    /** A whole number from {@code least} to {@code most}. */
    public static int between(String option, String text, int least, int most) throws UsageException {
        Integer value = wholeNumber(text);
        if (value == null || value < least || value > most) {
            throw new UsageException(option + " wants a whole number from " + least + " to " + most + ", got '"
                    + text + "'");
        }
        return value;
    }

    private static Integer wholeNumber(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The value of {@code --label}: anything but blank. */
    public static String label(String text) throws UsageException {
        if (text.isBlank()) {
            throw new UsageException("--label must not be blank");
        }
        return text;
    }

    /** A URI with a host and one of the two schemes, e.g. amqp and amqps. */
    public static URI uri(String option, String text, String scheme, String secureScheme) throws UsageException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException(option + " is not a URI: " + e.getMessage());
        }
        String given = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!given.equals(scheme) && !given.equals(secureScheme)) {
            throw new UsageException(option + " must start with " + scheme + ":// or " + secureScheme + "://, got '"
                    + text + "'");
        }
        if (uri.getHost() == null) {
            throw new UsageException(option + " has no host: '" + text + "'");
        }
        return uri;
    }

    /** The URI as it may be printed: the password removed, the user kept. */
    public static String withoutPassword(URI uri) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || !userInfo.contains(":")) {
            return uri.toString();
        }
        String user = userInfo.substring(0, userInfo.indexOf(':'));
        return uri.toString().replace("//" + userInfo + "@", "//" + user + "@");
    }
}
