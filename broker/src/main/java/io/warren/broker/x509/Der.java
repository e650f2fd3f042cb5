package io.warren.broker.x509;

import java.util.ArrayList;
import java.util.List;

/**
 * The little of DER that reading an X.501 Name takes: tag-length-value elements, their children,
 * and object identifiers. Definite lengths only, as DER requires. Throws
 * {@link IllegalArgumentException} on bytes that are not DER. Stateless; any thread.
 */
final class Der {
    static final int SEQUENCE = 0x30;
    static final int SET = 0x31;
    static final int OBJECT_IDENTIFIER = 0x06;

    /** One element: its tag byte, and where its whole encoding and its content lie in {@code bytes}. */
    record Element(byte[] bytes, int tag, int start, int contentStart, int end) {
        byte[] content() {
            return java.util.Arrays.copyOfRange(bytes, contentStart, end);
        }

        byte[] encoding() {
            return java.util.Arrays.copyOfRange(bytes, start, end);
        }

        /** The elements inside a constructed element (a SEQUENCE or SET). */
        List<Element> children() {
            List<Element> out = new ArrayList<>();
            int at = contentStart;
            while (at < end) {
                Element e = read(bytes, at, end);
                out.add(e);
                at = e.end();
            }
            return out;
        }
    }

    private Der() {}

    /** The one element that {@code bytes} holds. */
    static Element read(byte[] bytes) {
        Element e = read(bytes, 0, bytes.length);
        if (e.end() != bytes.length) {
            throw new IllegalArgumentException("bytes after the DER element");
        }
        return e;
    }

    private static Element read(byte[] b, int at, int limit) {
        if (at + 2 > limit) {
            throw new IllegalArgumentException("DER element cut short");
        }
        int tag = b[at] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new IllegalArgumentException("multi-byte DER tags are not expected in a Name");
        }
        int first = b[at + 1] & 0xff;
        int contentStart = at + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int n = first & 0x7f;
            if (n == 0 || n > 4 || contentStart + n > limit) {
                throw new IllegalArgumentException("bad DER length");
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (b[contentStart + i] & 0xff);
            }
            contentStart += n;
        }
        if (contentStart + length > limit) {
            throw new IllegalArgumentException("DER content cut short");
        }
        return new Element(b, tag, at, contentStart, (int) (contentStart + length));
    }

    /** An OBJECT IDENTIFIER's content as dotted decimal, e.g. {@code 2.5.4.3}. */
    static String oid(byte[] content) {
        StringBuilder s = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (byte x : content) {
            value = (value << 7) | (x & 0x7f);
            if ((x & 0x80) != 0) {
                continue;
            }
            if (first) {
                // The first subidentifier packs the first two arcs: 40 * X + Y, X at most 2.
                long arc1 = Math.min(value / 40, 2);
                s.append(arc1).append('.').append(value - 40 * arc1);
                first = false;
            } else {
                s.append('.').append(value);
            }
            value = 0;
        }
        return s.toString();
    }
}
