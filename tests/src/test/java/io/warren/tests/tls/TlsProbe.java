package io.warren.tests.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

/** Raw TLS connections to a broker's AMQPS port: what it serves, and whether it answers AMQP. */
final class TlsProbe {
    private TlsProbe() {}

    /**
     * Connects, sends the AMQP 0-9-1 protocol header and reads the first byte of the answer: true
     * when connection.start comes back (a method frame), false when the broker closed the
     * connection or the handshake failed. With TLS 1.3 a refused client certificate shows only
     * here, after the client's side of the handshake has finished.
     */
    static boolean amqpAnswers(SSLContext context, int port) {
        try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.startHandshake();
            s.getOutputStream().write("AMQP\u0000\u0000\u0009\u0001".getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            return in.read() == 1;
        } catch (IOException e) {
            return false;
        }
    }

    /** The certificate the broker serves a new connection. */
    static X509Certificate served(SSLContext context, int port) throws IOException {
        try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    static BigInteger servedSerial(SSLContext context, int port) throws IOException {
        return served(context, port).getSerialNumber();
    }
}
