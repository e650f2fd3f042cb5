package io.warren.management.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One management HTTP connection: {@code /api/**} through the {@link Router} after
 * authentication, any other GET from the {@link StaticFiles}, one request at a time.
 *
 * <p>Strangers get nothing for free: the credentials of an API request are checked on its head,
 * before a byte of its body is read (reads stay paused meanwhile), so a refused request costs no
 * memory however large a body it announces; a refusal is sent with {@code Connection: close}
 * and the socket closed after a short drain (so the client reads the answer, not a reset),
 * and {@code Expect: 100-continue} is answered with the refusal instead of 100. Only an
 * authenticated caller's body is read, up to {@code maxBodySize}: a larger
 * {@code Content-Length} is refused up front with 413, a chunked body as soon as it passes the
 * limit. Error bodies are RabbitMQ's {@code {"error", "reason"}}; an unexpected failure is logged
 * here and answered without its Java text.
 *
 * <p>Threads: every method runs on the connection's event loop; authentication (it hashes
 * passwords) and handlers (they may wait on the broker) run on the management workers and hand
 * their result back to the event loop. Not sharable: one instance per connection.
 */
public final class HttpApiHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);
    private static final String REALM = "Basic realm=\"RabbitMQ Management\"";
    /** How long, and how much of an unread body, to drain after a refusal before closing. */
    private static final long LINGER_MS = 1000;
    private static final long LINGER_BYTES = 256 * 1024;
    /** The first allocation for a body; it grows as the body arrives, up to the limit. */
    private static final int INITIAL_BODY_BYTES = 64 * 1024;

    private enum State {
        /** Waiting for a request head. */
        IDLE,
        /** Credentials are being checked on a worker; reads are paused and arrivals held. */
        AUTHENTICATING,
        /** Reading an authenticated caller's body. */
        BODY,
        /** A handler or a response write is under way; reads are paused and arrivals held. */
        ANSWERING,
        /** Refused with the body unread: what arrives is dropped until the socket closes. */
        CLOSING
    }

    private final Router router;
    private final Authenticator authenticator;
    private final StaticFiles files;
    private final Executor workers;
    private final int maxBodySize;
    private final long requestTimeoutNanos;
    private final long idleTimeoutNanos;

    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private State state = State.IDLE;
    private HttpRequest head;
    private String path;
    private Map<String, List<String>> query;
    private boolean keepAlive;
    private Caller caller;
    private ByteBuf body;
    private long drained;
    /** Closes a connection that is slow to send a request head, or stalls in its body. */
    private ScheduledFuture<?> timer;
    private long lastContentNanos;

    public HttpApiHandler(Router router, Authenticator authenticator, StaticFiles files, Executor workers,
                          HttpOptions options) {
        this.router = router;
        this.authenticator = authenticator;
        this.files = files;
        this.workers = workers;
        this.maxBodySize = options.maxBodySize();
        this.requestTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.requestTimeoutMs());
        this.idleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.idleTimeoutMs());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        awaitRequest(ctx);
        super.channelActive(ctx);
    }

    /**
     * As Cowboy's request_timeout: from the moment the connection may send a request, its head
     * must be complete in time, else the connection closes (a trickled head holds nothing open).
     */
    private void awaitRequest(ChannelHandlerContext ctx) {
        cancelTimer();
        if (requestTimeoutNanos > 0) {
            timer = ctx.executor().schedule(() -> {
                if (state == State.IDLE) {
                    LOG.debug("management HTTP connection {} sent no request in time; closing", ctx.channel().remoteAddress());
                    ctx.close();
                }
            }, requestTimeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** As Cowboy's idle_timeout: a body that stops arriving for that long closes the connection. */
    private void awaitBody(ChannelHandlerContext ctx, long delayNanos) {
        cancelTimer();
        if (idleTimeoutNanos > 0) {
            timer = ctx.executor().schedule(() -> {
                if (state != State.BODY) {
                    return;
                }
                long quiet = System.nanoTime() - lastContentNanos;
                if (quiet >= idleTimeoutNanos) {
                    LOG.debug("management HTTP connection {} stopped sending its body; closing", ctx.channel().remoteAddress());
                    ctx.close();
                } else {
                    awaitBody(ctx, idleTimeoutNanos - quiet);
                }
            }, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.AUTHENTICATING || state == State.ANSWERING) {
            // Reads are paused, but what the codec had already decoded still arrives.
            held.add(msg);
            return;
        }
        handle(ctx, msg);
    }

    private void handle(ChannelHandlerContext ctx, Object msg) {
        try {
            switch (state) {
                case IDLE -> {
                    // Content here belongs to a body this connection refused and will not read.
                    if (msg instanceof HttpRequest request) {
                        onHead(ctx, request);
                    }
                }
                case BODY -> {
                    if (msg instanceof HttpContent content) {
                        onContent(ctx, content);
                    }
                }
                case CLOSING -> {
                    ByteBuf dropped = msg instanceof HttpContent c ? c.content() : msg instanceof ByteBuf b ? b : null;
                    drained += dropped == null ? 0 : dropped.readableBytes();
                    if (drained > LINGER_BYTES) {
                        ctx.close();
                    }
                }
                default -> throw new IllegalStateException("a message to handle while " + state);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest request) {
        cancelTimer();
        head = request;
        caller = null;
        keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            refuse(ctx, unreadable(request.decoderResult().cause()), true);
            return;
        }
        long length;
        try {
            length = HttpUtil.getContentLength(request, 0L);
        } catch (NumberFormatException e) {
            refuse(ctx, error(ApiException.badRequest("invalid content-length")), true);
            return;
        }
        boolean hasBody = length > 0 || HttpUtil.isTransferEncodingChunked(request);
        if (unsupportedExpectation(request)) {
            refuse(ctx, error(new ApiException(417, "expectation_failed", "only 100-continue is supported")), hasBody);
            return;
        }
        try {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            path = uri.rawPath();
            query = uri.parameters();
        } catch (IllegalArgumentException e) {
            refuse(ctx, error(ApiException.badRequest("malformed query string")), hasBody);
            return;
        }
        if (!path.startsWith("/")) {
            refuse(ctx, error(ApiException.badRequest("the request target must be a path")), hasBody);
            return;
        }
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            refuse(ctx, file(request.method(), path), hasBody);
            return;
        }
        state = State.AUTHENTICATING;
        ctx.channel().config().setAutoRead(false);
        InetAddress peer = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        Runnable check = () -> offload(ctx, () -> {
            Object verdict = authenticate(request, peer);
            if (verdict instanceof HeldRefusal held) {
                ctx.executor().schedule(() -> onVerdict(ctx, held.response()), held.holdNanos(), TimeUnit.NANOSECONDS);
            } else {
                ctx.executor().execute(() -> onVerdict(ctx, verdict));
            }
        });
        // A source that failed to log in lately has its next password checked, and its refusals
        // sent, only after the broker's LoginThrottle says: waited on the event loop's timer,
        // never on a worker.
        long wait = request.headers().contains(HttpHeaderNames.AUTHORIZATION) ? authenticator.admit(peer) : 0;
        if (wait < 0) {
            Authenticator.LoginRefused refused = authenticator.refusedUnchecked(peer);
            ctx.executor().schedule(() -> onVerdict(ctx, error(refused.answer())), refused.holdNanos(),
                    TimeUnit.NANOSECONDS);
        } else if (wait > 0) {
            ctx.executor().schedule(check, wait, TimeUnit.NANOSECONDS);
        } else {
            check.run();
        }
    }

    /** Wrong credentials: the 401, to be sent once the throttle's hold is over. */
    private record HeldRefusal(ApiResponse response, long holdNanos) {}

    private static boolean unsupportedExpectation(HttpRequest request) {
        String expect = request.headers().get(HttpHeaderNames.EXPECT);
        return expect != null && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect.trim());
    }

    private ApiResponse file(HttpMethod method, String rawPath) {
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            return error(ApiException.notFound());
        }
        try {
            ApiResponse file = files.find(rawPath);
            return file != null ? file : error(ApiException.notFound());
        } catch (ApiException e) {
            return error(e);
        }
    }

    /** Runs on a worker: the caller, or the response that refuses the request (held or not). */
    private Object authenticate(HttpRequest request, InetAddress peer) {
        try {
            Caller c = authenticator.authenticate(request.headers(), peer);
            return c != null ? c : new ApiResponse(401, new byte[0], null, Map.of("www-authenticate", REALM));
        } catch (Authenticator.LoginRefused e) {
            return new HeldRefusal(error(e.answer()), e.holdNanos());
        } catch (ApiException e) {
            return error(e);
        } catch (RuntimeException e) {
            LOG.warn("management API authentication of {} {} failed", request.method(), path, e);
            return internalError();
        }
    }

    private void onVerdict(ChannelHandlerContext ctx, Object verdict) {
        if (state != State.AUTHENTICATING || !ctx.channel().isActive()) {
            return;
        }
        long length = HttpUtil.getContentLength(head, 0L);
        boolean hasBody = length > 0 || HttpUtil.isTransferEncodingChunked(head);
        if (verdict instanceof ApiResponse refusal) {
            refuse(ctx, refusal, hasBody);
            return;
        }
        caller = (Caller) verdict;
        if (length > maxBodySize) {
            refuse(ctx, tooLarge(), true);
            return;
        }
        if (HttpUtil.is100ContinueExpected(head)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
        body = Unpooled.buffer((int) Math.min(length, INITIAL_BODY_BYTES), maxBodySize);
        state = State.BODY;
        lastContentNanos = System.nanoTime();
        awaitBody(ctx, idleTimeoutNanos);
        resume(ctx);
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (content.decoderResult().isFailure()) {
            refuse(ctx, unreadable(content.decoderResult().cause()), true);
            return;
        }
        lastContentNanos = System.nanoTime();
        ByteBuf bytes = content.content();
        if (bytes.readableBytes() > body.maxWritableBytes()) {
            refuse(ctx, tooLarge(), true);
            return;
        }
        body.writeBytes(bytes);
        if (content instanceof LastHttpContent) {
            dispatch(ctx);
        }
    }

    private void dispatch(ChannelHandlerContext ctx) {
        cancelTimer();
        state = State.ANSWERING;
        ctx.channel().config().setAutoRead(false);
        ApiRequest request = new ApiRequest(head.method(), path, Map.of(), query, head.headers(),
                ByteBufUtil.getBytes(body), caller);
        body = null;
        offload(ctx, () -> {
            ApiResponse response = answer(request);
            ctx.executor().execute(() -> respond(ctx, response));
        });
    }

    /** Runs on a worker. */
    private ApiResponse answer(ApiRequest partial) {
        try {
            Router.Match match = router.find(partial.method(), partial.path());
            if (match == null) {
                return error(ApiException.notFound());
            }
            if (match.route() == null) {
                return new ApiResponse(405, new byte[0], null, Map.of("allow", String.join(", ", match.allowedMethods())));
            }
            ApiRequest req = new ApiRequest(partial.method(), partial.path(), match.params(), partial.query(),
                    partial.headers(), partial.body(), partial.caller());
            return match.route().handler().handle(req);
        } catch (ApiException e) {
            return error(e);
        } catch (Exception e) {
            LOG.warn("management API request {} {} failed", partial.method(), partial.path(), e);
            return internalError();
        }
    }

    private void offload(ChannelHandlerContext ctx, Runnable work) {
        try {
            workers.execute(work);
        } catch (RejectedExecutionException e) {
            refuse(ctx, error(new ApiException(503, "service_unavailable", "shutting down")), true);
        }
    }

    /** Answers the request whose body was read (or that had none), then reads the next one. */
    private void respond(ChannelHandlerContext ctx, ApiResponse response) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (!keepAlive) {
            state = State.CLOSING;
            write(ctx, response, false).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // Nothing more is read until the answer is out, so a client that pipelines requests
        // without reading the answers fills its own socket buffers, not this server's memory.
        state = State.ANSWERING;
        ctx.channel().config().setAutoRead(false);
        write(ctx, response, true).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                ctx.close();
                return;
            }
            state = State.IDLE;
            awaitRequest(ctx);
            resume(ctx);
        });
    }

    /**
     * Answers a request without reading its body. When it has one, the connection closes: after
     * the response, output is shut and what still arrives is dropped for a moment, so that a
     * client still sending reads the answer rather than a reset.
     */
    private void refuse(ChannelHandlerContext ctx, ApiResponse response, boolean bodyUnread) {
        if (!bodyUnread) {
            respond(ctx, response);
            return;
        }
        state = State.CLOSING;
        body = null;
        cancelTimer();
        ChannelFuture written = write(ctx, response, false);
        if (!(ctx.channel() instanceof SocketChannel socket) || ctx.pipeline().get(SslHandler.class) != null) {
            written.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        written.addListener(f -> {
            if (!f.isSuccess() || !socket.isActive()) {
                ctx.close();
                return;
            }
            socket.shutdownOutput();
            ctx.executor().schedule(() -> ctx.close(), LINGER_MS, TimeUnit.MILLISECONDS);
            // What still arrives is counted and dropped as raw bytes, not parsed as HTTP.
            HttpServerCodec codec = ctx.pipeline().get(HttpServerCodec.class);
            if (codec != null) {
                ctx.pipeline().remove(codec);
            }
            resume(ctx);
        });
    }

    /** Handles what arrived while paused, then reads again unless the state pauses once more. */
    private void resume(ChannelHandlerContext ctx) {
        while (!held.isEmpty() && !paused()) {
            handle(ctx, held.poll());
        }
        if (!paused() && ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private boolean paused() {
        return state == State.AUTHENTICATING || state == State.ANSWERING;
    }

    private ChannelFuture write(ChannelHandlerContext ctx, ApiResponse r, boolean keepOpen) {
        boolean noBody = head != null && head.method().equals(HttpMethod.HEAD);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                noBody ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
        if (r.contentType() != null) {
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        }
        r.headers().forEach((k, v) -> res.headers().set(k, v));
        res.headers().set(HttpHeaderNames.VARY, "accept, accept-encoding, origin");
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        HttpUtil.setContentLength(res, r.body().length);
        res.headers().set(HttpHeaderNames.CONNECTION, keepOpen ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        return ctx.writeAndFlush(res);
    }

    static ApiResponse error(ApiException e) {
        return ApiResponse.json(e.status(), Json.object().put("error", e.error()).put("reason", e.reason()));
    }

    private static ApiResponse internalError() {
        return error(new ApiException(500, "internal_server_error",
                "the request failed inside the broker; the broker's log has the details"));
    }

    private ApiResponse tooLarge() {
        LOG.warn("management API request {} {} refused: its body is larger than management.http.max_body_size ({} bytes)",
                head.method(), path, maxBodySize);
        return error(new ApiException(413, "payload_too_large", "Exceeded HTTP request body size limit"));
    }

    /** What the codec could not parse: the status Cowboy answers for each case. */
    private static ApiResponse unreadable(Throwable cause) {
        LOG.debug("unreadable management HTTP request", cause);
        if (cause instanceof TooLongHttpLineException) {
            return error(new ApiException(414, "uri_too_long", "the request line is too long"));
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return error(new ApiException(431, "request_header_fields_too_large", "the request headers are too large"));
        }
        if (cause instanceof TooLongFrameException) {
            return error(new ApiException(400, "bad_request", "a part of the request is too long"));
        }
        return error(ApiException.badRequest("malformed HTTP request"));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelTimer();
        state = State.CLOSING;
        body = null;
        while (!held.isEmpty()) {
            ReferenceCountUtil.release(held.poll());
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("management HTTP connection failed", cause);
        ctx.close();
    }
}
