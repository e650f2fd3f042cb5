package io.warren.bench.compare;

import io.warren.bench.report.ResultJson;
import io.warren.bench.report.ScenarioResult;

import java.util.List;

/**
 * Prints the Warren-versus-RabbitMQ Markdown table from files of {@code --json} result lines
 * labelled {@code warren} and {@code rabbitmq}. compare.sh runs it as
 * {@code java -cp warren-bench.jar io.warren.bench.compare.ComparisonMain results.jsonl}.
 */
public final class ComparisonMain {
    private ComparisonMain() {}

    public static void main(String[] args) {
        List<ScenarioResult> results = ResultFiles.readOrExit(ComparisonMain.class, args,
                ResultJson::read);
        System.out.print(new ComparisonTable(BrokerSide.WARREN, BrokerSide.RABBITMQ).render(results));
    }
}
