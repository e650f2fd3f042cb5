package io.warren.bench.compare;

import io.warren.bench.management.ManagementResult;
import io.warren.bench.management.ManagementResultJson;

import java.util.List;

/**
 * Prints the Warren-versus-RabbitMQ Markdown table from files of management {@code --json}
 * result lines labelled {@code warren} and {@code rabbitmq}. management-compare.sh runs it as
 * {@code java -cp warren-bench.jar io.warren.bench.compare.ManagementComparisonMain results.jsonl}.
 */
public final class ManagementComparisonMain {
    private ManagementComparisonMain() {}

    public static void main(String[] args) {
        List<ManagementResult> results = ResultFiles.readOrExit(ManagementComparisonMain.class, args,
                ManagementResultJson::read);
        System.out.print(new ManagementComparisonTable(BrokerSide.WARREN, BrokerSide.RABBITMQ).render(results));
    }
}
