package io.warren.bench.tls;

import io.warren.bench.cli.UsageException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How the load tool speaks TLS to an {@code amqps://} URI.
 *
 * @param caFile       PEM file of the CA certificates to trust; the server's chain and host name
 *                     are then checked. Null trusts any certificate, as the RabbitMQ Java client
 *                     does for an {@code amqps://} URI.
 * @param version      the only TLS version offered, or {@link TlsVersion#ANY} for 1.3 and 1.2
 * @param ciphers      the only cipher suites offered, in JDK names; empty for the JDK's defaults
 * @param resume       let connections resume earlier TLS sessions; off, every handshake is a
 *                     full one, which is what a handshake rate should measure (servers differ in
 *                     whether they offer resumption at all)
 */
public record TlsOptions(Path caFile, TlsVersion version, List<String> ciphers, boolean resume) {
    public static final TlsOptions DEFAULT = new TlsOptions(null, TlsVersion.ANY, List.of(), false);

    /** The usage lines of the options {@link #accept} reads, for the tools' usage texts. */
    public static final String USAGE = """
              --ca FILE             amqps: trust the CA certificates in this PEM file and check the
                                    server's chain and host name (default: trust any certificate)
              --tls-version V       amqps: offer only TLS 1.2 or 1.3 (default: both; 1.3 when the
                                    server has it)
              --tls-ciphers LIST    amqps: offer only these cipher suites, JDK names separated by
                                    commas, e.g. TLS_AES_128_GCM_SHA256 (default: the JDK's)
            """;

    /** The TLS versions one can ask for, as the JDK names the protocols offered. */
    public enum TlsVersion {
        ANY(List.of("TLSv1.3", "TLSv1.2")),
        TLS12(List.of("TLSv1.2")),
        TLS13(List.of("TLSv1.3"));

        private final List<String> protocols;

        TlsVersion(List<String> protocols) {
            this.protocols = protocols;
        }

        public List<String> protocols() {
            return protocols;
        }

        static TlsVersion parse(String text) throws UsageException {
            return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "1.2", "tlsv1.2", "tls1.2" -> TLS12;
                case "1.3", "tlsv1.3", "tls1.3" -> TLS13;
                case "any" -> ANY;
                default -> throw new UsageException("--tls-version is 1.2, 1.3 or any, got '" + text + "'");
            };
        }
    }

    /** Whether {@link #accept} reads this option. */
    public static boolean isOption(String option) {
        return option.equals("--ca") || option.equals("--tls-version") || option.equals("--tls-ciphers");
    }

    public TlsOptions {
        java.util.Objects.requireNonNull(version, "version");
        ciphers = List.copyOf(ciphers);
    }

    /**
     * Reads one TLS option of a command line into a copy of these options.
     *
     * @throws IllegalArgumentException if {@link #isOption} says it is not one
     */
    public TlsOptions accept(String option, String value) throws UsageException {
        return switch (option) {
            case "--ca" -> {
                Path file = Path.of(value);
                if (!Files.isReadable(file)) {
                    throw new UsageException("--ca cannot read '" + value + "'");
                }
                yield new TlsOptions(file, version, ciphers, resume);
            }
            case "--tls-version" -> new TlsOptions(caFile, TlsVersion.parse(value), ciphers, resume);
            case "--tls-ciphers" -> new TlsOptions(caFile, version, parseCiphers(value), resume);
            default -> throw new IllegalArgumentException("not a TLS option: " + option);
        };
    }

    public TlsOptions withResume(boolean value) {
        return new TlsOptions(caFile, version, ciphers, value);
    }

    private static List<String> parseCiphers(String text) throws UsageException {
        List<String> names = java.util.Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
        if (names.isEmpty()) {
            throw new UsageException("--tls-ciphers wants cipher suite names separated by commas");
        }
        List<String> supported;
        try {
            supported = List.of(javax.net.ssl.SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no TLS", e);
        }
        for (String name : names) {
            if (!supported.contains(name)) {
                throw new UsageException("--tls-ciphers: this JDK has no cipher suite '" + name
                        + "' (JDK names, such as TLS_AES_128_GCM_SHA256 or TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
            }
        }
        return names;
    }

    /** @throws UsageException if TLS options were given for a plain {@code amqp://} URI */
    public void checkScheme(URI uri) throws UsageException {
        if (!"amqps".equalsIgnoreCase(uri.getScheme()) && !equals(DEFAULT)) {
            throw new UsageException("--ca, --tls-version, --tls-ciphers and --tls-resume need an amqps:// URI, got " + uri.getScheme()
                    + "://");
        }
    }
}
