package io.warren.broker.x509;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RabbitMQ's RDN escaping, for any value: the result is printable ASCII, no character that ends
 * or joins an RDN (, + ;) nor any other special one appears unescaped, and undoing the escapes
 * gives back the value's UTF-8 bytes exactly, so two different names never share a user name.
 */
class RdnEscapePropertiesTest {
    private static final String SPECIAL = "\"+,;<>\\";

    @Property(tries = 2000)
    void escapingIsPrintableUnambiguousAndLossless(@ForAll String value) {
        String escaped = DistinguishedName.escape(value);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            assertTrue(c >= 32 && c < 126, () -> "not printable ASCII in " + escaped);
            if (c != '\\') {
                assertTrue(SPECIAL.indexOf(c) < 0, () -> "unescaped '" + c + "' in " + escaped);
                bytes.write(c);
                continue;
            }
            char next = escaped.charAt(++i);
            if (SPECIAL.indexOf(next) >= 0 || next == ' ' || next == '#') {
                bytes.write(next);
            } else {
                bytes.write(Integer.parseInt(escaped.substring(i, i + 2), 16));
                i++;
            }
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(utf8, bytes.toByteArray(), () -> Arrays.toString(utf8) + " escaped as " + escaped);
    }
}
