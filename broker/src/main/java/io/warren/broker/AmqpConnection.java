package io.warren.broker;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.concurrent.EventExecutor;
import io.warren.amqp.AmqpMethod;
import io.warren.amqp.Command;
import io.warren.amqp.FrameDecoder;
import io.warren.amqp.FrameException;
import io.warren.amqp.Frames;
import io.warren.amqp.Heartbeat;
import io.warren.amqp.MethodVisitor;
import io.warren.amqp.Methods;
import io.warren.amqp.OversizedContent;
import io.warren.amqp.ProtocolHeader;
import io.warren.amqp.ReplyCode;
import io.warren.amqp.method.ChannelClose;
import io.warren.amqp.method.ChannelCloseOk;
import io.warren.amqp.method.ChannelOpen;
import io.warren.amqp.method.ChannelOpenOk;
import io.warren.amqp.method.ConnectionClose;
import io.warren.amqp.method.ConnectionCloseOk;
import io.warren.amqp.method.ConnectionOpen;
import io.warren.amqp.method.ConnectionOpenOk;
import io.warren.amqp.method.ConnectionStart;
import io.warren.amqp.method.ConnectionStartOk;
import io.warren.amqp.method.ConnectionTune;
import io.warren.amqp.method.ConnectionTuneOk;
import io.warren.amqp.method.ConnectionUpdateSecret;
import io.warren.amqp.method.ConnectionUpdateSecretOk;
import io.warren.amqp.types.LongStr;
import io.warren.broker.access.UserAccess;
import io.warren.broker.limits.ConnectionAdmission;
import io.warren.broker.sasl.AuthMechanism;
import io.warren.broker.stats.ConnectionStatistics;
import io.warren.broker.stats.TrafficCounter;
import io.warren.broker.x509.TlsSessions;
import io.warren.queue.MessageQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One client connection: the handshake, channel 0, the table of open channels, and the one place
 * where protocol errors become close frames. Everything here runs on the connection's event loop.
 *
 * <p>The client's connection.close is answered once every channel has answered the commands it
 * received before it (a queue.delete-ok, a declare-ok waiting for its journal write), as RabbitMQ's
 * channel processes finish their mailboxes before its reader sends close-ok. After close-ok, or
 * after this side sent connection.close, frames are read and dropped until the client closes the
 * socket or {@link ConnectionClosing}'s wait ends; only connection.close and close-ok are answered.
 * A channel that was sent channel.close likewise ignores frames until its close-ok.
 */
