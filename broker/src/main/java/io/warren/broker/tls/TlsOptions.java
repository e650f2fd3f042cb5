package io.warren.broker.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * RabbitMQ's TLS options for one listener family ({@code ssl_options.*} for AMQPS,
 * {@code management.ssl.*}, {@code prometheus.ssl.*}), with Erlang's defaults. Immutable.
 *
 * @param prefix           the keys' prefix, for messages: {@code ssl_options}, {@code management.ssl}, ...
 * @param cacertfile       PEM file of the CAs whose client certificates are trusted; null for none
 *                         (then {@code verify_peer} is refused)
 * @param certfile         PEM file of the server certificate, followed by any intermediates
 * @param keyfile          PEM file of its private key: PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8
 *                         ({@code ENCRYPTED PRIVATE KEY}, with {@code password}) or PKCS#1 ({@code RSA PRIVATE KEY})
 * @param password         the key's password, or null
 * @param verifyPeer       {@code verify = verify_peer}: ask for a client certificate and check it
 *                         against {@code cacertfile}; {@code verify_none} (false, Erlang's default) does not ask
 * @param failIfNoPeerCert with {@code verify_peer}, refuse a client that sends no certificate
 * @param depth            most intermediate CAs allowed between a client certificate and a trusted
 *                         CA (Erlang's meaning; its default is 10)
 * @param versions         TLS versions as rabbitmq.conf spells them, {@code tlsv1.2} and/or {@code tlsv1.3};
 *                         empty means both
 * @param ciphers          cipher suites, by OpenSSL name ({@code ECDHE-RSA-AES256-GCM-SHA384}) or
 *                         IANA name ({@code TLS_AES_256_GCM_SHA384}); empty means the engine's defaults
 * @param honorCipherOrder the server's cipher order wins over the client's
 * @param provider         the TLS engine ({@code warren.ssl_provider}); {@link TlsProvider#AUTO} by default
 */
public record TlsOptions(String prefix, Path cacertfile, Path certfile, Path keyfile, String password,
                         boolean verifyPeer, boolean failIfNoPeerCert, int depth, List<String> versions,
                         List<String> ciphers, boolean honorCipherOrder, TlsProvider provider) {
    /** Erlang's default verification depth. */
    public static final int DEFAULT_DEPTH = 10;
    /** The versions Warren speaks, as rabbitmq.conf names them, and as the JDK does. */
    public static final List<String> SUPPORTED_VERSIONS = List.of("tlsv1.3", "tlsv1.2");

    public TlsOptions {
        Objects.requireNonNull(prefix, "prefix");
        versions = List.copyOf(versions);
        ciphers = List.copyOf(ciphers);
        Objects.requireNonNull(provider, "provider");
    }

    /** Options with the {@link TlsProvider#AUTO} engine. */
    public TlsOptions(String prefix, Path cacertfile, Path certfile, Path keyfile, String password, boolean verifyPeer,
                      boolean failIfNoPeerCert, int depth, List<String> versions, List<String> ciphers,
                      boolean honorCipherOrder) {
        this(prefix, cacertfile, certfile, keyfile, password, verifyPeer, failIfNoPeerCert, depth, versions, ciphers,
                honorCipherOrder, TlsProvider.AUTO);
    }

    /** Options with a server certificate and key only: no client certificates asked for, both versions. */
    public static TlsOptions of(String prefix, Path cacertfile, Path certfile, Path keyfile) {
        return new TlsOptions(prefix, cacertfile, certfile, keyfile, null, false, false, DEFAULT_DEPTH, List.of(),
                List.of(), false);
    }

    public TlsOptions withVerifyPeer(boolean failIfNoPeerCert) {
        return new TlsOptions(prefix, cacertfile, certfile, keyfile, password, true, failIfNoPeerCert, depth, versions,
                ciphers, honorCipherOrder, provider);
    }

    public TlsOptions withPassword(String password) {
        return new TlsOptions(prefix, cacertfile, certfile, keyfile, password, verifyPeer, failIfNoPeerCert, depth,
                versions, ciphers, honorCipherOrder, provider);
    }

    public TlsOptions withVersions(List<String> versions) {
        return new TlsOptions(prefix, cacertfile, certfile, keyfile, password, verifyPeer, failIfNoPeerCert, depth,
                versions, ciphers, honorCipherOrder, provider);
    }

    public TlsOptions withCiphers(List<String> ciphers) {
        return new TlsOptions(prefix, cacertfile, certfile, keyfile, password, verifyPeer, failIfNoPeerCert, depth,
                versions, ciphers, honorCipherOrder, provider);
    }

    public TlsOptions withDepth(int depth) {
        return new TlsOptions(prefix, cacertfile, certfile, keyfile, password, verifyPeer, failIfNoPeerCert, depth,
                versions, ciphers, honorCipherOrder, provider);
    }

    public TlsOptions withProvider(TlsProvider provider) {
        return new TlsOptions(prefix, cacertfile, certfile, keyfile, password, verifyPeer, failIfNoPeerCert, depth,
                versions, ciphers, honorCipherOrder, provider);
    }

    /** Every field but the password, which is shown as {@code ****} when set: options end up in logs. */
    @Override
    public String toString() {
        return "TlsOptions[prefix=" + prefix + ", cacertfile=" + cacertfile + ", certfile=" + certfile + ", keyfile="
                + keyfile + ", password=" + (password == null ? "none" : "****") + ", verify="
                + (verifyPeer ? "verify_peer" : "verify_none") + ", fail_if_no_peer_cert=" + failIfNoPeerCert
                + ", depth=" + depth + ", versions=" + versions + ", ciphers=" + ciphers + ", honor_cipher_order="
                + honorCipherOrder + ", provider=" + provider.name().toLowerCase(Locale.ROOT) + "]";
    }

    /**
     * The JDK protocol name of a rabbitmq.conf version ({@code tlsv1.2} is {@code TLSv1.2}).
     *
     * @throws TlsConfigException for SSLv3, TLS 1.0 and 1.1 (refused: broken or deprecated,
     *                            RFC 8996) and for anything unknown
     */
    public String jdkProtocol(String version) {
        String v = version.toLowerCase(Locale.ROOT);
        return switch (v) {
            case "tlsv1.3" -> "TLSv1.3";
            case "tlsv1.2" -> "TLSv1.2";
            case "tlsv1.1", "tlsv1", "sslv3", "sslv2" -> throw new TlsConfigException(prefix + ".versions", null,
                    version + " is not supported: TLS versions before 1.2 are deprecated (RFC 8996); "
                            + "Warren speaks tlsv1.2 and tlsv1.3");
            default -> throw new TlsConfigException(prefix + ".versions", null,
                    "unknown TLS version '" + version + "'; use tlsv1.2 or tlsv1.3");
        };
    }
}
