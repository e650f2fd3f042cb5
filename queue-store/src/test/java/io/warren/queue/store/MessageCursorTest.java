package io.warren.queue.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.warren.queue.store.StoreFixtures.VHOST;
import static io.warren.queue.store.StoreFixtures.assertSameMessage;
import static io.warren.queue.store.StoreFixtures.await;
import static io.warren.queue.store.StoreFixtures.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageCursorTest {
    @TempDir
    Path dir;

    @Test
    void pagesForwardAcrossSegmentsInBatchesSkippingAcked() throws Exception {
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults().withSegmentSize(8192))) {
            QueueLog log = store.openQueue(VHOST, "q");
            List<SegmentPosition> positions = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                positions.add(log.append(message(i, 100), i, null));
            }
            for (int i = 0; i < 1000; i += 10) {
                log.ack(positions.get(i));
            }
            await(log.flush());
            List<Long> read = new ArrayList<>();
            try (MessageCursor cursor = log.cursor(positions.get(500))) {
                List<StoredMessage> batch;
                while (!(batch = cursor.next(64, Long.MAX_VALUE)).isEmpty()) {
                    assertTrue(batch.size() <= 64);
                    for (StoredMessage m : batch) {
                        read.add(m.queueSequence());
                        assertSameMessage(message((int) m.queueSequence(), 100), m.message());
                        assertEquals(positions.get((int) m.queueSequence()), m.position());
                    }
                }
            }
            List<Long> expected = new ArrayList<>();
            for (long i = 500; i < 1000; i++) {
                if (i % 10 != 0) {
                    expected.add(i);
                }
            }
            assertEquals(expected, read);
        }
    }

    @Test
    void byteLimitBoundsABatchAndTheCursorResumesWhereItStopped() throws Exception {
        try (MessageStore store = MessageStore.open(dir, StoreSettings.defaults())) {
            QueueLog log = store.openQueue(VHOST, "q");
            for (int i = 0; i < 10; i++) {
                log.append(message(i, 1000), i, null);
            }
            await(log.flush());
            try (MessageCursor cursor = log.cursor()) {
                List<StoredMessage> first = cursor.next(100, 2500);
                assertEquals(3, first.size(), "stops once 2500 bytes are passed");
                assertEquals(3L, cursor.next(1, Long.MAX_VALUE).get(0).queueSequence());
                assertEquals(6, cursor.next(100, Long.MAX_VALUE).size());
                assertEquals(List.of(), cursor.next(100, Long.MAX_VALUE));

                log.append(message(10, 1000), 10, null);
                await(log.flush());
                assertEquals(10L, cursor.next(100, Long.MAX_VALUE).get(0).queueSequence(),
                        "a cursor at the end picks up later appends");
            }
        }
    }
}
