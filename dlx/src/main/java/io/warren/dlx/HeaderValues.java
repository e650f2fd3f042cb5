package io.warren.dlx;

import io.warren.amqp.types.LongStr;
import java.util.ArrayList;
import java.util.List;

/** Reads the loosely typed values of a decoded header table the way RabbitMQ does. */
final class HeaderValues {
    private HeaderValues() {
    }

    /** A longstr (or String) value as text; null for anything else. */
    static String text(Object value) {
        return value instanceof LongStr || value instanceof String ? value.toString() : null;
    }

    /**
     * The strings of an array header such as CC; RabbitMQ ignores a CC or BCC header that is not an
     * array, and elements that are not strings.
     */
    static List<String> texts(Object value) {
        List<String> texts = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                String text = text(element);
                if (text != null) {
                    texts.add(text);
                }
            }
        }
        return texts;
    }
}
