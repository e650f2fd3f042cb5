package io.warren.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits rabbitmq.conf text into settings, following cuttlefish's grammar ({@code conf_parse.peg}):
 * one {@code key = value} per line; blank lines and lines starting with {@code #} are ignored; a
 * {@code #} anywhere in an unquoted value starts a comment, so a value containing {@code #} must be
 * single-quoted ({@code default_pass = 'p#ss'}); keys are dot-separated words of letters, digits,
 * {@code _} and {@code -}, where {@code \.} is a dot inside a word. Cuttlefish's {@code include}
 * directive is refused rather than ignored, so settings never silently go missing.
 */
final class ConfFileParser {
    private static final String WORD = "(?:\\\\\\.|[A-Za-z0-9_-])+";
    private static final Pattern SETTING = Pattern.compile("[ \\t]*(" + WORD + "(?:\\." + WORD + ")*)[ \\t]*=[ \\t]*(.*)");
    private static final Pattern LEADING_KEY = Pattern.compile("[ \\t]*(" + WORD + "(?:\\." + WORD + ")*)");
    private static final Pattern INCLUDE = Pattern.compile("[ \\t]*include[ \\t]+\\S.*");
    private static final Pattern QUOTED_TAIL = Pattern.compile("[ \\t]*(#.*)?");
    private static final Pattern UNESCAPED_DOT = Pattern.compile("(?<!\\\\)\\.");

    private ConfFileParser() {}

    /**
     * Every setting in file order, duplicates included.
     *
     * @param source how to name the text in messages, usually the file path
     * @throws ConfigException listing every line that is not a setting, comment or blank
     */
    static List<ConfSetting> parse(String source, String text) {
        List<ConfSetting> settings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            try {
                ConfSetting setting = parseLine(line, i + 1);
                if (setting != null) {
                    settings.add(setting);
                }
            } catch (InvalidValueException e) {
                problems.add(source + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return settings;
    }

    /** The setting on this line, or null for a blank or comment line. */
    private static ConfSetting parseLine(String line, int lineNumber) {
        String stripped = stripBlanks(line);
        if (stripped.isEmpty() || stripped.startsWith("#")) {
            return null;
        }
        Matcher setting = SETTING.matcher(line);
        if (setting.matches()) {
            String key = setting.group(1);
            return new ConfSetting(key, split(key), value(key, setting.group(2)), lineNumber);
        }
        if (INCLUDE.matcher(line).matches()) {
            throw new InvalidValueException("include directives are not supported; put the included settings in this file");
        }
        Matcher key = LEADING_KEY.matcher(line);
        if (key.lookingAt()) {
            throw new InvalidValueException(key.group(1) + ": expected '=' and a value after the key");
        }
        throw new InvalidValueException("syntax error: expected 'key = value', a '#' comment or a blank line");
    }

    private static String value(String key, String rest) {
        if (rest.startsWith("'")) {
            int close = rest.indexOf('\'', 1);
            if (close < 0) {
                throw new InvalidValueException(key + ": the quoted value has no closing quote");
            }
            if (!QUOTED_TAIL.matcher(rest.substring(close + 1)).matches()) {
                throw new InvalidValueException(key + ": unexpected text after the closing quote");
            }
            return rest.substring(1, close);
        }
        int comment = rest.indexOf('#');
        String value = stripBlanks(comment >= 0 ? rest.substring(0, comment) : rest);
        if (value.isEmpty()) {
            throw new InvalidValueException(key + ": expected a value after '='");
        }
        return value;
    }

    private static List<String> split(String key) {
        List<String> path = new ArrayList<>();
        for (String segment : UNESCAPED_DOT.split(key, -1)) {
            path.add(segment.replace("\\.", "."));
        }
        return path;
    }

    /** Cuttlefish's whitespace is spaces and tabs only. */
    private static String stripBlanks(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }
}
