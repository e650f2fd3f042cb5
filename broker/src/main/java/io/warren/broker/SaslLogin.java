package io.warren.broker;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.warren.broker.sasl.AuthMechanism;
import io.warren.broker.tls.ServerTls;
import io.warren.broker.x509.TlsSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The SASL side of one connection's handshake, as RabbitMQ's reader does it: which mechanisms
 * connection.start offers, whether the one connection.start-ok chose may be used, and whom a
 * client certificate names (passwords are checked by the connection). Runs on the connection's
 * event loop.
 *
 * <p>EXTERNAL is offered only on a TLS connection (with or without a client certificate, so that
 * a client without one is told why it was refused rather than finding no mechanism), and logs in
 * the user the certificate names without a password, as rabbitmq_auth_mechanism_ssl does. In-JVM
 * connections of the management API log in with PLAIN whatever is configured: RabbitMQ's direct
 * connections do not go through SASL at all.
 */
final class SaslLogin {
    private static final Logger LOG = LoggerFactory.getLogger(SaslLogin.class);

    private final Broker broker;
    private final Channel channel;
    private final boolean direct;

    SaslLogin(Broker broker, Channel channel, boolean direct) {
        this.broker = broker;
        this.channel = channel;
        this.direct = direct;
    }

    /** The mechanisms to offer in connection.start, space-separated. */
    String offered() {
        return String.join(" ", offeredList().stream().map(Enum::name).toList());
    }

    private List<AuthMechanism> offeredList() {
        boolean tls = channel.pipeline().get(SslHandler.class) != null;
        List<AuthMechanism> out = new ArrayList<>();
        for (AuthMechanism m : broker.settings().login().mechanisms()) {
            if (m != AuthMechanism.EXTERNAL || tls) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The mechanism connection.start-ok chose, if it may be used here. PLAIN and AMQPLAIN
     * responses are then checked by the connection (which slows failed logins and checks slow
     * hashes off its event loop); EXTERNAL by {@link #external()}.
     *
     * @throws ConnectionException 503 COMMAND_INVALID for a mechanism that does not exist
     *                             ("unknown authentication mechanism") or is not offered
     *                             ("invalid authentication mechanism"), RabbitMQ's texts
     */
    AuthMechanism check(String mechanismName) {
        AuthMechanism mechanism = AuthMechanism.named(mechanismName);
        if (mechanism == null) {
            throw ConnectionException.commandInvalid("unknown authentication mechanism '" + mechanismName + "'");
        }
        boolean allowed = direct ? mechanism == AuthMechanism.PLAIN : offeredList().contains(mechanism);
        if (!allowed) {
            throw ConnectionException.commandInvalid("invalid authentication mechanism '" + mechanismName + "'");
        }
        return mechanism;
    }

    /** The user an EXTERNAL login names through the client certificate, or null (the reason logged). */
    User external() {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        X509Certificate certificate = ssl == null ? null : TlsSessions.peerCertificate(ssl.engine().getSession());
        if (certificate == null) {
            return refused(ssl == null ? "not a TLS-enabled connection"
                    : "connection peer presented no TLS (x.509) certificate");
        }
        // RabbitMQ refuses certificate logins unless the listener checks client certificates.
        ServerTls tls = broker.amqpsTls();
        if (tls == null || !tls.options().verifyPeer()) {
            return refused("TLS configuration is unsafe");
        }
        String name;
        try {
            name = broker.settings().login().username(certificate);
        } catch (IllegalArgumentException e) {
            return refused("the certificate's subject cannot be read: " + e.getMessage());
        }
        if (name == null) {
            return refused("no name found");
        }
        User user = broker.users().get(name);
        if (user == null) {
            return refused("user '" + name + "' - invalid credentials");
        }
        LOG.debug("auth mechanism TLS extracted username '{}' from peer certificate", name);
        return user;
    }

    private User refused(String reason) {
        LOG.warn("{}: EXTERNAL login refused: {}", channel.remoteAddress(), reason);
        return null;
    }
}
