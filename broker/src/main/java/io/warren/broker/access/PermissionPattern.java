package io.warren.broker.access;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One permission regex, matched as RabbitMQ's internal backend matches it: an unanchored search
 * ({@code re:run}), where the empty string means {@code ^$} and so grants nothing but the empty
 * name. PCRE reads a brace that does not start a quantifier ({@code {client_id}}) literally, Java
 * rejects it, so such braces are escaped before compiling. Immutable.
 */
public final class PermissionPattern {
    private final String source;
    private final Pattern pattern;

    private PermissionPattern(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    /** Compiles a permission regex; throws {@link IllegalArgumentException} on one RabbitMQ would refuse. */
    public static PermissionPattern compile(String regex) {
        try {
            return new PermissionPattern(regex, Pattern.compile(regex.isEmpty() ? "^$" : pcreBraces(regex)));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression '" + regex + "': " + e.getDescription());
        }
    }

    /** The regex as it was given. */
    public String source() {
        return source;
    }

    public boolean matches(String name) {
        return pattern.matcher(name).find();
    }

    /** Escapes every '{' that does not open a quantifier {n}, {n,} or {n,m}, as PCRE treats those literally. */
    static String pcreBraces(String regex) {
        StringBuilder out = new StringBuilder(regex.length() + 8);
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                out.append(c).append(regex.charAt(++i));
            } else if (c == '{' && !opensQuantifier(regex, i)) {
                out.append("\\{");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean opensQuantifier(String s, int brace) {
        int close = s.indexOf('}', brace);
        return close > brace + 1 && s.substring(brace + 1, close).matches("\\d+(,\\d*)?");
    }

    @Override
    public String toString() {
        return source;
    }
}
