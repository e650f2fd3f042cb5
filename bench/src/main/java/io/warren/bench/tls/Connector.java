package io.warren.bench.tls;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.SocketConfigurators;
import com.rabbitmq.client.TrustEverythingTrustManager;
import io.warren.bench.cli.UsageException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * The load tool's {@link ConnectionFactory} for one broker URI, plain or TLS, and what the last
 * connection of a thread negotiated. For {@code amqps://} each connection offers the TLS
 * versions asked for, checks the host name when a CA is given, and, unless sessions may be
 * resumed, gets an SSL context of its own, so that its handshake is a full one.
 */
public final class Connector {
    private static final String PLAIN = "";

    private final ThreadLocal<SSLSocket> lastSocket = new ThreadLocal<>();
    private final ConnectionFactory factory = new ConnectionFactory();
    private final TlsOptions options;

    private Connector(TlsOptions options) {
        this.options = options;
    }

    /** @throws UsageException if the URI or the options cannot be used, or the CA file is not usable */
    public static Connector create(URI uri, TlsOptions options) throws UsageException {
        options.checkScheme(uri);
        Connector connector = new Connector(options);
        ConnectionFactory factory = connector.factory;
        boolean tls = "amqps".equalsIgnoreCase(uri.getScheme());
        try {
            // For amqps:// setUri would set up TLS itself, trusting any certificate and logging a
            // warning about it; below, TLS is set up as the options say.
            factory.setUri(tls ? new URI("amqp" + uri.toString().substring("amqps".length())) : uri);
        } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
            throw new UsageException("--uri cannot be used: " + e.getMessage());
        }
        // A benchmark that silently reconnects would report the recovery, not the broker.
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        if (!tls) {
            return connector;
        }
        if (uri.getPort() == -1) {
            factory.setPort(ConnectionFactory.DEFAULT_AMQP_OVER_SSL_PORT);
        }
        TrustManager[] trust = trustManagers(options);
        SSLContext shared = options.resume() ? newContext(trust) : null;
        factory.setSslContextFactory(name -> shared != null ? shared : newContext(trust));
        factory.setSocketConfigurator(SocketConfigurators.defaultConfigurator().andThen(socket -> {
            if (socket instanceof SSLSocket ssl) {
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setProtocols(options.version().protocols().toArray(String[]::new));
                if (!options.ciphers().isEmpty()) {
                    parameters.setCipherSuites(options.ciphers().toArray(String[]::new));
                }
                if (options.caFile() != null) {
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                }
                ssl.setSSLParameters(parameters);
                connector.lastSocket.set(ssl);
            }
        }));
        return connector;
    }

    /** Connects to the broker; shared by all threads, not to be modified. */
    public ConnectionFactory factory() {
        return factory;
    }

    /**
     * What the calling thread's last connection through the factory negotiated, such as
     * {@code TLSv1.3 TLS_AES_256_GCM_SHA384}; empty for a plain connection.
     */
    public String lastSession() {
        SSLSocket socket = lastSocket.get();
        if (socket == null) {
            return PLAIN;
        }
        SSLSession session = socket.getSession();
        return session.getProtocol() + " " + session.getCipherSuite();
    }

    /** How the server's certificate is checked, for the report. */
    public String trustDescription() {
        return options.caFile() == null ? "certificate not checked"
                : "certificate and host name checked against " + options.caFile();
    }

    private static TrustManager[] trustManagers(TlsOptions options) throws UsageException {
        if (options.caFile() == null) {
            return new TrustManager[] {new TrustEverythingTrustManager()};
        }
        try (InputStream in = Files.newInputStream(options.caFile())) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new UsageException("--ca " + options.caFile() + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new UsageException("--ca " + options.caFile() + " cannot be used: " + e.getMessage());
        }
    }

    private static SSLContext newContext(TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS", e);
        }
    }
}
