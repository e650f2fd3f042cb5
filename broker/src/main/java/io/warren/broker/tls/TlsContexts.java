package io.warren.broker.tls;

import io.netty.handler.ssl.CipherSuiteConverter;
import io.netty.handler.ssl.CipherSuiteFilter;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a server {@link SslContext} from {@link TlsOptions}: Netty's OpenSSL (BoringSSL) engine
 * or the JDK's, as {@link TlsProvider} picks, TLS 1.2 and 1.3 only, the PEM files read by {@link PemFiles}, client certificates checked by the JDK's PKIX
 * validator with Erlang's {@code depth} as the path length limit. Stateless; any thread.
 */
final class TlsContexts {
    private TlsContexts() {}

    /**
     * Without {@code ciphers}, the engine's default suites less those without forward secrecy
     * (plain RSA key exchange, {@code AES128-SHA} and kin), which both engines enable by default
     * and Erlang, hence RabbitMQ, does not.
     */
    static final CipherSuiteFilter FORWARD_SECRET_DEFAULTS = (ciphers, defaultCiphers, supportedCiphers) -> {
        List<String> out = new ArrayList<>();
        for (String c : ciphers != null ? ciphers : defaultCiphers) {
            boolean tls13 = c.startsWith("TLS_") && !c.contains("_WITH_");
            if ((tls13 || c.startsWith("TLS_ECDHE_") || c.startsWith("TLS_DHE_")) && supportedCiphers.contains(c)) {
                out.add(c);
            }
        }
        return out.toArray(new String[0]);
    };

