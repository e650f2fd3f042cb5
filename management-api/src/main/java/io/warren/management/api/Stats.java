package io.warren.management.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.broker.stats.RateDetails;
import io.warren.broker.stats.SampleHistory;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.Json;

import java.util.Map;

/**
 * The statistics parts of the API's objects, as RabbitMQ reports them: counters with a
 * {@code <field>_details} object holding the current {@code rate}, and, when the request asks
 * for a range ({@code msg_rates_age}/{@code msg_rates_incr} for message counters,
 * {@code lengths_age}/{@code lengths_incr} for queue lengths, {@code data_rates_age}/
 * {@code data_rates_incr} for octets), its {@code samples}, {@code avg} and {@code avg_rate}.
 */
final class Stats {

    /** Which range parameters apply to a field. */
    enum Kind {
        MESSAGES("msg_rates"), LENGTHS("lengths"), DATA("data_rates");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private Stats() {
    }

    /** {@code message_stats}: every counter with its details, the rates from {@code history}. */
    static ObjectNode messageStats(Map<String, Long> counters, SampleHistory history, ApiRequest req) {
        ObjectNode o = Json.object();
        counters.forEach((field, value) -> counter(o, field, value, history, Kind.MESSAGES, req));
        return o;
    }

    /**
     * Puts {@code message_stats} on a queue, exchange, channel or vhost once it has seen traffic:
     * RabbitMQ leaves the field out until some counter moves.
     */
    static void putMessageStats(ObjectNode o, Map<String, Long> counters, SampleHistory history, ApiRequest req) {
        if (counters.values().stream().anyMatch(n -> n > 0)) {
            o.set("message_stats", messageStats(counters, history, req));
        }
    }

    /** A field and its {@code _details}. */
    static void counter(ObjectNode o, String field, long value, SampleHistory history, Kind kind, ApiRequest req) {
        o.put(field, value);
        o.set(field + "_details", details(history, field, kind, req));
    }

    static ObjectNode details(SampleHistory history, String field, Kind kind, ApiRequest req) {
        long age = longParam(req, kind.prefix + "_age");
        long incr = longParam(req, kind.prefix + "_incr");
        RateDetails d = history == null || !history.fields().contains(field) ? RateDetails.ZERO
                : history.details(field, age > 0 && incr > 0 ? age : 0, incr > 0 ? incr : 0);
        ObjectNode o = Json.object();
        o.put("rate", d.rate());
        if (d.hasSamples()) {
            if (d.hasAverages()) {
                o.put("avg", d.avg());
                o.put("avg_rate", d.avgRate());
            }
            ArrayNode samples = o.putArray("samples");
            for (RateDetails.Sample s : d.samples()) {
                samples.addObject().put("sample", s.sample()).put("timestamp", s.timestamp());
            }
        }
        return o;
    }

    private static long longParam(ApiRequest req, String name) {
        String v = req == null ? null : req.query(name);
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
