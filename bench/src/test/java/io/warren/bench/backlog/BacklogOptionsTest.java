package io.warren.bench.backlog;

import io.warren.bench.cli.UsageException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BacklogOptionsTest {
    @Test
    void defaultsAreTheIssuesFiveMillionKilobyteMessages() throws UsageException {
        BacklogOptions o = BacklogOptions.parse(new String[0]);
        assertEquals(5_000_000, o.messages());
        assertEquals(1024, o.bodySize());
        assertEquals(200, o.confirm());
        assertEquals(1_000_000, o.step());
    }

    @Test
    void everyOptionIsRead() throws UsageException {
        BacklogOptions o = BacklogOptions.parse(new String[] {"--uri", "amqp://x", "--messages", "10", "--body", "16",
                "--confirm", "5", "--step", "2", "--broker-pid", "42", "--data-dir", "/tmp/d"});
        assertEquals(new BacklogOptions("amqp://x", 10, 16, 5, 2, 42, Path.of("/tmp/d")), o);
    }

    @Test
    void badCommandLinesAreRefused() {
        assertThrows(UsageException.class, () -> BacklogOptions.parse(new String[] {"--messages"}));
        assertThrows(UsageException.class, () -> BacklogOptions.parse(new String[] {"--messages", "many"}));
        assertThrows(UsageException.class, () -> BacklogOptions.parse(new String[] {"--nope", "1"}));
        assertThrows(UsageException.class, () -> BacklogOptions.parse(new String[] {"--body", "4"}));
    }
}
