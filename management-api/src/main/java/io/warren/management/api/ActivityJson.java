package io.warren.management.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.broker.definitions.JsonOutput;
import io.warren.broker.stats.ChannelInfo;
import io.warren.broker.stats.ConnectionInfo;
import io.warren.broker.stats.ConsumerInfo;
import io.warren.broker.stats.TlsInfo;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.Json;

/** Connections, channels and consumers under RabbitMQ 3.10's field names. */
final class ActivityJson {
    private ActivityJson() {
    }

    /**
     * A connection; {@code shown} for GET /api/connections/{name}. A TLS connection shows its
     * protocol, cipher suite and client certificate as RabbitMQ writes them. What a connection
     * does not have (any of them without TLS, the certificate when the client sent none) RabbitMQ
     * lists as null but shows as "" on one connection's page, and Warren answers the same.
     */
    static ObjectNode connection(ConnectionInfo c, boolean shown, ApiRequest req) {
        ObjectNode o = Json.object();
        o.put("auth_mechanism", c.authMechanism());
        o.put("channel_max", c.channelMax());
        o.put("channels", c.channels());
        o.set("client_properties", JsonOutput.tree(c.clientProperties()));
        o.put("connected_at", c.connectedAt());
        o.put("frame_max", c.frameMax());
        o.put("host", c.host());
        o.put("name", c.name());
        o.put("node", Node.NAME);
        TlsInfo tls = c.tls();
        tls(o, "peer_cert_issuer", tls == null ? null : tls.peerCertIssuer(), shown);
        tls(o, "peer_cert_subject", tls == null ? null : tls.peerCertSubject(), shown);
        tls(o, "peer_cert_validity", tls == null ? null : tls.peerCertValidity(), shown);
        o.put("peer_host", c.peerHost());
        o.put("peer_port", c.peerPort());
        o.put("port", c.port());
        o.put("protocol", c.protocol());
        o.put("recv_cnt", c.recvCnt());
        Stats.counter(o, "recv_oct", c.recvOct(), c.rates(), Stats.Kind.DATA, req);
        o.put("send_cnt", c.sendCnt());
        Stats.counter(o, "send_oct", c.sendOct(), c.rates(), Stats.Kind.DATA, req);
        o.put("send_pend", 0);
        o.put("ssl", c.ssl());
        tls(o, "ssl_cipher", tls == null ? null : tls.cipher(), shown);
        tls(o, "ssl_hash", tls == null ? null : tls.hash(), shown);
        tls(o, "ssl_key_exchange", tls == null ? null : tls.keyExchange(), shown);
        tls(o, "ssl_protocol", tls == null ? null : tls.protocol(), shown);
        o.put("state", c.state());
        o.put("timeout", c.timeout());
        o.put("type", c.type());
        o.put("user", c.user());
        if (c.clientProperties().get("connection_name") != null) {
            o.set("user_provided_name", JsonOutput.tree(c.clientProperties().get("connection_name")));
        }
        o.put("user_who_performed_action", c.user());
        o.put("vhost", c.vhost());
        return o;
    }

    private static void tls(ObjectNode o, String field, String value, boolean shown) {
        if (value != null) {
            o.put(field, value);
        } else if (shown) {
            o.put(field, "");
        } else {
            o.putNull(field);
        }
    }

    static ObjectNode channel(ChannelInfo c, ApiRequest req) {
        ObjectNode o = Json.object();
        o.put("acks_uncommitted", c.acksUncommitted());
        o.put("confirm", c.confirm());
        o.set("connection_details", Json.object().put("name", c.connectionName())
                .put("peer_host", c.peerHost()).put("peer_port", c.peerPort()));
        o.put("consumer_count", c.consumerCount());
        o.put("global_prefetch_count", c.globalPrefetchCount());
        Stats.putMessageStats(o, c.messageStats(), c.rates(), req);
        o.put("messages_unacknowledged", c.messagesUnacknowledged());
        o.put("messages_uncommitted", c.messagesUncommitted());
        o.put("messages_unconfirmed", c.messagesUnconfirmed());
        o.put("name", c.name());
        o.put("node", Node.NAME);
        o.put("number", c.number());
        o.put("prefetch_count", c.prefetchCount());
        o.put("state", c.state());
        o.put("transactional", c.transactional());
        o.put("user", c.user());
        o.put("user_who_performed_action", c.user());
        o.put("vhost", c.vhost());
        return o;
    }

    static ObjectNode consumer(ConsumerInfo c) {
        ObjectNode o = Json.object();
        o.put("ack_required", c.ackRequired());
        o.put("active", c.active());
        o.put("activity_status", c.activityStatus());
        o.set("arguments", JsonOutput.tree(c.arguments()));
        o.set("channel_details", Json.object()
                .put("connection_name", c.connectionName())
                .put("name", c.channelName())
                .put("node", Node.NAME)
                .put("number", c.channelNumber())
                .put("peer_host", c.peerHost())
                .put("peer_port", c.peerPort())
                .put("user", c.user()));
        o.put("consumer_tag", c.consumerTag());
        o.put("exclusive", c.exclusive());
        o.put("prefetch_count", c.prefetchCount());
        o.set("queue", Json.object().put("name", c.queue()).put("vhost", c.vhost()));
        return o;
    }
}
