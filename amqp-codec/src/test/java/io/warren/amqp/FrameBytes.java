package io.warren.amqp;

import java.io.ByteArrayOutputStream;

/** Builds raw frames byte by byte, independently of {@link Frames}, for feeding the decoder. */
final class FrameBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    FrameBytes frame(int type, int channel, byte[] payload, int end) {
        out.write(type);
        out.write(channel >>> 8);
        out.write(channel);
        int size = payload.length;
        out.write(size >>> 24);
        out.write(size >>> 16);
        out.write(size >>> 8);
        out.write(size);
        out.writeBytes(payload);
        out.write(end);
        return this;
    }

    FrameBytes frame(int type, int channel, byte[] payload) {
        return frame(type, channel, payload, 0xCE);
    }

    FrameBytes method(int channel, AmqpMethod method) {
        byte[] args = SampleMethods.arguments(method);
        byte[] payload = new byte[4 + args.length];
        payload[0] = (byte) (method.classId() >>> 8);
        payload[1] = (byte) method.classId();
        payload[2] = (byte) (method.methodId() >>> 8);
        payload[3] = (byte) method.methodId();
        System.arraycopy(args, 0, payload, 4, args.length);
        return frame(1, channel, payload);
    }

    FrameBytes header(int channel, int classId, int weight, long bodySize, byte[] rawProperties) {
        byte[] payload = new byte[12 + rawProperties.length];
        payload[0] = (byte) (classId >>> 8);
        payload[1] = (byte) classId;
        payload[2] = (byte) (weight >>> 8);
        payload[3] = (byte) weight;
        for (int i = 0; i < 8; i++) {
            payload[4 + i] = (byte) (bodySize >>> (56 - 8 * i));
        }
        System.arraycopy(rawProperties, 0, payload, 12, rawProperties.length);
        return frame(2, channel, payload);
    }

    FrameBytes header(int channel, long bodySize) {
        return header(channel, 60, 0, bodySize, new byte[] {0, 0});
    }

    FrameBytes body(int channel, byte[] bytes) {
        return frame(3, channel, bytes);
    }

    FrameBytes heartbeat() {
        return frame(8, 0, new byte[0]);
    }

    FrameBytes raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
