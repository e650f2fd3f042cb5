package io.warren.broker.stats;

/**
 * The TLS side of a connection as RabbitMQ's management API shows it, under its values: the
 * protocol ({@code tlsv1.3}), the cipher suite's key exchange, cipher and hash ({@code any},
 * {@code aes_256_gcm}, {@code aead}), and the client certificate's subject, issuer and validity,
 * which are null when the client sent none. Immutable.
 */
public record TlsInfo(String protocol, String keyExchange, String cipher, String hash, String peerCertSubject,
                      String peerCertIssuer, String peerCertValidity) {
}
