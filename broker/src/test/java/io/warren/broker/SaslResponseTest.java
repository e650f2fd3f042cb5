package io.warren.broker;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SaslResponseTest {
    @Test
    void plainSplitsOnNuls() {
        SaslResponse r = SaslResponse.parse("PLAIN", "\0guest\0pa\u00dfword".getBytes(StandardCharsets.UTF_8));
        assertEquals(new SaslResponse("guest", "pa\u00dfword"), r);
        assertNull(SaslResponse.parse("PLAIN", "guest".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void amqplainReadsLoginAndPasswordFromATableWithoutItsLength() {
        // What the Java client's AMQPLAIN sends: LOGIN and PASSWORD as long strings.
        byte[] table = {5, 'L', 'O', 'G', 'I', 'N', 'S', 0, 0, 0, 1, 'u',
                8, 'P', 'A', 'S', 'S', 'W', 'O', 'R', 'D', 'S', 0, 0, 0, 2, 'p', 'w'};
        assertEquals(new SaslResponse("u", "pw"), SaslResponse.parse("AMQPLAIN", table));
        assertNull(SaslResponse.parse("AMQPLAIN", new byte[] {3, 'a'}));
        assertNull(SaslResponse.parse("EXTERNAL", new byte[0]));
    }
}
