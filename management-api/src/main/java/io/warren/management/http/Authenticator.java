package io.warren.management.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.warren.broker.Broker;
import io.warren.broker.User;
import io.warren.broker.access.LoginThrottle;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP basic authentication against the broker's users, with RabbitMQ's answers: no or bad
 * credentials are 401 {@code not_authorized / Login failed}, a user without a management tag
 * is 401 {@code not_authorised / Not management user}, and a loopback user (guest) may log in
 * only from this machine. Wrong credentials count with the broker's {@link LoginThrottle}, whose
 * hold for the refusal {@link LoginRefused} carries, for the caller to wait out without a thread.
 * Thread-safe.
 */
public final class Authenticator {
    private final Broker broker;

    public Authenticator(Broker broker) {
        this.broker = broker;
    }

    /**
     * Wrong credentials: the 401 to answer, not before {@link #holdNanos()} from now (the
     * broker's {@link LoginThrottle} for this source).
     */
    public static final class LoginRefused extends RuntimeException {
        private final transient ApiException answer;
        private final long holdNanos;

        LoginRefused(ApiException answer, long holdNanos) {
            super(answer.reason(), null, false, false);
            this.answer = answer;
            this.holdNanos = holdNanos;
        }

        public ApiException answer() { return answer; }

        public long holdNanos() { return holdNanos; }
    }

    /**
     * The caller, or an {@link ApiException} saying why not ({@link LoginRefused} for wrong
     * credentials); null when no credentials were sent.
     */
    public Caller authenticate(HttpHeaders headers, InetAddress peer) {
        String header = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (header == null) {
            return null;
        }
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw loginFailed(peer, "malformed credentials");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw loginFailed(peer, "malformed credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw loginFailed(peer, "malformed credentials");
        }
        String name = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        User user = broker.users().authenticate(name, password);
        if (user == null) {
            throw loginFailed(peer, "user '" + name + "' - invalid credentials");
        }
        if (peer != null) {
            broker.loginThrottle().succeeded(peer);
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

    /** Waiting time before a password check from {@code peer}, as {@link LoginThrottle#admit}. */
    public long admit(InetAddress peer) {
        return peer == null ? 0 : broker.loginThrottle().admit(peer);
    }

    /** The 401 for a login refused unchecked (see {@link LoginThrottle#admit}), and its hold. */
    public LoginRefused refusedUnchecked(InetAddress peer) {
        broker.loginThrottle().refusedUnchecked(peer, "HTTP access denied: too many logins waiting from "
                + peer.getHostAddress());
        return new LoginRefused(loginFailedAnswer(), broker.loginThrottle().maxDelayNanos());
    }

    private LoginRefused loginFailed(InetAddress peer, String reason) {
        String message = "HTTP access denied: " + reason + (peer == null ? "" : " (from " + peer.getHostAddress() + ")");
        long hold = peer == null ? 0 : broker.loginThrottle().failed(peer, message);
        return new LoginRefused(loginFailedAnswer(), hold);
    }

    private static ApiException loginFailedAnswer() {
        return new ApiException(401, "not_authorized", "Login failed");
    }
}
