package io.warren.broker.stats;

import java.util.Map;

/**
 * A client connection as the management API lists it, under RabbitMQ's field names; a snapshot.
 * {@code user} and {@code vhost} are null, and the negotiated values 0, until the handshake is
 * done. {@code rates} has the history of recv_oct, send_oct, recv_cnt and send_cnt. {@code tls} is
 * null on a plain connection (then {@code ssl} is false).
 */
public record ConnectionInfo(String name, String user, String vhost, String peerHost, int peerPort, String host,
                             int port, Map<String, Object> clientProperties, long connectedAt, int channels,
                             int channelMax, int frameMax, int timeout, String authMechanism, String protocol,
                             String state, long recvOct, long recvCnt, long sendOct, long sendCnt, boolean ssl,
                             TlsInfo tls, String type, SampleHistory rates) {
}
