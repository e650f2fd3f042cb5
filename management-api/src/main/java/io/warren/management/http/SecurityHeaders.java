package io.warren.management.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.ssl.SslHandler;

import java.util.Objects;

/**
 * The headers every management response carries, whatever answered it (an API handler, a file,
 * an error of the HTTP codec): RabbitMQ's {@code management.headers.*}, {@code management.csp.policy}
 * and {@code management.hsts.policy}. Unlike RabbitMQ, which sends only a CSP unless told
 * otherwise, Warren sends {@code nosniff}, {@code SAMEORIGIN} and a CSP that allows the web UI's
 * own files and nothing else by default. HSTS is sent only over HTTPS, where browsers heed it.
 * A null value means the header is not sent. Immutable.
 */
public record SecurityHeaders(String contentTypeOptions, String frameOptions, String xssProtection,
                              String contentSecurityPolicy, String strictTransportSecurity) {
    /**
     * The web UI loads its scripts, styles, images and the Chart.js WebJar from this server and
     * calls only this server's API; it has no inline script or style, and no page should frame it.
     */
    public static final String DEFAULT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'self'";

    public static SecurityHeaders defaults() {
        return new SecurityHeaders("nosniff", "SAMEORIGIN", null, DEFAULT_CSP, null);
    }

    /** Adds the headers to a response; {@code secure} is true over TLS. */
    public void apply(HttpHeaders h, boolean secure) {
        set(h, "x-content-type-options", contentTypeOptions);
        set(h, "x-frame-options", frameOptions);
        set(h, "x-xss-protection", xssProtection);
        set(h, "content-security-policy", contentSecurityPolicy);
        if (secure) {
            set(h, "strict-transport-security", strictTransportSecurity);
        }
    }

    private static void set(HttpHeaders h, String name, String value) {
        if (value != null) {
            h.set(name, value);
        }
    }

    /** A handler that adds the headers to every final response written on a channel. */
    public ChannelHandler handler() {
        return new Writer(this);
    }

    @ChannelHandler.Sharable
    private static final class Writer extends ChannelOutboundHandlerAdapter {
        private final SecurityHeaders headers;

        Writer(SecurityHeaders headers) {
            this.headers = Objects.requireNonNull(headers);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            // 1xx (100 Continue) is not a response to the request, only a go-ahead for its body.
            if (msg instanceof HttpResponse r && r.status().code() >= 200) {
                headers.apply(r.headers(), ctx.pipeline().get(SslHandler.class) != null);
            }
            super.write(ctx, msg, promise);
        }
    }
}