public final class AmqpConnection extends ChannelInboundHandlerAdapter implements MethodVisitor {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpConnection.class);
    private static final int FRAME_MIN_SIZE = 4096;
    /** RabbitMQ's SILENT_CLOSE_DELAY: how long a refused client that cannot be told is kept waiting. */
    static final long SILENT_CLOSE_DELAY_SECONDS = 3;
    /** As much as the socket's write buffer holds before it turns unwritable (Broker's high water mark). */
    static final long DELIVERY_BYTES_IN_FLIGHT = 2 * 1024 * 1024;

    /**
     * FINISHING: the client sent connection.close and its channels finish what came before it.
     * CLOSING: rabbit_reader's "closed", waiting for the client to close the socket.
     */
    private enum State { AWAIT_HEADER, AWAIT_START_OK, AUTHENTICATING, AWAIT_TUNE_OK, AWAIT_OPEN, OPEN, FINISHING, CLOSING, CLOSED }

    private final Broker broker;
    private final IntObjectHashMap<AmqpChannel> channels = new IntObjectHashMap<>();
    private final Set<MessageQueue> exclusiveQueues = new LinkedHashSet<>();
    private final Runnable flushTask = this::flushNow;
    private final PublishThrottle throttle;
    private final java.util.concurrent.atomic.AtomicLong deliveryBytesInFlight = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean deliveryLimitHit;
    private ChannelHandlerContext ctx;
    private ConnectionClosing closing;
    private State state = State.AWAIT_HEADER;
    private int frameMax;
    private int channelMax;
    private User user;
    private VirtualHost vhost;
    private UserAccess access;
    // The places this connection holds against vhost and user limits; null until open, and for
    // direct connections, which RabbitMQ's management API does not hold (see visitConnectionOpen).
    private ConnectionAdmission admission;
    private Map<String, Object> clientProperties = Map.of();
    private boolean flushScheduled;
    private final String name;
    private ConnectionStatistics statistics;
    // Only network connections are counted; the management API's in-JVM ones are not.
    private boolean counted;
    private String authMechanism;
    private int heartbeatSeconds;

    AmqpConnection(Broker broker, String name) {
        this.broker = broker;
        this.name = name;
        this.frameMax = broker.settings().frameMax();
        this.throttle = new PublishThrottle(this, broker.alarms());
    }

    Broker broker() { return broker; }

    User user() { return user; }

    VirtualHost vhost() { return vhost; }

    /** The permission checks of this connection's user in its vhost; set once the connection is open. */
    UserAccess access() { return access; }

    int frameMax() { return frameMax; }

    String name() { return name; }

    /** This connection's counters and descriptive state; set once it is in its pipeline. */
    public ConnectionStatistics statistics() { return statistics; }

    /**
     * Closes the connection as RabbitMQ's management API does, from any thread: connection.close
     * 320 "CONNECTION_FORCED - " followed by {@code reason} ("Closed via management plugin" when
     * the request gave none).
     */
    public void closeForced(String reason) {
        forceClose(new ConnectionException(ReplyCode.CONNECTION_FORCED, reason, true));
    }

    EventExecutor executor() { return ctx.executor(); }

    ChannelHandlerContext ctx() { return ctx; }

    boolean isWritable() { return ctx.channel().isWritable(); }

    /**
     * Whether queues may hand this connection more deliveries: its socket is writable and less
     * than {@link #DELIVERY_BYTES_IN_FLIGHT} of bodies are on their way from queue threads to it.
     * Writability alone lags by a batch, since it changes only once the event loop writes what
     * queues handed over; together the two keep what waits for a client that stopped reading at
     * about twice the write buffer's high water mark, whatever the prefetch and the message size.
     * Called by queue threads.
     */
    boolean mayDeliver() {
        if (!ctx.channel().isWritable()) {
            return false;
        }
        if (deliveryBytesInFlight.get() < DELIVERY_BYTES_IN_FLIGHT) {
            return true;
        }
        // Flag first, then look again: a write that went below the limit meanwhile either sees the
        // flag and wakes the consumers, or is seen here.
        deliveryLimitHit = true;
        return deliveryBytesInFlight.get() < DELIVERY_BYTES_IN_FLIGHT;
    }

    /** A queue thread took a delivery of {@code bytes} for this connection. */
    void deliveryHandedOff(long bytes) {
        deliveryBytesInFlight.addAndGet(bytes);
    }

    /** On the event loop: deliveries of {@code bytes} were written to the socket's buffer, or dropped. */
    void deliveriesWritten(long bytes) {
        long left = deliveryBytesInFlight.addAndGet(-bytes);
        if (deliveryLimitHit && left < DELIVERY_BYTES_IN_FLIGHT) {
            deliveryLimitHit = false;
            if (ctx.channel().isWritable()) {
                for (AmqpChannel ch : channels.values()) {
                    ch.resumeDeliveries();
                }
            }
        }
    }

    boolean isOpen() { return state == State.OPEN; }

    /**
     * What a connection that has not finished its handshake is waiting for, in rabbit_reader's
     * words: "handshake" before the protocol header, "frame_header" after it; null once open or
     * closing.
     */
    String handshakeStage() {
        return switch (state) {
            case AWAIT_HEADER -> "handshake";
            case AWAIT_START_OK, AUTHENTICATING, AWAIT_TUNE_OK, AWAIT_OPEN -> "frame_header";
            default -> null;
        };
    }

    /** The client said it understands server-sent basic.cancel (consumer_cancel_notify). */
    boolean consumerCancelNotify() {
        return clientCapability("consumer_cancel_notify");
    }

    boolean clientCapability(String name) {
        return clientProperties.get("capabilities") instanceof Map<?, ?> caps && Boolean.TRUE.equals(caps.get(name));
    }

    /**
     * A resource alarm was raised or cleared; a blocked connection checks, on its event loop,
     * whether it may resume. Called on the thread that changed the alarm.
     */
    void alarmsChanged() {
        try {
            ctx.executor().execute(throttle::alarmsChanged);
        } catch (RejectedExecutionException e) {
            // The event loop is shutting down with the broker: nothing left to unblock.
        }
    }

    /** Closes the connection from another thread (its vhost was deleted), as the broker's own decision. */
    void forceClose(ConnectionException e) {
        try {
            ctx.executor().execute(() -> closeConnection(e, 0, 0));
        } catch (RejectedExecutionException ignored) {
            // The event loop is shutting down with the broker: the connection is going anyway.
        }
    }

    void ownExclusive(MessageQueue q) {
        exclusiveQueues.add(q);
    }

    void disownExclusive(MessageQueue q) {
        exclusiveQueues.remove(q);
    }

    // ---- Netty events ----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.closing = new ConnectionClosing(ctx);
        if (ctx.channel() instanceof io.netty.channel.socket.SocketChannel socket) {
            InetSocketAddress remote = socket.remoteAddress();
            InetSocketAddress local = socket.localAddress();
            statistics = new ConnectionStatistics(name, remote.getAddress().getHostAddress(), remote.getPort(),
                    local.getAddress().getHostAddress(), local.getPort(), this::closeForced);
            ctx.pipeline().addFirst(Broker.TRAFFIC, new TrafficCounter(statistics));
            broker.statistics().connectionOpened(statistics);
            counted = true;
        } else {
            statistics = new ConnectionStatistics(name, "", 0, "", 0, this::closeForced);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        throttle.inbound(msg);
    }

    /** One message from the frame decoder, once the publisher throttle lets it through. */
    void handleInbound(Object msg) {
        if (msg instanceof Command cmd) {
            dispatch(cmd);
        } else if (msg instanceof OversizedContent oc) {
            AmqpChannel ch = channels.get(oc.channel());
            if (state == State.OPEN && ch != null && ch.isOpen()) {
                closeChannel(ch, ChannelException.preconditionFailed("message size " + oc.bodySize()
                        + " is larger than configured max size " + broker.settings().maxMessageSize()), oc.method());
            }
        } else if (msg == ProtocolHeader.INSTANCE) {
            state = State.AWAIT_START_OK;
            // The TLS handshake finished before the first byte of AMQP could be read.
            SslHandler tls = ctx.pipeline().get(SslHandler.class);
            if (tls != null) {
                statistics.tls(TlsSessions.describe(tls.engine().getSession()));
            }
            send(0, new ConnectionStart(0, 9, ServerProperties.build(broker.clusterName()),
                    LongStr.of(login().offered()), LongStr.of("en_US")));
            flushNow();
        } else if (msg != Heartbeat.INSTANCE) {
            LOG.warn("unexpected inbound message {}", msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        endOfReadBatch();
    }

    /**
     * The end of one socket read, or of the messages held while blocked: hand every batch of
     * publishes and acks to the queues and send the confirms they earned, then flush what this
     * batch produced in one syscall.
     */
    void endOfReadBatch() {
        for (AmqpChannel ch : channels.values()) {
            ch.endOfReadBatch();
        }
        flushNow();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            for (AmqpChannel ch : channels.values()) {
                ch.resumeDeliveries();
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle) {
            switch (idle.state()) {
                case WRITER_IDLE -> {
                    ByteBuf buf = ctx.alloc().ioBuffer(8);
                    Frames.writeHeartbeat(buf);
                    ctx.writeAndFlush(buf, ctx.voidPromise());
                }
                case READER_IDLE -> {
                    // RabbitMQ closes the socket without connection.close after two silent intervals,
                    // unless it stopped reading the client's heartbeats itself by blocking it.
                    if (!throttle.isBlocked()) {
                        LOG.error("closing AMQP connection {}: missed heartbeats from client, timeout: {}s",
                                name, heartbeatSeconds);
                        ctx.close();
                    }
                }
                default -> { }
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof FrameException fe) {
            closeConnection(new ConnectionException(fe.replyCode(), fe.replyText()), fe.classId(), fe.methodId());
        } else if (c instanceof java.io.IOException) {
            ctx.close();
        } else {
            LOG.warn("{}: internal error", name, c);
            closeConnection(new ConnectionException(ReplyCode.INTERNAL_ERROR, String.valueOf(c)), 0, 0);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        closing.cancel();
        throttle.discardHeld();
        releaseResources();
        statistics.state(ConnectionStatistics.State.CLOSED);
        if (counted) {
            broker.statistics().connectionClosed(statistics);
        }
        broker.connectionClosed(this);
        ctx.fireChannelInactive();
    }

    /**
     * Gives back what the connection holds: unacked deliveries return to their queues, consumers
     * leave, exclusive queues are deleted. Runs before close-ok goes out, so a client that saw
     * its connection closed finds its exclusive queues gone; idempotent.
     */
    private void releaseResources() {
        for (AmqpChannel ch : new ArrayList<>(channels.values())) {
            ch.release();
        }
        channels.clear();
        if (admission != null) {
            admission.release();
        }
        for (MessageQueue q : exclusiveQueues) {
            vhost.deleteQueue(q);
        }
        exclusiveQueues.clear();
    }

    // ---- dispatch ----

    private void dispatch(Command cmd) {
        AmqpMethod m = cmd.method();
        try {
            if (state == State.FINISHING) {
                return; // nothing the client sends after its connection.close counts
            }
            if (state == State.CLOSING) {
                if (cmd.channel() == 0 && m instanceof ConnectionCloseOk) {
                    ctx.close();
                } else if (cmd.channel() == 0 && m instanceof ConnectionClose) {
                    send(0, new ConnectionCloseOk());
                    flushNow();
                }
                return;
            }
            if (cmd.channel() == 0) {
                m.accept(this);
                return;
            }
            if (state != State.OPEN) {
                throw ConnectionException.channelError("expected 'connection.open'");
            }
            AmqpChannel ch = channels.get(cmd.channel());
            if (ch == null) {
                if (!(m instanceof ChannelOpen)) {
                    throw ConnectionException.channelError("expected 'channel.open'");
                }
                openChannel(cmd.channel());
            } else {
                ch.handle(cmd);
            }
        } catch (ChannelException e) {
            closeChannel(channels.get(cmd.channel()), e, m);
        } catch (ConnectionException e) {
            closeConnection(e, e.withoutMethod() ? 0 : m.classId(), e.withoutMethod() ? 0 : m.methodId());
        } catch (FrameException e) {
            // Malformed content properties are only found when the broker first decodes them.
            closeConnection(new ConnectionException(e.replyCode(), e.replyText()), m.classId(), m.methodId());
        }
    }

    private void openChannel(int id) {
        // channel_max limits how many channels are open, not their numbers (rabbit_reader).
        if (channelMax > 0 && channels.size() >= channelMax) {
            throw new ConnectionException(ReplyCode.NOT_ALLOWED, "number of channels opened (" + channels.size()
                    + ") has reached the negotiated channel_max (" + channelMax + ")", true);
        }
        if (admission != null) {
            admission.openChannel();
        }
        AmqpChannel ch = new AmqpChannel(this, id);
        channels.put(id, ch);
        broker.statistics().channelOpened(ch.statistics());
        send(id, new ChannelOpenOk(LongStr.of("")));
    }

    /** Runs work that finishes a channel's command later (after a queue answered), with error handling. */
    void runOnChannel(AmqpChannel ch, AmqpMethod cause, Runnable work) {
        if (state != State.OPEN && state != State.FINISHING || channels.get(ch.id()) != ch) {
            return;
        }
        try {
            work.run();
        } catch (ChannelException e) {
            closeChannel(ch, e, cause);
        } catch (ConnectionException e) {
            closeConnection(e, cause.classId(), cause.methodId());
        }
    }

    void closeChannel(AmqpChannel ch, ChannelException e, AmqpMethod cause) {
        if (ch == null || !ch.isOpen()) {
            return;
        }
        ch.startClosing();
        send(ch.id(), new ChannelClose(e.replyCode(), e.replyText(),
                cause == null ? 0 : cause.classId(), cause == null ? 0 : cause.methodId()));
        scheduleFlush();
    }

    /** The client answered our channel.close, or closed the channel itself. */
    void channelClosed(AmqpChannel ch) {
        if (channels.remove(ch.id()) != null && admission != null) {
            admission.channelClosed();
        }
        ch.release();
    }

    void closeConnection(ConnectionException e, int classId, int methodId) {
        if (state == State.CLOSING || state == State.CLOSED) {
            return;
        }
        LOG.info("{}: closing connection: {}", name, e.replyText());
        boolean handshakeDone = state == State.OPEN || state == State.FINISHING || state == State.AWAIT_OPEN
                || state == State.AWAIT_TUNE_OK;
        enterClosing();
        if (!handshakeDone && e.replyCode() != ReplyCode.ACCESS_REFUSED) {
            ctx.close();
            return;
        }
        // As rabbit_reader terminates the channels and deletes exclusive queues before it sends
        // connection.close: a client that never answers holds nothing for the wait.
        releaseResources();
        send(0, new ConnectionClose(e.replyCode(), e.replyText(), classId, methodId));
        flushNow();
        closing.awaitClient();
    }

    /** From here on frames are dropped, and read even if publishes were held for an alarm. */
    private void enterClosing() {
        state = State.CLOSING;
        statistics.state(ConnectionStatistics.State.CLOSING);
        if (throttle.isBlocked()) {
            throttle.discardHeld();
            ctx.channel().config().setAutoRead(true);
        }
    }

    /**
     * A channel has answered everything it received so far. After the client's connection.close,
     * once that holds for every channel, the connection gives back what it holds and sends
     * close-ok, then waits for the client to close the socket.
     */
    void channelIdle() {
        if (state != State.FINISHING) {
            return;
        }
        for (AmqpChannel ch : channels.values()) {
            if (ch.isBusy()) {
                return;
            }
        }
        releaseResources();
        enterClosing();
        send(0, new ConnectionCloseOk());
        flushNow();
        closing.awaitClient();
    }

    // ---- channel 0 ----

    @Override
    public void visitConnectionStartOk(ConnectionStartOk m) {
        expect(State.AWAIT_START_OK, m);
        clientProperties = m.clientProperties();
        String mechanism = m.mechanism();
        authMechanism = mechanism;
        SaslLogin sasl = login();
        boolean external = sasl.check(mechanism) == AuthMechanism.EXTERNAL;
        SaslResponse login = external ? null : SaslResponse.parse(mechanism, m.response().bytes());
        state = State.AUTHENTICATING;
        InetAddress peer = peerAddress();
        long wait = peer == null ? 0 : broker.loginThrottle().admit(peer);
        if (wait < 0) {
            // More guesses from this source wait than the longest delay covers: refused unchecked.
            refuseLogin(mechanism, "too many logins waiting from " + peer.getHostAddress(),
                    broker.loginThrottle().maxDelayNanos());
        } else if (wait > 0) {
            ctx.executor().schedule(() -> checkLogin(mechanism, sasl, external, login), wait, TimeUnit.NANOSECONDS);
        } else {
            checkLogin(mechanism, sasl, external, login);
        }
    }

    /**
     * Checks the certificate, or the password here when that is quick, else on the broker's
     * password-check threads.
     */
    private void checkLogin(String mechanism, SaslLogin sasl, boolean external, SaslResponse login) {
        if (state != State.AUTHENTICATING) {
            return;
        }
        if (external) {
            loginChecked(mechanism, null, sasl.external());
            return;
        }
        Users users = broker.users();
        if (login == null || users.checksQuickly(login.username(), login.password())) {
            loginChecked(mechanism, login, login == null ? null : users.authenticate(login.username(), login.password()));
            return;
        }
        try {
            broker.passwordChecks().execute(() -> {
                User u = users.authenticate(login.username(), login.password());
                try {
                    ctx.executor().execute(() -> loginChecked(mechanism, login, u));
                } catch (RejectedExecutionException ignored) {
                    // The event loop is shutting down with the broker.
                }
            });
        } catch (RejectedExecutionException busy) {
            refuseLogin(mechanism, "too many password checks waiting", 0);
        }
    }

    private void loginChecked(String mechanism, SaslResponse login, User u) {
        if (state != State.AUTHENTICATING) {
            return; // the client went away meanwhile
        }
        InetAddress peer = peerAddress();
        if (u != null && !mayLoginFromHere(u)) {
            refuseLogin(mechanism, "user '" + u.name() + "' can only connect via localhost", -1);
            return;
        }
        if (u == null) {
            refuseLogin(mechanism, login != null ? "user '" + login.username() + "' - invalid credentials"
                    : mechanism.equals("EXTERNAL") ? "no user for the client certificate" : "malformed response", -1);
            return;
        }
        if (peer != null) {
            broker.loginThrottle().succeeded(peer);
        }
        user = u;
        state = State.AWAIT_TUNE_OK;
        BrokerSettings s = broker.settings();
        send(0, new ConnectionTune(s.channelMax(), s.frameMax(), s.heartbeatSeconds()));
        flushNow();
    }

    /**
     * Refuses a login after a hold: as RabbitMQ's auth_fail, with connection.close 403 to a client
     * that announced authentication_failure_close and by closing the socket otherwise. The hold is
     * the throttle's for this source, and at least RabbitMQ's 3 s for a client without that
     * capability (which cannot tell a refusal from a network failure, and so retries at once).
     *
     * @param holdNanos the hold for a login refused unchecked, or -1 for a failed login, which
     *                  counts with the throttle and takes its hold
     */
    private void refuseLogin(String mechanism, String reason, long holdNanos) {
        String message = "Error on AMQP connection " + name + " (state: starting): " + mechanism + " login refused: "
                + reason;
        InetAddress peer = peerAddress();
        long hold = Math.max(holdNanos, 0);
        if (peer == null) {
            LOG.error("{}", message);
        } else if (holdNanos < 0) {
            hold = broker.loginThrottle().failed(peer, message);
        } else {
            broker.loginThrottle().refusedUnchecked(peer, message);
        }
        boolean tellClient = clientCapability("authentication_failure_close");
        if (!tellClient) {
            hold = Math.max(hold, TimeUnit.SECONDS.toNanos(SILENT_CLOSE_DELAY_SECONDS));
        }
        enterClosing();
        ctx.executor().schedule(() -> {
            if (!ctx.channel().isActive()) {
                return;
            }
            if (!tellClient) {
                ctx.close();
                return;
            }
            send(0, new ConnectionClose(ReplyCode.ACCESS_REFUSED, "ACCESS_REFUSED - Login was refused using "
                    + "authentication mechanism " + mechanism + ". For details see the broker logfile.", 0, 0));
            flushNow();
            // rabbit_reader sleeps ?SILENT_CLOSE_DELAY after this close and then ends the connection.
            closing.closeAfter(SILENT_CLOSE_DELAY_SECONDS, TimeUnit.SECONDS);
        }, hold, TimeUnit.NANOSECONDS);
    }

    /** The client's address, or null for a direct (in-JVM) connection. */
    private InetAddress peerAddress() {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    private SaslLogin login() {
        return new SaslLogin(broker, ctx.channel(), isDirect());
    }

    private boolean mayLoginFromHere(User u) {
        if (!broker.settings().loopbackUsers().contains(u.name())) {
            return true;
        }
        return isDirect()
                || ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress().isLoopbackAddress();
    }

    /**
     * An in-JVM connection over Netty's local transport ({@link Broker#connectDirect}), such as the
     * management API's: not a network connection, so not listed or counted as one. Its HTTP caller
     * already applied the loopback rule.
     */
    public boolean isDirect() {
        return !(ctx.channel() instanceof io.netty.channel.socket.SocketChannel);
    }

    @Override
    public void visitConnectionTuneOk(ConnectionTuneOk m) {
        expect(State.AWAIT_TUNE_OK, m);
        BrokerSettings s = broker.settings();
        String refused = TuneOkRules.check("frame_max", m.frameMax(), FRAME_MIN_SIZE, s.frameMax());
        if (refused == null) {
            refused = TuneOkRules.check("channel_max", m.channelMax(), 1, s.channelMax());
        }
        if (refused != null) {
            LOG.error("closing AMQP connection {}: failed to negotiate connection parameters: {}", name, refused);
            // RabbitMQ names connection.tune, the method whose offer was exceeded, in this close.
            closeConnection(ConnectionException.notAllowed(refused), Methods.CONNECTION_CLASS, Methods.CONNECTION_TUNE);
            return;
        }
        frameMax = m.frameMax() == 0 ? s.frameMax() : (int) m.frameMax();
        channelMax = m.channelMax() == 0 ? s.channelMax() : m.channelMax();
        FrameDecoder decoder = ctx.pipeline().get(FrameDecoder.class);
        if (decoder != null) {
            decoder.setFrameMax(frameMax);
        }
        int heartbeat = m.heartbeat();
        heartbeatSeconds = heartbeat;
        closing.tuned(heartbeat);
        if (heartbeat > 0) {
            ctx.pipeline().addBefore(ctx.name(), Broker.IDLE, new IdleStateHandler(heartbeat * 2, heartbeat, 0));
        }
        state = State.AWAIT_OPEN;
    }

    @Override
    public void visitConnectionOpen(ConnectionOpen m) {
        expect(State.AWAIT_OPEN, m);
        VirtualHost v = broker.vhosts().get(m.virtualHost());
        if (v == null) {
            throw ConnectionException.notAllowed("vhost " + m.virtualHost() + " not found");
        }
        // RabbitMQ's management API declares without any connection, and opens a direct
        // connection per publish or get; ours keeps one per user and vhost for all of them, so
        // counting it would refuse clients RabbitMQ admits. Only network connections count.
        ConnectionAdmission admitted = isDirect() ? null : broker.limits().admitConnection(v, user.name());
        try {
            access = broker.permissions().openVhost(user.name(), v.name());
        } catch (RuntimeException e) {
            if (admitted != null) {
                admitted.release();
            }
            throw e;
        }
        admission = admitted;
        vhost = v;
        state = State.OPEN;
        statistics.opened(new ConnectionStatistics.Handshake(user.name(), v.name(), clientProperties, authMechanism,
                channelMax, frameMax, heartbeatSeconds));
        send(0, new ConnectionOpenOk(""));
    }

    @Override
    public void visitConnectionClose(ConnectionClose m) {
        state = State.FINISHING;
        statistics.state(ConnectionStatistics.State.CLOSING);
        // Bounded like the wait after close-ok, should a queue never answer a channel.
        closing.awaitClient();
        channelIdle();
    }

    @Override
    public void visitConnectionCloseOk(ConnectionCloseOk m) {
        ctx.close();
    }

    @Override
    public void visitConnectionUpdateSecret(ConnectionUpdateSecret m) {
        expect(State.OPEN, m);
        send(0, new ConnectionUpdateSecretOk());
    }

    @Override
    public void unhandled(AmqpMethod m) {
        throw unexpectedMethod();
    }

    private void expect(State expected, AmqpMethod m) {
        if (state != expected) {
            throw unexpectedMethod();
        }
    }

    /** rabbit_reader names its states starting, tuning, opening and running. */
    private ConnectionException unexpectedMethod() {
        String name = switch (state) {
            case AWAIT_HEADER, AWAIT_START_OK, AUTHENTICATING -> "starting";
            case AWAIT_TUNE_OK -> "tuning";
            case AWAIT_OPEN -> "opening";
            default -> "running";
        };
        return ConnectionException.channelError("unexpected method in connection state " + name);
    }

    // ---- output ----

    /** Writes one method frame; flushed at the end of the read batch or by {@link #scheduleFlush}. */
    void send(int channel, AmqpMethod m) {
        ByteBuf buf = ctx.alloc().ioBuffer();
        Frames.writeMethod(buf, channel, m);
        ctx.write(buf, ctx.voidPromise());
    }

    void write(ByteBuf frames) {
        ctx.write(frames, ctx.voidPromise());
    }

    /** Flushes once after the tasks already queued on this event loop, however often called. */
    void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.executor().execute(flushTask);
        }
    }

    private void flushNow() {
        flushScheduled = false;
        ctx.flush();
    }

    @Override
    public String toString() {
        return name;
    }
}
