package io.warren.broker.x509;

import io.warren.broker.stats.TlsInfo;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Locale;

/**
 * What a finished TLS handshake settled, in RabbitMQ's terms: the protocol as Erlang names it
 * ({@code tlsv1.2}, {@code tlsv1.3}) and the cipher suite split as Erlang's
 * {@code ssl:suite_to_map} splits it. Stateless; any thread.
 */
public final class TlsSessions {
    private static final String[] HASHES = {"_SHA384", "_SHA256", "_SHA", "_MD5"};

    /** A cipher suite's parts: key exchange, bulk cipher, and MAC ({@code aead} for AEAD ciphers). */
    public record Suite(String keyExchange, String cipher, String hash) {}

    private TlsSessions() {}

    /** The session's details; a client certificate whose names cannot be read shows none. */
    public static TlsInfo describe(SSLSession session) {
        Suite suite = suite(session.getCipherSuite());
        X509Certificate peer = peerCertificate(session);
        String subject = null;
        String issuer = null;
        String validity = null;
        if (peer != null) {
            try {
                subject = CertificateText.subject(peer);
                issuer = CertificateText.issuer(peer);
                validity = CertificateText.validity(peer);
            } catch (IllegalArgumentException e) {
                subject = null;
                issuer = null;
            }
        }
        return new TlsInfo(session.getProtocol().toLowerCase(Locale.ROOT), suite.keyExchange(), suite.cipher(),
                suite.hash(), subject, issuer, validity);
    }

    /** The client's own certificate (the first of its chain), or null when it sent none. */
    public static X509Certificate peerCertificate(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /**
     * Splits an IANA cipher suite name, such as the JDK and Netty report:
     * {@code TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384} is {@code ecdhe_rsa}, {@code aes_256_gcm},
     * {@code aead}; a TLS 1.3 suite ({@code TLS_AES_128_GCM_SHA256}) has key exchange {@code any}.
     */
    public static Suite suite(String name) {
        String n = name.startsWith("TLS_") || name.startsWith("SSL_") ? name.substring(4) : name;
        int with = n.indexOf("_WITH_");
        String keyExchange = with < 0 ? "any" : n.substring(0, with);
        String rest = with < 0 ? n : n.substring(with + "_WITH_".length());
        String hash = null;
        for (String h : HASHES) {
            if (rest.endsWith(h)) {
                rest = rest.substring(0, rest.length() - h.length());
                hash = h.substring(1);
                break;
            }
        }
        if (rest.contains("GCM") || rest.contains("CCM") || rest.contains("POLY1305")) {
            hash = "aead";
        }
        // Erlang names the SRP key exchanges without the hash they use.
        keyExchange = keyExchange.replace("SRP_SHA", "SRP");
        return new Suite(keyExchange.toLowerCase(Locale.ROOT), rest.toLowerCase(Locale.ROOT),
                hash == null ? "null" : hash.toLowerCase(Locale.ROOT));
    }
}
