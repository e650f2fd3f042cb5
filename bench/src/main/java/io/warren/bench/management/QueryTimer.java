package io.warren.bench.management;

import io.warren.bench.report.LatencySummary;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Times GETs of several queries. Each of {@code concurrency} workers asks the queries one after
 * the other, round after round, so a drift in the machine's load is spread over all queries
 * rather than charged to whichever ran last. Used from one thread.
 */
final class QueryTimer {
    private final ManagementClient client;
    private final int concurrency;

    QueryTimer(ManagementClient client, int concurrency) {
        this.client = client;
        this.concurrency = concurrency;
    }

    /** Asks every query {@code warmup} times untimed, then {@code requests} times timed. */
    List<QueryResult> time(List<ManagementQuery> queries, int warmup, int requests)
            throws IOException, InterruptedException {
        for (int round = 0; round < warmup; round++) {
            for (ManagementQuery q : queries) {
                client.get(q.path());
            }
        }
        List<Histogram> micros = new ArrayList<>();
        queries.forEach(q -> micros.add(new Histogram(3)));
        AtomicLongArray bytes = new AtomicLongArray(queries.size());
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                // The first workers take one round more when requests do not divide evenly.
                int rounds = requests / concurrency + (w < requests % concurrency ? 1 : 0);
                workers.add(pool.submit(() -> {
                    for (int round = 0; round < rounds; round++) {
                        for (int i = 0; i < queries.size(); i++) {
                            long start = System.nanoTime();
                            byte[] body = client.get(queries.get(i).path());
                            long took = (System.nanoTime() - start) / 1_000;
                            Histogram h = micros.get(i);
                            synchronized (h) {
                                h.recordValue(took);
                            }
                            bytes.set(i, body.length);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        List<QueryResult> out = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            ManagementQuery q = queries.get(i);
            out.add(new QueryResult(q.name(), q.path(), LatencySummary.ofMicros(micros.get(i)), bytes.get(i)));
        }
        return out;
    }
}
