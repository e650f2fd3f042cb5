package io.warren.bench.compare;

import io.warren.bench.management.ManagementResult;
import io.warren.bench.management.ManagementResultJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the Warren-versus-RabbitMQ Markdown table from files of management {@code --json}
 * result lines labelled {@code warren} and {@code rabbitmq}. management-compare.sh runs it as
 * {@code java -cp warren-bench.jar io.warren.bench.compare.ManagementComparisonMain results.jsonl}.
 */
public final class ManagementComparisonMain {
    private ManagementComparisonMain() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: java -cp warren-bench.jar " + ManagementComparisonMain.class.getName()
                    + " RESULTS.jsonl...");
            System.exit(2);
        }
        List<ManagementResult> results = new ArrayList<>();
        for (String file : args) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    if (!line.isBlank()) {
                        results.add(ManagementResultJson.read(line));
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                System.err.println(file + ": " + e.getMessage());
                System.exit(1);
            }
        }
        System.out.print(new ManagementComparisonTable(BrokerSide.WARREN, BrokerSide.RABBITMQ).render(results));
    }
}