    /** @throws TlsConfigException naming the setting (and file) at fault */
    static SslContext build(TlsOptions o) {
        String p = o.prefix();
        if (o.certfile() == null) {
            throw new TlsConfigException(p + ".certfile", null, "is not set; a TLS listener needs a certificate");
        }
        if (o.keyfile() == null) {
            throw new TlsConfigException(p + ".keyfile", null, "is not set; a TLS listener needs the certificate's key");
        }
        if (o.verifyPeer() && o.cacertfile() == null) {
            throw new TlsConfigException(p + ".cacertfile", null,
                    "is not set, but " + p + ".verify = verify_peer needs the CAs to check client certificates against");
        }
        if (!o.verifyPeer() && o.failIfNoPeerCert()) {
            throw new TlsConfigException(p + ".fail_if_no_peer_cert", null, "is true but " + p + ".verify is "
                    + "verify_none, so no client certificate is asked for (Erlang refuses this combination too); "
                    + "set " + p + ".verify = verify_peer");
        }
        if (o.depth() < 0) {
            throw new TlsConfigException(p + ".depth", null, "must not be negative, was " + o.depth());
        }
        SslProvider provider = engine(o).provider();
        List<String> protocols = protocols(o);
        List<String> ciphers = ciphers(o, provider);
        List<X509Certificate> chain = PemFiles.certificates(p + ".certfile", o.certfile());
        PrivateKey key = PemFiles.privateKey(p + ".keyfile", o.keyfile(), o.password(), p + ".password");
        checkKeyMatches(o, chain.get(0), key);
        List<X509Certificate> cas = o.cacertfile() == null ? List.of()
                : PemFiles.certificates(p + ".cacertfile", o.cacertfile());
        try {
            SslContextBuilder b = SslContextBuilder.forServer(key, chain.toArray(new X509Certificate[0]))
                    .sslProvider(provider)
                    .protocols(protocols);
            if (!ciphers.isEmpty()) {
                b.ciphers(ciphers);
            } else {
                b.ciphers(null, FORWARD_SECRET_DEFAULTS);
            }
            if (o.verifyPeer()) {
                b.trustManager(trustManager(o, cas));
                b.clientAuth(o.failIfNoPeerCert() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsConfigException(p + ".certfile", o.certfile(), (provider == SslProvider.JDK ? "the JDK" : "OpenSSL")
                    + " refuses the certificate or key: "
                    + e.getMessage(), e);
        }
    }

    /** The engine a context gets, and why AUTO chose the JDK (null when it did not). */
    record Engine(SslProvider provider, String why) {}

    /**
     * OpenSSL when {@link TlsProvider} allows it, except where it would serve differently: BoringSSL
     * always offers all its TLS 1.3 suites, so {@code ciphers} that leave some out (with TLS 1.3
     * enabled) get the JDK's engine under AUTO and stop the start when openssl is forced.
     */
    static Engine engine(TlsOptions o) {
        SslProvider provider = o.provider().resolve();
        if (provider == SslProvider.JDK) {
            return new Engine(provider, o.provider() == TlsProvider.AUTO
                    ? "OpenSSL is not available: " + OpenSsl.unavailabilityCause() : null);
        }
        List<String> missing = tls13SuitesLeftOut(o);
        if (missing.isEmpty()) {
            return new Engine(provider, null);
        }
        String why = o.prefix() + ".ciphers leaves out the TLS 1.3 suites " + missing
                + ", which BoringSSL cannot disable";
        if (o.provider() == TlsProvider.OPENSSL) {
            throw new TlsConfigException(o.prefix() + ".ciphers", null, "leaves out the TLS 1.3 suites " + missing
                    + ", but warren.ssl_provider = openssl and BoringSSL always offers every TLS 1.3 suite; "
                    + "use warren.ssl_provider = jdk (or auto), list all TLS 1.3 suites, or set "
                    + o.prefix() + ".versions to tlsv1.2 only");
        }
        return new Engine(SslProvider.JDK, why);
    }

    /** The TLS 1.3 suites BoringSSL would offer that {@code ciphers} does not name; empty when it names none or TLS 1.3 is off. */
    private static List<String> tls13SuitesLeftOut(TlsOptions o) {
        if (o.ciphers().isEmpty() || !protocols(o).contains("TLSv1.3")) {
            return List.of();
        }
        Set<String> named = new LinkedHashSet<>();
        for (String c : o.ciphers()) {
            String java = CipherSuiteConverter.toJava(c, "TLS");
            named.add(java == null ? c : java);
        }
        List<String> out = new ArrayList<>();
        for (String suite : OpenSsl.availableJavaCipherSuites()) {
            boolean tls13 = suite.startsWith("TLS_") && !suite.contains("_WITH_");
            if (tls13 && !named.contains(suite)) {
                out.add(suite);
            }
        }
        out.sort(null);
        return out;
    }

    private static List<String> protocols(TlsOptions o) {
        List<String> versions = o.versions().isEmpty() ? TlsOptions.SUPPORTED_VERSIONS : o.versions();
        Set<String> out = new LinkedHashSet<>();
        for (String v : versions) {
            out.add(o.jdkProtocol(v));
        }
        return List.copyOf(out);
    }

    /**
     * OpenSSL names are translated to the IANA ones Netty takes for both engines; a suite the
     * engine cannot use is refused.
     */
    private static List<String> ciphers(TlsOptions o, SslProvider provider) {
        if (o.ciphers().isEmpty()) {
            return List.of();
        }
        Set<String> supported;
        if (provider == SslProvider.JDK) {
            try {
                supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        } else {
            supported = OpenSsl.availableJavaCipherSuites();
        }
        List<String> out = new ArrayList<>();
        for (String c : o.ciphers()) {
            String java = supported.contains(c) ? c : CipherSuiteConverter.toJava(c, "TLS");
            if (java == null || !supported.contains(java)) {
                throw new TlsConfigException(o.prefix() + ".ciphers", null, "unknown or unsupported cipher suite '" + c
                        + "'; use OpenSSL names (ECDHE-RSA-AES256-GCM-SHA384) or IANA names (TLS_AES_256_GCM_SHA384)");
            }
            out.add(java);
        }
        return out;
    }

    private static TrustManager trustManager(TlsOptions o, List<X509Certificate> cas) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            PKIXBuilderParameters params = new PKIXBuilderParameters(store, new X509CertSelector());
            params.setRevocationEnabled(false);
            // For a path the JDK builds itself (a client that sends only its own certificate).
            params.setMaxPathLength(o.depth());
            TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
            f.init(new CertPathTrustManagerParameters(params));
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x509) {
                    return new DepthLimitedTrustManager(x509, cas, o.depth(), o.prefix() + ".depth");
                }
            }
            throw new IllegalStateException("the JDK's PKIX trust manager factory made no X.509 trust manager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsConfigException(o.prefix() + ".cacertfile", o.cacertfile(), "cannot be used as a trust store: "
                    + e.getMessage(), e);
        }
    }

    /** Signs a few bytes with the key and checks them with the certificate: a mismatched pair fails every handshake. */
    private static void checkKeyMatches(TlsOptions o, X509Certificate cert, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        boolean matches;
        try {
            if (algorithm == null) {
                return;
            }
            byte[] probe = "warren key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new TlsConfigException(o.prefix() + ".keyfile", o.keyfile(), "the key does not match the certificate in "
                    + o.prefix() + ".certfile (" + o.certfile() + ", " + cert.getSubjectX500Principal().getName() + ")");
        }
    }
}
