package io.warren.tests.management;

import java.util.regex.Pattern;

/**
 * A glob over JSON paths as {@link JsonShape} writes them: fields joined with {@code .}, the
 * first element of an array as {@code []} ({@code items[].arguments.x-max-length}).
 * {@code *} stands for one field name, {@code **.} for any number of leading levels, so
 * {@code **.reductions} names a {@code reductions} field at any depth. A pattern that matches a
 * path covers the whole subtree below it.
 */
public final class ShapePattern {
    private final String glob;
    private final Pattern regex;

    private ShapePattern(String glob) {
        this.glob = glob;
        this.regex = Pattern.compile(toRegex(glob));
    }

    public static ShapePattern of(String glob) {
        return new ShapePattern(glob);
    }

    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    private static String toRegex(String glob) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            if (glob.startsWith("**.", i)) {
                out.append("(?:.*\\.)?");
                i += 3;
            } else if (glob.charAt(i) == '*') {
                out.append("[^.]*");
                i++;
            } else {
                out.append(Pattern.quote(String.valueOf(glob.charAt(i))));
                i++;
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return glob;
    }
}
