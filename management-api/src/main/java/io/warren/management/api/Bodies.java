package io.warren.management.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.warren.broker.definitions.JsonValues;
import io.warren.broker.durable.JournalWriteException;
import io.warren.management.http.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Reading request bodies and waiting for the broker as RabbitMQ's administrative endpoints do:
 * missing keys are reported together as {@code [{key_missing,a},{key_missing,b}]}, a refused
 * value as {@code Validation failed\n\n<why>\n}.
 */
final class Bodies {
    private Bodies() {
    }

    /** Throws RabbitMQ's 400 naming every key of {@code keys} that {@code body} lacks, in that order. */
    static void require(JsonNode body, String... keys) {
        List<String> missing = new ArrayList<>();
        for (String k : keys) {
            if (!body.has(k)) {
                missing.add("{key_missing," + k + "}");
            }
        }
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("[" + String.join(",", missing) + "]");
        }
    }

    static ApiException validationFailed(String why) {
        return ApiException.badRequest("Validation failed\n\n" + why + "\n");
    }

    /**
     * A JSON value as the broker's registries keep them, converted exactly as the definitions
     * reader converts the same value from a file (integers as Long), so that a policy or
     * parameter set over HTTP equals one imported; null when absent.
     */
    static Object plain(JsonNode value) {
        return value == null ? null : JsonValues.toJava(value);
    }

    static Map<String, Object> plainObject(JsonNode value) {
        return value != null && value.isObject() ? JsonValues.toJavaObject(value) : null;
    }

    /**
     * Waits for a broker change to be journaled (and, for policies, applied), so that the answer
     * means it took effect; the change's own failure is rethrown as it was, and a journal that
     * could not be written answers 500 with its reason.
     */
    static <T> T await(CompletableFuture<T> change) {
        try {
            return change.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "service_unavailable", "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JournalWriteException j) {
                // Not saved, so not done: say why, as the AMQP side does with 541.
                throw new ApiException(500, "internal_server_error", j.getMessage());
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
