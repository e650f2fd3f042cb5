package io.warren.tests.connection;

import io.warren.tests.hostile.Frame;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The parts of a connection.start method that the tests check; the server-properties table is
 * skipped here and checked through the Java client instead.
 */
record ConnectionStart(int versionMajor, int versionMinor, List<String> mechanisms, String locales) {

    static ConnectionStart parse(Frame frame) throws IOException {
        DataInputStream in = frame.arguments();
        int major = in.readUnsignedByte();
        int minor = in.readUnsignedByte();
        in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
        String mechanisms = longString(in);
        return new ConnectionStart(major, minor, List.of(mechanisms.split(" ")), longString(in));
    }

    private static String longString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
