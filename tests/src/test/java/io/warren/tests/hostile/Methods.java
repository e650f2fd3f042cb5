package io.warren.tests.hostile;

/**
 * Ready-made payloads of the frames the hostile tests send, built by hand from the spec so that
 * each test reads as the sequence of frames it puts on the wire.
 */
public final class Methods {
    public static final int CONNECTION = 10;
    public static final int CHANNEL = 20;
    public static final int QUEUE = 50;
    public static final int BASIC = 60;

    private Methods() {
    }

    /** channel.open (20.10). */
    public static byte[] channelOpen() {
        return PayloadBuilder.method(CHANNEL, 10).shortString("").build();
    }

    /** channel.close (20.40) with reply code 200 and no failing method. */
    public static byte[] channelClose() {
        return PayloadBuilder.method(CHANNEL, 40).shortInt(200).shortString("bye").shortInt(0).shortInt(0).build();
    }

    /** basic.publish (60.40) with no flags set. */
    public static byte[] basicPublish(String exchange, String routingKey) {
        return PayloadBuilder.method(BASIC, 40).shortInt(0).shortString(exchange).shortString(routingKey)
                .octet(0).build();
    }

    /** basic.get (60.70) without acknowledgement. */
    public static byte[] basicGet(String queue) {
        return PayloadBuilder.method(BASIC, 70).shortInt(0).shortString(queue).bit(true).build();
    }

    /** basic.consume (60.20) with a server-chosen tag and no arguments; no-ack as asked. */
    public static byte[] basicConsume(String queue, boolean noAck) {
        return PayloadBuilder.method(BASIC, 20).shortInt(0).shortString(queue).shortString("")
                .octet(noAck ? 2 : 0).emptyTable().build();
    }

    /** queue.declare (50.10) of a server-named queue with default flags and no arguments. */
    public static byte[] queueDeclare() {
        return PayloadBuilder.method(QUEUE, 10).shortInt(0).shortString("").octet(0).emptyTable().build();
    }

    /** A content header payload (spec 4.2.6.1) for {@code classId} with no properties. */
    public static byte[] contentHeader(int classId, long bodySize) {
        return PayloadBuilder.contentHeader(classId)
                .longInt((int) (bodySize >>> 32)).longInt((int) bodySize)
                .shortInt(0)
                .build();
    }
}
