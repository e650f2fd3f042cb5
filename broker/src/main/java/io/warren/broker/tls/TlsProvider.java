package io.warren.broker.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

import java.util.Locale;

/**
 * Which TLS engine serves the listeners ({@code warren.ssl_provider}): Netty's OpenSSL engine
 * (BoringSSL, bundled for linux-x86_64), the JDK's {@code SSLEngine}, or OpenSSL when it loads and
 * the JDK otherwise. Both behave the same to clients and to the settings; OpenSSL is several
 * times faster at handshakes and bulk encryption.
 */
public enum TlsProvider {
    AUTO, JDK, OPENSSL;

    /** The value of {@code warren.ssl_provider}: {@code auto}, {@code jdk} or {@code openssl}. */
    public static TlsProvider fromConfValue(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "jdk" -> JDK;
            case "openssl" -> OPENSSL;
            default -> throw new IllegalArgumentException("must be auto, jdk or openssl, was '" + value + "'");
        };
    }

    /**
     * The Netty provider to build contexts with. {@link SslProvider#OPENSSL} (not the
     * reference-counted variant): contexts replaced on reload are freed by the garbage collector.
     *
     * @throws TlsConfigException when OpenSSL is asked for but cannot be loaded on this machine
     */
    SslProvider resolve() {
        return switch (this) {
            case JDK -> SslProvider.JDK;
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            case OPENSSL -> {
                if (!OpenSsl.isAvailable()) {
                    throw new TlsConfigException("warren.ssl_provider", null, "is openssl, but Netty's OpenSSL "
                            + "engine cannot be loaded here (" + OpenSsl.unavailabilityCause() + "); use auto or jdk");
                }
                yield SslProvider.OPENSSL;
            }
        };
    }
}
