package io.warren.server.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "255.255.255.255", "10.10.10.10",
            "::", "::1", "1::", "fe80::1", "2001:0db8:85a3:0042:1000:8a2e:0370:7334", "2001:db8:85a3::370:7334",
            "::ffff:192.0.2.1", "64:ff9b::192.0.2.33", "1:2:3:4:5:6:7::", "1:2:3:4:5:6:1.2.3.4"})
    void acceptsAddressLiterals(String literal) {
        assertTrue(IpLiterals.isIpLiteral(literal), literal);
    }

    /** Includes the bad addresses of cuttlefish's own IP datatype test, and host names, which must not be resolved. */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "cafe", "beef.dead", "127.0.0.1.1", "127.256.0.1", "1.2.3",
            "01234.1.1.1", "", ":1", "1:", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::",
            "::1.2.3.4.5", "1.2.3.4::", "fe80::1%eth0", "[::1]", "g::1"})
    void rejectsEverythingElse(String text) {
        assertFalse(IpLiterals.isIpLiteral(text), text);
    }
}
