package io.warren.tests.basic;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finds out which messages a channel still holds unacked, without guessing at timing: the queue
 * depth cannot tell, and requeueing on channel close happens after close-ok. basic.recover
 * requeues them before its recover-ok, and gets on the same channel come after that.
 */
final class UnackedMessages {
    private UnackedMessages() {
    }

    /**
     * Requeues everything {@code channel} holds unacked and takes back, with no-ack gets, all that
     * is ready in {@code queue}, returning the bodies in queue order. The queue must hold no other
     * ready messages, and the channel no consumer on it (the broker would push the requeued
     * messages to that consumer instead).
     */
    static List<String> recoverAndTake(Channel channel, String queue) throws IOException {
        channel.basicRecover(true);
        List<String> bodies = new ArrayList<>();
        for (GetResponse r = channel.basicGet(queue, true); r != null; r = channel.basicGet(queue, true)) {
            assertTrue(r.getEnvelope().isRedeliver(), "a recovered message is marked redelivered");
            bodies.add(ReceivedMessage.of(r).text());
        }
        return bodies;
    }
}
