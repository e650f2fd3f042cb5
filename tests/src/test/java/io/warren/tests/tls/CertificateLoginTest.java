package io.warren.tests.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultSaslConfig;
import com.rabbitmq.client.GetResponse;
import io.warren.broker.sasl.AuthMechanism;
import io.warren.broker.sasl.CertLoginFrom;
import io.warren.broker.tls.TlsOptions;
import io.warren.junit5.WarrenExtension;
import io.warren.server.WarrenServer;
import io.warren.server.config.WarrenConfig;
import io.warren.tests.hostile.CloseMethod;
import io.warren.tests.hostile.RawAmqpSocket;
import io.warren.tests.management.Api;
import io.warren.tests.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.net.ssl.SSLSocket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Certificate logins (SASL EXTERNAL) as RabbitMQ's rabbitmq_auth_mechanism_ssl does them, through
 * the RabbitMQ Java client over AMQPS with client certificates the test makes: the user named by
 * the whole subject ({@code ssl_cert_login_from = distinguished_name}) or by its CN
 * ({@code common_name}) logs in without a password; an unknown user, a client without a
 * certificate, a loopback-only user from elsewhere are refused with RabbitMQ's 403. The management
 * API shows each connection's TLS details in RabbitMQ's format.
 *
 * <p>Expected DNs come from the JDK's RFC 2253 writer, which writes plain subjects as RabbitMQ
 * does; the unit tests of the formatter check the hard cases against RabbitMQ's own code.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CertificateLoginTest {
    private static final String REFUSED =
            "ACCESS_REFUSED - Login was refused using authentication mechanism EXTERNAL. For details see the broker logfile.";
    /** Loopback-only, and logged in only from this machine's other address. */
    private static final String LOOPBACK_ONLY_CN = "loopback-only";
    private static final AtomicInteger IDS = new AtomicInteger();

    @RegisterExtension
    static final TestCertificates certs = TestCertificates.temporary();
    @RegisterExtension
    static final WarrenExtension dnNode = node(b -> b.certLoginFrom(CertLoginFrom.DISTINGUISHED_NAME));
    @RegisterExtension
    static final WarrenExtension cnNode = node(b -> b.certLoginFrom(CertLoginFrom.COMMON_NAME)
            .loopbackUsers(Set.of(LOOPBACK_ONLY_CN)));

    /** verify_peer without fail_if_no_peer_cert: a client without a certificate reaches SASL. */
    private static WarrenExtension node(Consumer<WarrenConfig.Builder> login) {
        return WarrenExtension.builder().configure(b -> b.amqpsPort(0)
                .sslOptions(TlsOptions.of("ssl_options", certs.ca().certFile(), certs.server().certFile(),
                        certs.server().keyFile()).withVerifyPeer(false))
                .authMechanisms(List.of(AuthMechanism.EXTERNAL, AuthMechanism.PLAIN, AuthMechanism.AMQPLAIN)))
                .configure(login).build();
    }

    private static WarrenServer byDn() {
        return dnNode.warren().server();
    }

    private static WarrenServer byCn() {
        return cnNode.warren().server();
    }

    @Test
    void theWholeSubjectNamesTheUserInDistinguishedNameMode() throws Exception {
        TestCertificates.Issued client = certs.clientWithSubject("CN=alice-" + IDS.incrementAndGet()
                + ",OU=Payments,O=" + TestCertificates.ORGANISATION + ",C=GB");
        String user = client.subject();
        TlsManagement.createUser(byDn(), user);
        assertMovesAMessage(byDn(), client, "TLSv1.3");

        // The user has no password: PLAIN cannot log it in, whatever it sends.
        ConnectionFactory plain = tlsFactory(byDn(), client, "TLSv1.3");
        plain.setSaslConfig(DefaultSaslConfig.PLAIN);
        plain.setUsername(user);
        plain.setPassword("");
        assertThrows(AuthenticationFailureException.class, plain::newConnection);

        // A user named as the CN alone does not log in in this mode.
        String cn = "bob-" + IDS.incrementAndGet();
        TlsManagement.createUser(byDn(), cn);
        assertRefused(byDn(), certs.client(cn));
    }

    @Test
    void theCommonNameNamesTheUserInCommonNameMode() throws Exception {
        String cn = "carol-" + IDS.incrementAndGet();
        TlsManagement.createUser(byCn(), cn);
        assertMovesAMessage(byCn(), certs.client(cn), "TLSv1.2");
    }

    @Test
    void anUnknownUserIsRefused() {
        assertRefused(byDn(), certs.client("nobody-" + IDS.incrementAndGet()));
        assertRefused(byCn(), certs.client("nobody-" + IDS.incrementAndGet()));
    }

    @Test
    void aClientWithoutACertificateIsOfferedExternalAndThenRefused() throws Exception {
        assertRefused(byDn(), null);
        // RabbitMQ offers EXTERNAL on every TLS connection, so that such a client learns why it was refused.
        try (SSLSocket s = (SSLSocket) certs.clientContext(null, "TLSv1.3").getSocketFactory()
                .createSocket("127.0.0.1", byDn().amqpsPort());
             RawAmqpSocket raw = RawAmqpSocket.wrap(s, new ConnectionFactory())) {
            assertEquals(List.of("EXTERNAL", "PLAIN", "AMQPLAIN"), AuthMechanismsTest.mechanisms(raw.start()));
            raw.startOk("EXTERNAL", new byte[0]);
            assertEquals(new CloseMethod(403, REFUSED, 0, 0), raw.awaitConnectionClose());
        }
    }

    @Test
    void aLoopbackOnlyUserIsRefusedFromAnotherAddress() throws Exception {
        java.net.InetAddress own = ownNonLoopbackAddress();
        org.junit.jupiter.api.Assumptions.assumeTrue(own != null, "this machine has no non-loopback IPv4 address");
        TlsManagement.createUser(byCn(), LOOPBACK_ONLY_CN);
        TestCertificates.Issued client = certs.client(LOOPBACK_ONLY_CN);
        ConnectionFactory remote = tlsFactory(byCn(), client, "TLSv1.3");
        remote.setHost(own.getHostAddress());
        AuthenticationFailureException e = assertThrows(AuthenticationFailureException.class, remote::newConnection);
        assertEquals(REFUSED, e.getMessage());
        try (Connection c = tlsFactory(byCn(), client, "TLSv1.3").newConnection()) {
            assertTrue(c.isOpen());
        }
    }

    @Test
    void theManagementApiShowsTheTlsDetailsOfEachConnection() throws Exception {
        TestCertificates.Issued client = certs.clientWithSubject("CN=dave-" + IDS.incrementAndGet() + ",O="
                + TestCertificates.ORGANISATION);
        TlsManagement.createUser(byDn(), client.subject());
        String name12 = "tls12-" + IDS.incrementAndGet();
        String name13 = "tls13-" + IDS.incrementAndGet();
        String plainName = "plain-over-tls-" + IDS.incrementAndGet();
        ConnectionFactory plainOverTls = tlsFactory(byDn(), null, "TLSv1.3");
        plainOverTls.setSaslConfig(DefaultSaslConfig.PLAIN);
        plainOverTls.setUsername("guest");
        plainOverTls.setPassword("guest");
        ConnectionFactory tcp = new ConnectionFactory();
        tcp.setHost("127.0.0.1");
        tcp.setPort(byDn().amqpPort());
        String tcpName = "tcp-" + IDS.incrementAndGet();
        try (Connection c12 = tlsFactory(byDn(), client, "TLSv1.2").newConnection(name12);
             Connection c13 = tlsFactory(byDn(), client, "TLSv1.3").newConnection(name13);
             Connection withoutCert = plainOverTls.newConnection(plainName);
             Connection plain = tcp.newConnection(tcpName)) {
            Api api = TlsManagement.api(byDn());
            JsonNode one13 = api.get(Api.path("connections", connectionName(api, name13))).json();
            assertTlsDetails(one13, client, "tlsv1.3");
            assertEquals("any", one13.get("ssl_key_exchange").asText());
            JsonNode one12 = api.get(Api.path("connections", connectionName(api, name12))).json();
            assertTlsDetails(one12, client, "tlsv1.2");
            // The test CA's server key is EC, so TLS 1.2 suites are ECDHE with ECDSA.
            assertEquals("ecdhe_ecdsa", one12.get("ssl_key_exchange").asText());

            JsonNode listed = listed(api, name13);
            assertTlsDetails(listed, client, "tlsv1.3");

            // TLS without a client certificate: the certificate fields as RabbitMQ shows what is
            // missing, null in the list and "" on the connection's own page.
            JsonNode noCertOne = api.get(Api.path("connections", connectionName(api, plainName))).json();
            assertTrue(noCertOne.get("ssl").asBoolean());
            assertEquals("PLAIN", noCertOne.get("auth_mechanism").asText());
            assertEquals("tlsv1.3", noCertOne.get("ssl_protocol").asText());
            assertEquals("", noCertOne.get("peer_cert_subject").asText());
            assertTrue(listed(api, plainName).get("peer_cert_subject").isNull());

            JsonNode tcpListed = listed(api, tcpName);
            assertFalse(tcpListed.get("ssl").asBoolean());
            for (String f : List.of("ssl_protocol", "ssl_cipher", "ssl_key_exchange", "ssl_hash", "peer_cert_subject",
                    "peer_cert_issuer", "peer_cert_validity")) {
                assertTrue(tcpListed.get(f).isNull(), f + " of a plain connection: " + tcpListed.get(f));
            }
            assertTrue(c12.isOpen() && c13.isOpen() && withoutCert.isOpen() && plain.isOpen());
        }
    }

    private static void assertTlsDetails(JsonNode c, TestCertificates.Issued client, String protocol) {
        assertEquals("EXTERNAL", c.get("auth_mechanism").asText(), c::toString);
        assertEquals(client.subject(), c.get("user").asText());
        assertTrue(c.get("ssl").asBoolean());
        assertEquals(protocol, c.get("ssl_protocol").asText());
        assertTrue(Set.of("aes_128_gcm", "aes_256_gcm", "chacha20_poly1305").contains(c.get("ssl_cipher").asText()),
                c::toString);
        assertEquals("aead", c.get("ssl_hash").asText());
        assertEquals(client.subject(), c.get("peer_cert_subject").asText());
        assertEquals(certs.ca().subject(), c.get("peer_cert_issuer").asText());
        X509Certificate cert = client.certificate();
        assertEquals(cert.getNotBefore().toInstant().truncatedTo(ChronoUnit.SECONDS) + " - "
                + cert.getNotAfter().toInstant().truncatedTo(ChronoUnit.SECONDS), c.get("peer_cert_validity").asText());
    }

    private static void assertMovesAMessage(WarrenServer server, TestCertificates.Issued client, String protocol)
            throws Exception {
        try (Connection c = tlsFactory(server, client, protocol).newConnection(); Channel ch = c.createChannel()) {
            String q = ch.queueDeclare().getQueue();
            ch.basicPublish("", q, null, "by certificate".getBytes(StandardCharsets.UTF_8));
            GetResponse r = null;
            for (int i = 0; i < 100 && r == null; i++) {
                r = ch.basicGet(q, true);
                if (r == null) {
                    Thread.sleep(20);
                }
            }
            assertNotNull(r);
            assertEquals("by certificate", new String(r.getBody(), StandardCharsets.UTF_8));
        }
    }

    private static void assertRefused(WarrenServer server, TestCertificates.Issued client) {
        AuthenticationFailureException e = assertThrows(AuthenticationFailureException.class,
                () -> tlsFactory(server, client, "TLSv1.3").newConnection());
        assertEquals(REFUSED, e.getMessage());
    }

    static ConnectionFactory tlsFactory(WarrenServer server, TestCertificates.Issued client, String protocol) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(server.amqpsPort());
        f.useSslProtocol(certs.clientContext(client, protocol));
        f.setSaslConfig(DefaultSaslConfig.EXTERNAL);
        f.setAutomaticRecoveryEnabled(false);
        f.setConnectionTimeout(10_000);
        return f;
    }

    private static String connectionName(Api api, String providedName) {
        return listed(api, providedName).get("name").asText();
    }

    private static JsonNode listed(Api api, String providedName) {
        for (JsonNode c : api.get("/api/connections").json()) {
            if (c.has("user_provided_name") && c.get("user_provided_name").asText().equals(providedName)) {
                return c;
            }
        }
        throw new AssertionError("no connection named " + providedName);
    }

    private static java.net.InetAddress ownNonLoopbackAddress() throws java.net.SocketException {
        for (java.net.NetworkInterface ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (java.net.InetAddress a : java.util.Collections.list(ni.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address) {
                    return a;
                }
            }
        }
        return null;
    }
}
