package io.warren.bench.compare;

import io.warren.bench.report.ResultJson;
import io.warren.bench.report.ScenarioResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the Warren-versus-RabbitMQ Markdown table from files of {@code --json} result lines
 * labelled {@code warren} and {@code rabbitmq}. compare.sh runs it as
 * {@code java -cp warren-bench.jar io.warren.bench.compare.ComparisonMain results.jsonl}.
 */
public final class ComparisonMain {
    private ComparisonMain() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: java -cp warren-bench.jar " + ComparisonMain.class.getName()
                    + " RESULTS.jsonl...");
            System.exit(2);
        }
        List<ScenarioResult> results = new ArrayList<>();
        for (String file : args) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    if (!line.isBlank()) {
                        results.add(ResultJson.read(line));
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                System.err.println(file + ": " + e.getMessage());
                System.exit(1);
            }
        }
        System.out.print(new ComparisonTable(BrokerSide.WARREN, BrokerSide.RABBITMQ).render(results));
    }
}
