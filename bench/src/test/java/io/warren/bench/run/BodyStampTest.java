package io.warren.bench.run;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class BodyStampTest {

    @Test
    void readsBackThePublishTime() {
        byte[] body = new byte[1024];

        BodyStamp.write(body, 42, -123_456_789_012L);

        assertEquals(-123_456_789_012L, BodyStamp.publishNanos(body));
    }

    @Test
    void layoutIsPerfTestsBigEndianIntThenLong() {
        byte[] body = new byte[BodyStamp.LENGTH];

        BodyStamp.write(body, 0x01020304, 0x1122334455667788L);

        assertArrayEquals(new byte[] {1, 2, 3, 4, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88}, body);
    }

    @Test
    void touchesOnlyTheStampBytes() {
        byte[] body = new byte[16];
        Arrays.fill(body, (byte) 7);

        BodyStamp.write(body, 1, 2);

        assertArrayEquals(new byte[] {7, 7, 7, 7}, Arrays.copyOfRange(body, 12, 16));
    }
}
