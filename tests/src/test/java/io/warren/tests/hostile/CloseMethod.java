package io.warren.tests.hostile;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The arguments of a connection.close or channel.close method, as the broker sent them.
 *
 * @param replyCode the AMQP reply code, e.g. 501 FRAME_ERROR
 * @param replyText the reply text, e.g. "FRAME_ERROR - ..."
 * @param classId   the class id of the method that caused the close, or 0
 * @param methodId  the method id of the method that caused the close, or 0
 */
public record CloseMethod(int replyCode, String replyText, int classId, int methodId) {
    /** Reads the arguments of a connection.close or channel.close frame. */
    public static CloseMethod parse(Frame frame) throws IOException {
        if (!frame.isMethod(Methods.CONNECTION, 50) && !frame.isMethod(Methods.CHANNEL, 40)) {
            throw new IllegalArgumentException("not a close method: " + frame);
        }
        DataInputStream in = frame.arguments();
        int code = in.readUnsignedShort();
        byte[] text = new byte[in.readUnsignedByte()];
        in.readFully(text);
        return new CloseMethod(code, new String(text, StandardCharsets.UTF_8),
                in.readUnsignedShort(), in.readUnsignedShort());
    }
}
