package io.warren.metrics;

import java.util.HashMap;
import java.util.Map;

/** One scrape parsed: each series ("name{labels}" exactly as written) with its value, and each family's type. */
record ScrapeResult(Map<String, Double> series, Map<String, String> types, String contentType) {

    static ScrapeResult parse(String body, String contentType) {
        Map<String, Double> series = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return new ScrapeResult(series, types, contentType);
    }

    /** The value of one series, or null when the scrape has no such series. */
    Double value(String series) {
        return this.series.get(series);
    }
}
