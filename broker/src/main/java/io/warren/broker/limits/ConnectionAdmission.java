package io.warren.broker.limits;

/**
 * The places one open connection holds: one among its vhost's connections, one among its
 * user's connections, and one among its user's channels for each channel it has open. Got from
 * {@link LimitGate#admitConnection}; released exactly once, when the connection ends, which also
 * gives back the places of channels still open. Confined to the connection's event loop.
 */
public final class ConnectionAdmission implements AutoCloseable {
    private final LimitGate gate;
    private final String user;
    private final BoundedCount vhostConnections;
    private final BoundedCount userConnections;
    private final BoundedCount userChannels;
    private int channels;
    private boolean released;

    ConnectionAdmission(LimitGate gate, String user, BoundedCount vhostConnections, BoundedCount userConnections,
                        BoundedCount userChannels) {
        this.gate = gate;
        this.user = user;
        this.vhostConnections = vhostConnections;
        this.userConnections = userConnections;
        this.userChannels = userChannels;
    }

    /** A channel is about to open: takes its place, or throws the connection error of the user's channel limit. */
    public void openChannel() {
        gate.admitChannel(user, userChannels);
        channels++;
    }

    /** A channel this connection opened has closed. */
    public void channelClosed() {
        if (!released && channels > 0) {
            channels--;
            userChannels.release();
        }
    }

    /** Same as {@link #release()}, for try-with-resources. */
    @Override
    public void close() {
        release();
    }

    /** Gives back every place this connection holds; later calls do nothing. */
    public void release() {
        if (released) {
            return;
        }
        released = true;
        for (; channels > 0; channels--) {
            userChannels.release();
        }
        userConnections.release();
        vhostConnections.release();
    }
}
