package io.warren.management.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.broker.stats.BrokerStatistics;
import io.warren.broker.stats.ChannelInfo;
import io.warren.broker.stats.ConnectionInfo;
import io.warren.broker.stats.ConsumerInfo;
import io.warren.management.Management;
import io.warren.management.http.ApiException;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.ApiResponse;
import io.warren.management.http.Listing;
import io.warren.management.http.Router;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code /api/connections}, {@code /api/channels} and {@code /api/consumers}: who is connected
 * and what they do. Monitoring users see everyone; others see their own connections and
 * channels, and the consumers of vhosts they may use. Closing a connection sends the client
 * 320 CONNECTION_FORCED with the {@code X-Reason} header's text or RabbitMQ's default.
 */
final class ActivityApi {
    private static final String DEFAULT_CLOSE_REASON = "Closed via management plugin";

    private final Management m;

    ActivityApi(Management m) {
        this.m = m;
    }

    private BrokerStatistics stats() {
        return m.broker().statistics();
    }

    void register(Router r) {
        r.get("/api/connections", req -> connections(req, c -> true));
        r.get("/api/vhosts/{vhost}/connections", req -> {
            String vhost = m.vhost(req).name();
            return connections(req, c -> vhost.equals(c.vhost()));
        });
        r.get("/api/connections/{name}", req -> ApiResponse.json(ActivityJson.connection(connection(req), true, req)));
        r.delete("/api/connections/{name}", req -> {
            ConnectionInfo c = connection(req);
            stats().closeConnection(c.name(), reason(req));
            return ApiResponse.noContent();
        });
        r.get("/api/connections/{name}/channels", req -> {
            String name = connection(req).name();
            return Listing.respond(req, channels(req, c -> name.equals(c.connectionName())));
        });
        r.get("/api/connections/username/{user}", req -> {
            String user = req.param("user");
            return connections(req, c -> user.equals(c.user()));
        });
        r.delete("/api/connections/username/{user}", req -> {
            Authorise.administrator(req);
            String user = req.param("user");
            for (ConnectionInfo c : stats().connections()) {
                if (user.equals(c.user())) {
                    stats().closeConnection(c.name(), reason(req));
                }
            }
            return ApiResponse.noContent();
        });
        r.get("/api/channels", req -> Listing.respond(req, channels(req, c -> true)));
        r.get("/api/vhosts/{vhost}/channels", req -> {
            String vhost = m.vhost(req).name();
            return Listing.respond(req, channels(req, c -> vhost.equals(c.vhost())));
        });
        r.get("/api/channels/{name}", this::channel);
        r.get("/api/consumers", req -> Listing.respond(req, consumers(req, null)));
        r.get("/api/consumers/{vhost}", req -> Listing.respond(req, consumers(req, m.vhost(req).name())));
    }

    private static String reason(ApiRequest req) {
        String r = req.headers().get("X-Reason");
        return r == null || r.isBlank() ? DEFAULT_CLOSE_REASON : r;
    }

    private ApiResponse connections(ApiRequest req, Predicate<ConnectionInfo> which) {
        List<ConnectionInfo> out = new ArrayList<>();
        for (ConnectionInfo c : stats().connections()) {
            if (c.user() != null && which.test(c) && req.caller().seesOwnedBy(c.user())) {
                out.add(c);
            }
        }
        return Listing.respond(req, out, new ConnectionRows(req));
    }

    private ConnectionInfo connection(ApiRequest req) {
        ConnectionInfo c = stats().connection(req.param("name")).orElseThrow(ApiException::notFound);
        if (c.user() == null || !req.caller().seesOwnedBy(c.user())) {
            throw ApiException.notAuthorised("User not authorised to access object");
        }
        return c;
    }

    private List<ObjectNode> channels(ApiRequest req, Predicate<ChannelInfo> which) {
        List<ObjectNode> out = new ArrayList<>();
        for (ChannelInfo c : stats().channels()) {
            if (which.test(c) && req.caller().seesOwnedBy(c.user())) {
                out.add(ActivityJson.channel(c, req));
            }
        }
        return out;
    }

    private ApiResponse channel(ApiRequest req) {
        ChannelInfo c = stats().channel(req.param("name")).orElseThrow(ApiException::notFound);
        if (!req.caller().seesOwnedBy(c.user())) {
            throw ApiException.notAuthorised("User not authorised to access object");
        }
        ObjectNode o = ActivityJson.channel(c, req);
        ArrayNode consumers = o.putArray("consumer_details");
        for (ConsumerInfo ci : stats().consumers()) {
            if (ci.channelName().equals(c.name())) {
                consumers.add(ActivityJson.consumer(ci));
            }
        }
        o.putArray("deliveries");
        o.putArray("publishes");
        return ApiResponse.json(o);
    }

    private List<ObjectNode> consumers(ApiRequest req, String vhost) {
        List<ObjectNode> out = new ArrayList<>();
        for (ConsumerInfo c : stats().consumers()) {
            if ((vhost == null ? req.caller().sees(c.vhost()) : vhost.equals(c.vhost()))) {
                out.add(ActivityJson.consumer(c));
            }
        }
        return out;
    }
}
