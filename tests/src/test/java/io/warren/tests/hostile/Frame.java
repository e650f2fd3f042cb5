package io.warren.tests.hostile;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;

/**
 * One AMQP 0-9-1 frame as it travels on the wire (spec section 4.2.3), without its frame-end octet.
 *
 * @param type    the frame type octet: {@link #METHOD}, {@link #HEADER}, {@link #BODY} or {@link #HEARTBEAT}
 * @param channel the channel number
 * @param payload the payload bytes
 */
public record Frame(int type, int channel, byte[] payload) {
    public static final int METHOD = 1;
    public static final int HEADER = 2;
    public static final int BODY = 3;
    public static final int HEARTBEAT = 8;
    public static final int FRAME_END = 0xCE;

    /** True if this is a method frame carrying the given class and method ids. */
    public boolean isMethod(int classId, int methodId) {
        return type == METHOD && payload.length >= 4 && classId() == classId && methodId() == methodId;
    }

    /** The class id of a method frame, or the class of a content header frame. */
    public int classId() {
        return (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
    }

    /** The method id of a method frame. */
    public int methodId() {
        return (payload[2] & 0xFF) << 8 | payload[3] & 0xFF;
    }

    /** A reader over the method arguments, positioned after the class and method ids. */
    public DataInputStream arguments() {
        if (type != METHOD) {
            throw new IllegalStateException("not a method frame: " + this);
        }
        return new DataInputStream(new ByteArrayInputStream(payload, 4, payload.length - 4));
    }

    @Override
    public String toString() {
        if (type == METHOD && payload.length >= 4) {
            return "Frame[method " + classId() + "." + methodId() + " on channel " + channel + "]";
        }
        return "Frame[type " + type + " on channel " + channel + ", " + payload.length + " bytes]";
    }
}
