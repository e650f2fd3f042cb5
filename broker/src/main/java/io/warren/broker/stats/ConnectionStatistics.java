package io.warren.broker.stats;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One client connection as statistics see it: its socket traffic, what the handshake settled,
 * and its open channels. The connection's event loop writes (traffic through
 * {@link TrafficCounter}, the handshake through {@link #opened}, channels as they open and
 * close); any thread reads.
 */
public final class ConnectionStatistics {
    private static final int RECV_OCT = 0;
    private static final int RECV_CNT = 1;
    private static final int SEND_OCT = 2;
    private static final int SEND_CNT = 3;

    /** RabbitMQ's connection states as the management API shows them. */
    public enum State {
        STARTING("starting"), TUNING("tuning"), OPENING("opening"), RUNNING("running"), BLOCKING("blocking"),
        BLOCKED("blocked"), CLOSING("closing"), CLOSED("closed");

        private final String wireName;

        State(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** What the handshake settled; immutable. */
    public record Handshake(String user, String vhost, Map<String, Object> clientProperties, String authMechanism,
                            int channelMax, int frameMax, int heartbeatSeconds) {}

    private final String name;
    private final String peerHost;
    private final int peerPort;
    private final String host;
    private final int port;
    private final long connectedAt = System.currentTimeMillis();
    private final Consumer<String> forceClose;
    private final OpaqueCounters traffic = new OpaqueCounters(4);
    private final Map<Integer, ChannelStatistics> channels = new ConcurrentHashMap<>();
    private volatile Handshake handshake;
    private volatile TlsInfo tls;
    private volatile State state = State.STARTING;
    // What the sampler has already added to the vhost totals: recv_oct, send_oct. Sampler thread only.
    final long[] folded = new long[2];

    /**
     * @param forceClose closes the connection with 320 CONNECTION_FORCED and the given reason,
     *                   from any thread
     */
    public ConnectionStatistics(String name, String peerHost, int peerPort, String host, int port,
                                Consumer<String> forceClose) {
        this.name = name;
        this.peerHost = peerHost;
        this.peerPort = peerPort;
        this.host = host;
        this.port = port;
        this.forceClose = forceClose;
    }

    public String name() { return name; }

    public String peerHost() { return peerHost; }

    public int peerPort() { return peerPort; }

    public String host() { return host; }

    public int port() { return port; }

    public long connectedAt() { return connectedAt; }

    /** What TLS settled for this connection; null on a plain one. */
    public TlsInfo tls() { return tls; }

    /** Records the TLS session once its handshake is done. */
    public void tls(TlsInfo tls) { this.tls = tls; }

    /** Null until the connection is open. */
    public Handshake handshake() { return handshake; }

    public State state() { return state; }

    public long recvOct() { return traffic.get(RECV_OCT); }

    public long recvCnt() { return traffic.get(RECV_CNT); }

    public long sendOct() { return traffic.get(SEND_OCT); }

    public long sendCnt() { return traffic.get(SEND_CNT); }

    /** Any thread: a view of the open channels. */
    public Collection<ChannelStatistics> channels() {
        return channels.values();
    }

    /** Closes the connection as the management API does; any thread. */
    public void forceClose(String reason) {
        forceClose.accept(reason);
    }

    // ---- written on the connection's event loop ----

    public void opened(Handshake handshake) {
        this.handshake = handshake;
        this.state = State.RUNNING;
    }

    public void state(State state) {
        this.state = state;
    }

    public void channelOpened(ChannelStatistics channel) {
        channels.put(channel.number(), channel);
    }

    public void channelClosed(ChannelStatistics channel) {
        channels.remove(channel.number(), channel);
    }

    void received(int bytes) {
        traffic.add(RECV_OCT, bytes);
        traffic.increment(RECV_CNT);
    }

    void sending(int bytes) {
        traffic.add(SEND_OCT, bytes);
    }

    void flushed() {
        traffic.increment(SEND_CNT);
    }
}
