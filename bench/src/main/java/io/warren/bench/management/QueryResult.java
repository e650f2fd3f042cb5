package io.warren.bench.management;

import io.warren.bench.report.LatencySummary;

/**
 * The figures of one query over the timed requests.
 *
 * @param query    the query's name
 * @param path     what was requested
 * @param latency  request-to-last-byte latency of the timed requests
 * @param bytes    the body size of the last response
 */
public record QueryResult(String query, String path, LatencySummary latency, long bytes) {
}
