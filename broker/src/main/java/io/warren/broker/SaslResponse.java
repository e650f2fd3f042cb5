package io.warren.broker;

import io.netty.buffer.Unpooled;
import io.warren.amqp.FieldTables;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Decodes connection.start-ok responses of the PLAIN and AMQPLAIN mechanisms. */
record SaslResponse(String username, String password) {

    /** Null when the response is malformed. */
    static SaslResponse parse(String mechanism, byte[] response) {
        return switch (mechanism) {
            case "PLAIN" -> plain(response);
            case "AMQPLAIN" -> amqplain(response);
            default -> null;
        };
    }

    // PLAIN (RFC 4616): authzid NUL authcid NUL passwd.
    private static SaslResponse plain(byte[] r) {
        String s = new String(r, StandardCharsets.UTF_8);
        int first = s.indexOf('\0');
        int second = first < 0 ? -1 : s.indexOf('\0', first + 1);
        if (second < 0) {
            return null;
        }
        return new SaslResponse(s.substring(first + 1, second), s.substring(second + 1));
    }

    // AMQPLAIN: a field table without its length prefix, holding LOGIN and PASSWORD.
    private static SaslResponse amqplain(byte[] r) {
        var buf = Unpooled.buffer(r.length + 4);
        buf.writeInt(r.length).writeBytes(r);
        try {
            Map<String, Object> t = FieldTables.read(buf);
            Object login = t.get("LOGIN");
            Object password = t.get("PASSWORD");
            return login == null || password == null ? null : new SaslResponse(login.toString(), password.toString());
        } catch (RuntimeException e) {
            return null;
        } finally {
            buf.release();
        }
    }
}
