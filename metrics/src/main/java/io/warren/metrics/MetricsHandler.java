package io.warren.metrics;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/** Routes a scrape to its page; runs on the endpoint's event loop. */
final class MetricsHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsHandler.class);
    /** What rabbitmq_prometheus answers with: the 0.0.4 text format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final MetricsPages pages;

    MetricsHandler(MetricsPages pages) {
        this.pages = pages;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response;
        if (!HttpMethod.GET.equals(request.method())) {
            response = plain(HttpResponseStatus.METHOD_NOT_ALLOWED, "Method Not Allowed\n", "text/plain");
            response.headers().set(HttpHeaderNames.ALLOW, "GET");
        } else {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            String body = switch (uri.path()) {
                case "/metrics" -> pages.aggregated();
                case "/metrics/per-object" -> pages.perObject();
                case "/metrics/detailed" -> pages.detailed(DetailedQuery.parse(uri.parameters()));
                default -> null;
            };
            response = body == null ? plain(HttpResponseStatus.NOT_FOUND, "Not Found\n", "text/plain")
                    : plain(HttpResponseStatus.OK, body, CONTENT_TYPE);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static FullHttpResponse plain(HttpResponseStatus status, String body, String contentType) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        return r;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("metrics scrape failed", cause);
        ctx.close();
    }
}
