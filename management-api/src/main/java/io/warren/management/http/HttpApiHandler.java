package io.warren.management.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.buffer.ByteBufUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Answers HTTP requests: {@code /api/**} through the {@link Router} after authentication, any
 * other GET from the {@link StaticFiles}. Parsing happens on the event loop; authentication and
 * handlers run on the management workers, since they hash passwords and may wait on the broker.
 */
@ChannelHandler.Sharable
public final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);
    private static final String REALM = "Basic realm=\"RabbitMQ Management\"";

    private final Router router;
    private final Authenticator authenticator;
    private final StaticFiles files;
    private final Executor workers;

    public HttpApiHandler(Router router, Authenticator authenticator, StaticFiles files, Executor workers) {
        this.router = router;
        this.authenticator = authenticator;
        this.files = files;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path = uri.rawPath();
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            ApiResponse file = req.method().equals(HttpMethod.GET) || req.method().equals(HttpMethod.HEAD)
                    ? files.find(path) : null;
            write(ctx, req.method(), file != null ? file : error(ApiException.notFound()), keepAlive);
            return;
        }
        byte[] body = ByteBufUtil.getBytes(req.content());
        ApiRequest partial = new ApiRequest(req.method(), path, Map.of(), uri.parameters(), req.headers().copy(), body, null);
        InetAddress peer = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        try {
            workers.execute(() -> write(ctx, req.method(), answer(partial, peer), keepAlive));
        } catch (RejectedExecutionException e) {
            write(ctx, req.method(), error(new ApiException(503, "service_unavailable", "shutting down")), false);
        }
    }

    private ApiResponse answer(ApiRequest partial, InetAddress peer) {
        try {
            Router.Match match = router.find(partial.method(), partial.path());
            Caller caller = authenticator.authenticate(partial.headers(), peer);
            if (caller == null) {
                return new ApiResponse(401, new byte[0], null, Map.of("www-authenticate", REALM));
            }
            if (match == null) {
                return error(ApiException.notFound());
            }
            if (match.route() == null) {
                return new ApiResponse(405, new byte[0], null, Map.of("allow", String.join(", ", match.allowedMethods())));
            }
            ApiRequest req = new ApiRequest(partial.method(), partial.path(), match.params(), partial.query(),
                    partial.headers(), partial.body(), caller);
            return match.route().handler().handle(req);
        } catch (ApiException e) {
            return error(e);
        } catch (Exception e) {
            LOG.warn("management API request {} {} failed", partial.method(), partial.path(), e);
            return error(new ApiException(500, "internal_server_error", String.valueOf(e.getMessage())));
        }
    }

    static ApiResponse error(ApiException e) {
        return ApiResponse.json(e.status(), Json.object().put("error", e.error()).put("reason", e.reason()));
    }

    private static void write(ChannelHandlerContext ctx, HttpMethod method, ApiResponse r, boolean keepAlive) {
        byte[] body = method.equals(HttpMethod.HEAD) ? new byte[0] : r.body();
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(body));
        if (r.contentType() != null) {
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        }
        r.headers().forEach((k, v) -> res.headers().set(k, v));
        res.headers().set(HttpHeaderNames.VARY, "accept, accept-encoding, origin");
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        HttpUtil.setContentLength(res, r.body().length);
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("management HTTP connection failed", cause);
        ctx.close();
    }
}
