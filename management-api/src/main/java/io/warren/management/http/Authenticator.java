package io.warren.management.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.warren.broker.Broker;
import io.warren.broker.User;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP basic authentication against the broker's users, with RabbitMQ's answers: no or bad
 * credentials are 401 {@code not_authorized / Login failed}, a user without a management tag
 * is 401 {@code not_authorised / Not management user}, and a loopback user (guest) may log in
 * only from this machine. Thread-safe.
 */
public final class Authenticator {
    private final Broker broker;

    public Authenticator(Broker broker) {
        this.broker = broker;
    }

    /** The caller, or an {@link ApiException} saying why not; null when no credentials were sent. */
    public Caller authenticate(HttpHeaders headers, InetAddress peer) {
        String header = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (header == null) {
            return null;
        }
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw loginFailed();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw loginFailed();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw loginFailed();
        }
        String name = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        User user = broker.users().authenticate(name, password);
        if (user == null) {
            throw loginFailed();
        }
        if (broker.settings().loopbackUsers().contains(name) && (peer == null || !peer.isLoopbackAddress())) {
            throw new ApiException(401, "not_authorized", "User can only log in via localhost");
        }
        Caller caller = new Caller(user, password, broker);
        if (!caller.isManagementUser()) {
            throw ApiException.notAuthorised("Not management user");
        }
        return caller;
    }

    private static ApiException loginFailed() {
        return new ApiException(401, "not_authorized", "Login failed");
    }
}
