package io.warren.management.http;

import java.util.Objects;

/**
 * How the management HTTP server treats requests: the largest request body it reads
 * ({@code management.http.max_body_size}, RabbitMQ's 10,000,000 bytes by default) and the
 * security headers of its responses. Immutable.
 */
public record HttpOptions(int maxBodySize, SecurityHeaders securityHeaders) {
    /** RabbitMQ 3.13's default for {@code management.http.max_body_size}. */
    public static final int DEFAULT_MAX_BODY_SIZE = 10_000_000;

    public HttpOptions {
        if (maxBodySize < 0) {
            throw new IllegalArgumentException("maxBodySize must not be negative: " + maxBodySize);
        }
        Objects.requireNonNull(securityHeaders, "securityHeaders");
    }

    public static HttpOptions defaults() {
        return new HttpOptions(DEFAULT_MAX_BODY_SIZE, SecurityHeaders.defaults());
    }

    public HttpOptions withMaxBodySize(int bytes) {
        return new HttpOptions(bytes, securityHeaders);
    }

    public HttpOptions withSecurityHeaders(SecurityHeaders headers) {
        return new HttpOptions(maxBodySize, headers);
    }
}
