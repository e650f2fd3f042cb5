package io.warren.broker.x509;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cipher suite names split as Erlang's ssl splits them (x509/erlang-cipher-suites.txt, from OTP 25). */
class TlsSessionsTest {
    @Test
    void everySuiteErlangKnowsIsSplitAsErlangSplitsIt() throws IOException {
        int checked = 0;
        try (InputStream in = TlsSessionsTest.class.getResourceAsStream("/x509/erlang-cipher-suites.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                assertEquals(new TlsSessions.Suite(f[1], f[2], f[3]), TlsSessions.suite(f[0]), f[0]);
                checked++;
            }
        }
        assertTrue(checked >= 70, "suites checked: " + checked);
    }

    @Test
    void theJdksSslPrefixIsReadLikeTls() {
        assertEquals(new TlsSessions.Suite("rsa", "3des_ede_cbc", "sha"), TlsSessions.suite("SSL_RSA_WITH_3DES_EDE_CBC_SHA"));
    }
}
