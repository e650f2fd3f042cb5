package io.warren.tests.hostile;

import com.rabbitmq.client.ConnectionFactory;
import io.warren.tests.support.TestBroker;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static io.warren.tests.hostile.Methods.CHANNEL;
import static io.warren.tests.hostile.Methods.CONNECTION;

/**
 * A plain TCP connection to the broker that writes exactly the bytes a test asks for, so tests can
 * send what no well-behaved client would. It knows just enough AMQP to get through the handshake
 * and to read the broker's frames back; it never answers heartbeats (it asks for none).
 *
 * <p>Not thread-safe: one test thread drives it. Every read gives up after {@link #READ_TIMEOUT_MS}
 * so a broker that stays silent fails the test instead of hanging it.
 */
public final class RawAmqpSocket implements AutoCloseable {
    public static final byte[] PROTOCOL_HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};
    private static final int READ_TIMEOUT_MS = 5_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final ConnectionFactory credentials;
    private int frameMax;

    private RawAmqpSocket(Socket socket, ConnectionFactory credentials) throws IOException {
        this.socket = socket;
        this.credentials = credentials;
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        out = socket.getOutputStream();
    }

    /** Opens a TCP connection to the broker; nothing is sent yet. */
    public static RawAmqpSocket open(TestBroker broker) throws IOException {
        return new RawAmqpSocket(new Socket(broker.host(), broker.port()), broker.factory());
    }

    /**
     * Wraps a socket the test connected itself (to a broker it started, or with socket options of
     * its own); {@code credentials} give the user, password and vhost for {@link #handshake}.
     */
    public static RawAmqpSocket wrap(Socket connected, ConnectionFactory credentials) throws IOException {
        return new RawAmqpSocket(connected, credentials);
    }

    /** Opens a TCP connection and completes the handshake, taking the broker's tuning as offered. */
    public static RawAmqpSocket openHandshaken(TestBroker broker) throws IOException {
        RawAmqpSocket raw = open(broker);
        raw.handshake(0);
        return raw;
    }

    /**
     * Sends the protocol header, authenticates with PLAIN, accepts the broker's frame-max and
     * channel-max (or {@code requestedChannelMax} if it is not 0), turns heartbeats off and opens
     * the vhost.
     */
    public void handshake(int requestedChannelMax) throws IOException {
        start();
        startOkPlain();
        tune(requestedChannelMax);
        openVhost(credentials.getVirtualHost());
        awaitOpenOk();
    }

    /** Sends the protocol header and returns the broker's connection.start. */
    public Frame start() throws IOException {
        write(PROTOCOL_HEADER);
        return expectMethod(0, CONNECTION, 10);
    }

    /** Sends connection.start-ok with the PLAIN mechanism and the test broker's credentials. */
    public void startOkPlain() throws IOException {
        startOk("PLAIN", ("\0" + credentials.getUsername() + "\0" + credentials.getPassword())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The vhost of the test broker. */
    public String virtualHost() {
        return credentials.getVirtualHost();
    }

    /**
     * Sends connection.start-ok announcing the {@code authentication_failure_close} capability, as
     * every current client does, so that a refused login is answered with connection.close.
     */
    public void startOk(String mechanism, byte[] response) throws IOException {
        writeMethod(0, PayloadBuilder.method(CONNECTION, 11)
                .table(Map.of("capabilities", Map.of("authentication_failure_close", true)))
                .shortString(mechanism)
                .longString(response)
                .shortString("en_US")
                .build());
    }

    /** Waits for connection.tune and answers tune-ok without heartbeats, taking the offered frame-max. */
    public void tune(int requestedChannelMax) throws IOException {
        tune(requestedChannelMax, 0, 0);
    }

    /**
     * Waits for connection.tune and answers tune-ok with the given values; a value of 0 for
     * channel-max or frame-max takes the broker's offer.
     */
    public void tune(int requestedChannelMax, int requestedFrameMax, int heartbeatSeconds) throws IOException {
        DataInputStream tune = expectMethod(0, CONNECTION, 30).arguments();
        int offeredChannelMax = tune.readUnsignedShort();
        int offeredFrameMax = tune.readInt();
        int channelMax = requestedChannelMax == 0 ? offeredChannelMax : requestedChannelMax;
        frameMax = requestedFrameMax == 0 ? offeredFrameMax : requestedFrameMax;
        writeMethod(0, PayloadBuilder.method(CONNECTION, 31)
                .shortInt(channelMax).longInt(frameMax).shortInt(heartbeatSeconds).build());
    }

    /** Reads connection.open-ok, which ends the handshake. */
    public void awaitOpenOk() throws IOException {
        expectMethod(0, CONNECTION, 41);
    }

    /** Sends connection.open for {@code vhost}; the answer is left for the caller to read. */
    public void openVhost(String vhost) throws IOException {
        writeMethod(0, PayloadBuilder.method(CONNECTION, 40)
                .shortString(vhost).shortString("").bit(false).build());
    }

    /** The frame-max agreed in the handshake. */
    public int frameMax() {
        return frameMax;
    }

    /** Sends channel.open on {@code channel} and waits for channel.open-ok. */
    public void openChannel(int channel) throws IOException {
        writeMethod(channel, Methods.channelOpen());
        expectMethod(channel, CHANNEL, 11);
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void writeMethod(int channel, byte[] payload) throws IOException {
        writeFrame(Frame.METHOD, channel, payload);
    }

    public void writeFrame(int type, int channel, byte[] payload) throws IOException {
        writeFrame(type, channel, payload, Frame.FRAME_END);
    }

    /** Writes one frame with the given frame-end octet, which a test may set to something wrong. */
    public void writeFrame(int type, int channel, byte[] payload, int frameEnd) throws IOException {
        write(frameBytes(type, channel, payload, frameEnd));
    }

    /** The bytes of one frame, for tests that send only part of it. */
    public static byte[] frameBytes(int type, int channel, byte[] payload, int frameEnd) {
        byte[] frame = new byte[payload.length + 8];
        frame[0] = (byte) type;
        frame[1] = (byte) (channel >> 8);
        frame[2] = (byte) channel;
        frame[3] = (byte) (payload.length >> 24);
        frame[4] = (byte) (payload.length >> 16);
        frame[5] = (byte) (payload.length >> 8);
        frame[6] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 7, payload.length);
        frame[frame.length - 1] = (byte) frameEnd;
        return frame;
    }

    /** Reads the next frame, failing on a bad frame-end octet. */
    public Frame readFrame() throws IOException {
        int type = in.readUnsignedByte();
        int channel = in.readUnsignedShort();
        byte[] payload = new byte[in.readInt()];
        in.readFully(payload);
        int end = in.readUnsignedByte();
        if (end != Frame.FRAME_END) {
            throw new IOException("bad frame-end octet from broker: " + end);
        }
        return new Frame(type, channel, payload);
    }

    /** Reads the next frame, or returns empty if the broker closes the socket first. */
    public Optional<Frame> readFrameUnlessClosed() throws IOException {
        try {
            return Optional.of(readFrame());
        } catch (EOFException e) {
            return Optional.empty();
        } catch (SocketException e) {
            if (isReset(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Reads frames until the broker's connection.close, answers it with close-ok as the spec asks,
     * and returns its arguments. Frames before it (deliveries, a channel.close) are skipped.
     */
    public CloseMethod awaitConnectionClose() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.isMethod(CONNECTION, 50)) {
                writeMethod(0, PayloadBuilder.method(CONNECTION, 51).build());
                return CloseMethod.parse(frame);
            }
        }
    }

    /**
     * Like {@link #awaitConnectionClose()}, but the broker may also just close the socket, in
     * which case the result is empty.
     */
    public Optional<CloseMethod> awaitConnectionCloseOrDrop() throws IOException {
        Optional<Frame> frame;
        while ((frame = readFrameUnlessClosed()).isPresent()) {
            if (frame.get().isMethod(CONNECTION, 50)) {
                writeMethod(0, PayloadBuilder.method(CONNECTION, 51).build());
                return Optional.of(CloseMethod.parse(frame.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * True if the broker closes the socket, having sent nothing more, within the read timeout.
     * A reset counts as closed: a broker may reset a socket it closes with unread input.
     */
    public boolean closedByPeerWithoutData() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            if (isReset(e)) {
                return true;
            }
            throw e;
        }
    }

    /**
     * Reads whatever the broker sends until it closes the socket. A reset ends the read like a
     * normal close: RabbitMQ closes with SO_LINGER 0, so its sockets end in a reset.
     */
    public byte[] readUntilClosed() throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1) {
                received.write(b);
            }
        } catch (SocketException e) {
            if (!isReset(e)) {
                throw e;
            }
        }
        return received.toByteArray();
    }

    /** Half-closes the socket: the broker sees end of input, and can still answer. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    private Frame expectMethod(int channel, int classId, int methodId) throws IOException {
        Frame frame = readFrame();
        if (frame.channel() != channel || !frame.isMethod(classId, methodId)) {
            String detail = frame.isMethod(CONNECTION, 50) ? " " + CloseMethod.parse(frame) : "";
            throw new IOException("expected method " + classId + "." + methodId + " on channel " + channel
                    + " but got " + frame + detail);
        }
        return frame;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static boolean isReset(SocketException e) {
        return e.getMessage() != null && e.getMessage().startsWith("Connection reset");
    }
}
