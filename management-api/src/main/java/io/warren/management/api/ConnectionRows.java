package io.warren.management.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.broker.stats.ConnectionInfo;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.Listing;

/**
 * Connections for {@link Listing}: filtered and sorted by name and vhost (the default order)
 * without rendering, so a page of 100 out of 1,000 connections renders 100 through
 * {@link ActivityJson}. One instance serves one request, on its thread.
 */
final class ConnectionRows implements Listing.Rows<ConnectionInfo> {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ApiRequest req;

    ConnectionRows(ApiRequest req) {
        this.req = req;
    }

    @Override
    public String name(ConnectionInfo c) {
        return c.name();
    }

    @Override
    public ObjectNode render(ConnectionInfo c) {
        return ActivityJson.connection(c, false, req);
    }

    @Override
    public JsonNode field(ConnectionInfo c, String dotted) {
        // A null name or vhost renders as JSON null, whose text differs: rendering tells.
        String value = switch (dotted) {
            case "name" -> c.name();
            case "vhost" -> c.vhost();
            default -> null;
        };
        return value == null ? null : NODES.textNode(value);
    }
}
