package io.warren.management.http;

import java.util.Objects;

/**
 * How the management HTTP server treats requests: the largest request body it reads
 * ({@code management.http.max_body_size}, RabbitMQ's 10,000,000 bytes by default), how long a
 * connection may take to send a request head ({@code management.tcp.request_timeout}, 5 s) and
 * to go without sending anything while its body is awaited ({@code management.tcp.idle_timeout},
 * 60 s), Cowboy's defaults that RabbitMQ runs with; 0 means no limit. And the security headers of
 * its responses. Immutable.
 */
public record HttpOptions(int maxBodySize, long requestTimeoutMs, long idleTimeoutMs, SecurityHeaders securityHeaders) {
    /** RabbitMQ 3.13's default for {@code management.http.max_body_size}. */
    public static final int DEFAULT_MAX_BODY_SIZE = 10_000_000;
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
    public static final long DEFAULT_IDLE_TIMEOUT_MS = 60_000;

    public HttpOptions {
        if (maxBodySize < 0 || requestTimeoutMs < 0 || idleTimeoutMs < 0) {
            throw new IllegalArgumentException("negative limit: " + maxBodySize + ", " + requestTimeoutMs + ", " + idleTimeoutMs);
        }
        Objects.requireNonNull(securityHeaders, "securityHeaders");
    }

    public static HttpOptions defaults() {
        return new HttpOptions(DEFAULT_MAX_BODY_SIZE, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS,
                SecurityHeaders.defaults());
    }

    public HttpOptions withMaxBodySize(int bytes) {
        return new HttpOptions(bytes, requestTimeoutMs, idleTimeoutMs, securityHeaders);
    }

    public HttpOptions withRequestTimeoutMs(long ms) {
        return new HttpOptions(maxBodySize, ms, idleTimeoutMs, securityHeaders);
    }

    public HttpOptions withIdleTimeoutMs(long ms) {
        return new HttpOptions(maxBodySize, requestTimeoutMs, ms, securityHeaders);
    }

    public HttpOptions withSecurityHeaders(SecurityHeaders headers) {
        return new HttpOptions(maxBodySize, requestTimeoutMs, idleTimeoutMs, headers);
    }
}
