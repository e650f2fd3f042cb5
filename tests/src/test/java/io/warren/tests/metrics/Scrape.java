package io.warren.tests.metrics;

import io.warren.tests.support.TestBroker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One page of a Prometheus endpoint in the 0.0.4 text format, as samples: the broker's own
 * (Warren's port, or rabbitmq_prometheus on port 15692 of an external broker's host). The parser
 * reads what exporters write (names, quoted labels with escapes, a value, an optional timestamp);
 * it is not a general one.
 */
public record Scrape(List<Sample> samples) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One line of the page: a series and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        /** True when every label of {@code wanted} ({@code name, value, ...}) has that value here. */
        public boolean has(String... wanted) {
            for (int i = 0; i < wanted.length; i += 2) {
                if (!wanted[i + 1].equals(labels.get(wanted[i]))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The base URL of the broker's Prometheus endpoint. */
    public static String baseUri(TestBroker broker) {
        if (!broker.isExternal()) {
            return "http://127.0.0.1:" + broker.server().prometheusPort();
        }
        return System.getProperty("warren.test.prometheus", "http://" + broker.host() + ":15692");
    }

    /** GETs {@code path} (e.g. {@code /metrics/per-object}) and parses it. */
    public static Scrape of(TestBroker broker, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUri(broker) + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), () -> path + ": " + r.body());
        return parse(r.body());
    }

    public static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(sample(line));
            }
        }
        return new Scrape(List.copyOf(samples));
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq).trim();
                StringBuilder value = new StringBuilder();
                int j = eq + 2; // past ="
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j++);
                    if (c == '\\') {
                        char next = line.charAt(j++);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(label, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        String[] rest = line.substring(i).trim().split("\\s+");
        return new Sample(name, labels, value(rest[0]));
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** The samples of the series named {@code name} (a histogram's {@code _bucket} etc. by their own names). */
    public List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the one series named {@code name} with these labels, or null when there is none. */
    public Double value(String name, String... labels) {
        List<Sample> found = named(name).stream().filter(s -> s.has(labels)).toList();
        if (found.size() > 1) {
            throw new AssertionError(found.size() + " series " + name + " " + List.of(labels) + ": " + found);
        }
        return found.isEmpty() ? null : found.get(0).value();
    }
}
