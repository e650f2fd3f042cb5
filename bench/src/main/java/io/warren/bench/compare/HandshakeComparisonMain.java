package io.warren.bench.compare;

import io.warren.bench.handshake.HandshakeResult;
import io.warren.bench.handshake.HandshakeResultJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the Warren-versus-RabbitMQ handshake table from files of {@code handshakes --json}
 * lines labelled {@code warren} and {@code rabbitmq}. handshake-compare.sh runs it as
 * {@code java -cp warren-bench.jar io.warren.bench.compare.HandshakeComparisonMain results.jsonl}.
 */
public final class HandshakeComparisonMain {
    private HandshakeComparisonMain() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: java -cp warren-bench.jar " + HandshakeComparisonMain.class.getName()
                    + " RESULTS.jsonl...");
            System.exit(2);
        }
        List<HandshakeResult> results = new ArrayList<>();
        for (String file : args) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    if (!line.isBlank()) {
                        results.add(HandshakeResultJson.read(line));
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                System.err.println(file + ": " + e.getMessage());
                System.exit(1);
            }
        }
        System.out.print(new HandshakeComparisonTable(BrokerSide.WARREN, BrokerSide.RABBITMQ).render(results));
    }
}
