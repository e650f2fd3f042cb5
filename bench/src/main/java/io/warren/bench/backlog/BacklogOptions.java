package io.warren.bench.backlog;

import io.warren.bench.cli.UsageException;

import java.nio.file.Path;

/**
 * Options of the backlog run ({@code warren-bench backlog ...}).
 *
 * @param uri        the broker
 * @param messages   how many messages to publish before anything is consumed
 * @param bodySize   bytes per message body
 * @param confirm    publisher confirms in flight at most
 * @param step       report every this many messages
 * @param brokerPid  the broker's process, for heap and RSS figures (0: not reported)
 * @param dataDir    the broker's data directory, for disk figures (null: not reported)
 */
public record BacklogOptions(String uri, long messages, int bodySize, int confirm, long step, long brokerPid,
                             Path dataDir) {
    public static final String USAGE = """
            usage: warren-bench backlog [--uri URI] [--messages 5000000] [--body 1024] [--confirm 200]
                                        [--step 1000000] [--broker-pid PID] [--data-dir DIR]
            Publishes persistent messages to a fresh durable queue with no consumer, reporting the
            publish rate of every step (and the broker's heap after GC, RSS and disk use when its pid
            and data directory are given), then drains the queue with one consumer and reports that rate.
            """;

    public static BacklogOptions parse(String[] args) throws UsageException {
        String uri = "amqp://guest:guest@localhost:5672";
        long messages = 5_000_000;
        int body = 1024;
        int confirm = 200;
        long step = 1_000_000;
        long pid = 0;
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new UsageException(flag + " needs a value");
            }
            String v = args[++i];
            try {
                switch (flag) {
                    case "--uri" -> uri = v;
                    case "--messages" -> messages = Long.parseLong(v);
                    case "--body" -> body = Integer.parseInt(v);
                    case "--confirm" -> confirm = Integer.parseInt(v);
                    case "--step" -> step = Long.parseLong(v);
                    case "--broker-pid" -> pid = Long.parseLong(v);
                    case "--data-dir" -> dataDir = Path.of(v);
                    default -> throw new UsageException("unknown option " + flag);
                }
            } catch (NumberFormatException e) {
                throw new UsageException(flag + " takes a number, not '" + v + "'");
            }
        }
        if (messages <= 0 || body < 8 || confirm <= 0 || step <= 0) {
            throw new UsageException("--messages, --confirm and --step must be positive and --body at least 8");
        }
        return new BacklogOptions(uri, messages, body, confirm, step, pid, dataDir);
    }
}
