package io.warren.bench.compare;

import io.warren.bench.handshake.HandshakeResult;
import io.warren.bench.handshake.HandshakeResultJson;

import java.util.List;

/**
 * Prints the Warren-versus-RabbitMQ handshake table from files of {@code handshakes --json}
 * lines labelled {@code warren} and {@code rabbitmq}. handshake-compare.sh runs it as
 * {@code java -cp warren-bench.jar io.warren.bench.compare.HandshakeComparisonMain results.jsonl}.
 */
public final class HandshakeComparisonMain {
    private HandshakeComparisonMain() {}

    public static void main(String[] args) {
        List<HandshakeResult> results = ResultFiles.readOrExit(HandshakeComparisonMain.class, args,
                HandshakeResultJson::read);
        System.out.print(new HandshakeComparisonTable(BrokerSide.WARREN, BrokerSide.RABBITMQ).render(results));
    }
}
