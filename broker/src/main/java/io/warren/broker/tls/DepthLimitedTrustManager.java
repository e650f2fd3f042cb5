package io.warren.broker.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Checks client certificates with the JDK's PKIX trust manager, then Erlang's {@code depth}: at
 * most that many intermediate CAs between the client's certificate and a CA of
 * {@code cacertfile} (self-issued certificates are not counted, as in RFC 5280's path length).
 * The JDK's own limit (PKIX maxPathLength) applies only when it builds a path, not when the
 * client sends its whole chain, hence this check. Server side only; any thread.
 */
final class DepthLimitedTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final List<X509Certificate> anchors;
    private final int depth;
    private final String setting;

    DepthLimitedTrustManager(X509ExtendedTrustManager delegate, List<X509Certificate> anchors, int depth, String setting) {
        this.delegate = delegate;
        this.anchors = List.copyOf(anchors);
        this.depth = depth;
        this.setting = setting;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
        checkDepth(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
        checkDepth(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
        checkDepth(chain);
    }

    /** Counts the chain's CAs after the client's certificate, up to the first one that is trusted. */
    private void checkDepth(X509Certificate[] chain) throws CertificateException {
        int intermediates = 0;
        for (int i = 1; i < chain.length; i++) {
            X509Certificate c = chain[i];
            if (anchors.contains(c)) {
                break;
            }
            if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                intermediates++;
            }
        }
        if (intermediates > depth) {
            throw new CertificateException("the client certificate chain has " + intermediates
                    + " intermediate CAs; " + setting + " allows " + depth);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
