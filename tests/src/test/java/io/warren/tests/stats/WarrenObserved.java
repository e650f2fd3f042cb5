package io.warren.tests.stats;

import io.warren.broker.Broker;
import io.warren.broker.stats.ChannelInfo;
import io.warren.broker.stats.ConnectionInfo;
import io.warren.queue.MessageQueue;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@link Observed} through Warren's own statistics API. */
final class WarrenObserved implements Observed {
    private final Broker broker;

    WarrenObserved(Broker broker) {
        this.broker = broker;
    }

    @Override
    public Map<String, Long> queueMessageStats(String queue) {
        MessageQueue q = broker.vhosts().get("/").queue(queue);
        return q == null ? Map.of() : broker.statistics().queue(q).messageStats();
    }

    @Override
    public Map<String, Long> channelMessageStats(int clientPort, int number) {
        for (ChannelInfo c : broker.statistics().channels()) {
            if (c.peerPort() == clientPort && c.number() == number) {
                return c.messageStats();
            }
        }
        return Map.of();
    }

    @Override
    public Map<String, Object> connection(int clientPort) {
        ConnectionInfo c = find(clientPort);
        if (c == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("user", c.user());
        m.put("vhost", c.vhost());
        m.put("protocol", c.protocol());
        m.put("state", c.state());
        m.put("channels", (long) c.channels());
        m.put("frame_max", (long) c.frameMax());
        m.put("timeout", (long) c.timeout());
        m.put("auth_mechanism", c.authMechanism());
        m.put("peer_port", (long) c.peerPort());
        m.put("recv_oct", c.recvOct());
        m.put("send_oct", c.sendOct());
        m.put("client_properties", c.clientProperties());
        return m;
    }

    private ConnectionInfo find(int clientPort) {
        return broker.statistics().connections().stream().filter(c -> c.peerPort() == clientPort).findFirst()
                .orElse(null);
    }

    @Override
    public void forceClose(int clientPort, String reason) {
        ConnectionInfo c = find(clientPort);
        broker.statistics().closeConnection(c.name(), reason == null ? "Closed via management plugin" : reason);
    }
}
