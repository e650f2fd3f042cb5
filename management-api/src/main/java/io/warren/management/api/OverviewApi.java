package io.warren.management.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.broker.Listener;
import io.warren.broker.ServerProperties;
import io.warren.broker.alarm.ResourceAlarm;
import io.warren.broker.alarm.ResourceMonitors;
import io.warren.broker.sasl.AuthMechanism;
import io.warren.broker.stats.Overview;
import io.warren.broker.stats.SampleHistory;
import io.warren.broker.stats.StatisticsSampler;
import io.warren.exchange.ExchangeType;
import io.warren.management.Management;
import io.warren.management.http.ApiException;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.ApiResponse;
import io.warren.management.http.Json;
import io.warren.management.http.Router;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * {@code /api/overview}, {@code /api/nodes}, {@code /api/whoami} and {@code /api/version}: the
 * broker as a whole. Listeners, contexts and the node are shown to monitoring users only, as
 * RabbitMQ shows them.
 */
final class OverviewApi {
    private static final String[][] EXCHANGE_TYPES = {
        {"direct", "AMQP direct exchange, as per the AMQP specification"},
        {"fanout", "AMQP fanout exchange, as per the AMQP specification"},
        {"headers", "AMQP headers exchange, as per the AMQP specification"},
        {"topic", "AMQP topic exchange, as per the AMQP specification"},
    };

    private static final long[] UI_RANGES = {60, 600, 3600, 28800, 86400};

    private final Management m;

    OverviewApi(Management m) {
        this.m = m;
    }

    void register(Router r) {
        r.get("/api/whoami", req -> {
            ArrayNode tags = Json.MAPPER.createArrayNode();
            req.caller().user().tags().stream().sorted().forEach(tags::add);
            return ApiResponse.json(Json.object().put("name", req.caller().name()).set("tags", tags));
        });
        r.get("/api/version", req -> ApiResponse.json(Json.MAPPER.valueToTree(ServerProperties.RABBITMQ_COMPATIBLE_VERSION)));
        r.get("/api/overview", this::overview);
        r.get("/api/nodes", req -> {
            monitoring(req);
            return ApiResponse.json(Json.MAPPER.createArrayNode().add(node(req)));
        });
        r.get("/api/nodes/{node}", req -> {
            monitoring(req);
            if (!req.param("node").equals(Node.NAME)) {
                throw ApiException.notFound();
            }
            return ApiResponse.json(node(req));
        });
    }

    private static void monitoring(ApiRequest req) {
        if (!req.caller().isMonitoring()) {
            throw ApiException.notAuthorised("Not monitor user");
        }
    }

    private ApiResponse overview(ApiRequest req) {
        Overview ov = m.broker().statistics().overview();
        SampleHistory rates = ov.rates();
        ObjectNode o = Json.object();
        o.put("management_version", ServerProperties.RABBITMQ_COMPATIBLE_VERSION);
        o.put("rates_mode", "basic");
        ObjectNode retention = o.putObject("sample_retention_policies");
        retention.set("global", ranges(StatisticsSampler.globalRetentionSeconds()));
        retention.set("basic", ranges(StatisticsSampler.objectRetentionSeconds()));
        // No detailed statistics (rates_mode detailed) are kept.
        retention.putArray("detailed");
        o.set("exchange_types", exchangeTypes());
        o.put("product_version", ServerProperties.RABBITMQ_COMPATIBLE_VERSION);
        o.put("product_name", "Warren");
        o.put("rabbitmq_version", ServerProperties.RABBITMQ_COMPATIBLE_VERSION);
        o.put("cluster_name", m.broker().clusterName());
        o.put("erlang_version", "none (Java " + Runtime.version() + ")");
        o.put("erlang_full_version", "Java " + System.getProperty("java.vm.name") + " " + Runtime.version());
        o.put("release_series_support_status", "supported");
        o.put("disable_stats", false);
        o.put("enable_queue_totals", false);
        o.set("message_stats", Stats.messageStats(ov.messageStats(), rates, req));
        o.set("churn_rates", Stats.messageStats(ov.churnRates(), rates, req));
        ObjectNode totals = o.putObject("queue_totals");
        Stats.counter(totals, "messages", ov.queueTotals().messages(), rates, Stats.Kind.LENGTHS, req);
        Stats.counter(totals, "messages_ready", ov.queueTotals().messagesReady(), rates, Stats.Kind.LENGTHS, req);
        Stats.counter(totals, "messages_unacknowledged", ov.queueTotals().messagesUnacknowledged(), rates,
                Stats.Kind.LENGTHS, req);
        Overview.ObjectTotals t = ov.objectTotals();
        ObjectNode objects = o.putObject("object_totals");
        objects.put("channels", t.channels()).put("connections", t.connections());
        if (req.caller().isMonitoring()) {
            objects.put("consumers", t.consumers());
        }
        objects.put("exchanges", t.exchanges()).put("queues", t.queues());
        o.put("statistics_db_event_queue", 0);
        if (req.caller().isMonitoring()) {
            o.put("node", Node.NAME);
            o.set("listeners", listeners());
            o.set("contexts", contexts(true));
        }
        return ApiResponse.json(o);
    }

    /**
     * The ranges of RabbitMQ's UI (the last minute, ten minutes, hour, eight hours, day) that
     * samples kept for {@code keptSeconds} cover: what RabbitMQ lists here and its UI offers.
     */
    private static ArrayNode ranges(long keptSeconds) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (long age : UI_RANGES) {
            if (age <= keptSeconds) {
                out.add(age);
            }
        }
        return out;
    }

    private static ArrayNode exchangeTypes() {
        ArrayNode types = Json.MAPPER.createArrayNode();
        for (String[] t : EXCHANGE_TYPES) {
            if (ExchangeType.fromWireName(t[0]) != null) {
                types.addObject().put("name", t[0]).put("description", t[1]).put("enabled", true);
            }
        }
        return types;
    }

    private ArrayNode listeners() {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Listener l : m.broker().listeners()) {
            ObjectNode opts = Json.object();
            if (l.protocol().equals("amqp")) {
                opts.put("backlog", 1024).put("nodelay", true).put("exit_on_close", false);
                opts.putArray("linger").add(true).add(0);
            }
            out.addObject().put("node", Node.NAME).put("protocol", l.protocol()).put("ip_address", l.ipAddress())
                    .put("port", l.port()).set("socket_opts", opts);
        }
        return out;
    }

    private ArrayNode contexts(boolean withNode) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        ObjectNode c = out.addObject().put("cowboy_opts", "[]").put("description", "Warren Management")
                .put("path", "/").put("port", String.valueOf(m.httpPort().getAsInt()));
        c.putArray("ssl_opts");
        if (withNode) {
            c.put("node", Node.NAME);
        }
        return out;
    }

    private ObjectNode node(ApiRequest req) {
        Overview ov = m.broker().statistics().overview();
        ResourceMonitors res = m.broker().resourceMonitors();
        Runtime rt = Runtime.getRuntime();
        ObjectNode o = Json.object();
        o.put("name", Node.NAME);
        o.put("type", "disc");
        o.put("running", true);
        o.put("uptime", m.broker().uptimeMillis());
        o.put("os_pid", String.valueOf(ProcessHandle.current().pid()));
        o.put("processors", rt.availableProcessors());
        o.put("mem_used", res.memory().used());
        o.put("mem_limit", res.memory().highWatermark());
        o.put("mem_alarm", m.broker().alarms().isActive(ResourceAlarm.MEMORY));
        o.put("mem_calculation_strategy", "java_heap");
        o.put("disk_free", res.disk().free());
        o.put("disk_free_limit", res.disk().freeLimit());
        o.put("disk_free_alarm", m.broker().alarms().isActive(ResourceAlarm.DISK));
        long fdTotal = -1;
        long fdUsed = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            fdTotal = unix.getMaxFileDescriptorCount();
            fdUsed = unix.getOpenFileDescriptorCount();
        }
        o.put("fd_total", fdTotal);
        o.put("fd_used", fdUsed);
        // RabbitMQ's file handle cache reports its socket limit here, as Warren's accept gate has it.
        o.put("sockets_total", m.broker().socketLimit());
        o.put("sockets_used", m.broker().socketsOpen());
        o.put("proc_total", 0);
        o.put("proc_used", ManagementFactory.getThreadMXBean().getThreadCount());
        o.put("run_queue", 0);
        ov.churnRates().forEach((field, value) -> Stats.counter(o, field, value, ov.rates(), Stats.Kind.MESSAGES, req));
        o.put("rates_mode", "basic");
        o.set("exchange_types", exchangeTypes());
        o.set("auth_mechanisms", authMechanisms());
        o.putArray("applications").addObject().put("name", "warren").put("description", "Warren message broker")
                .put("version", ServerProperties.RABBITMQ_COMPATIBLE_VERSION);
        o.set("contexts", contexts(false));
        o.putArray("log_files").add("<stdout>");
        o.putArray("config_files");
        o.put("db_dir", m.broker().settings().dataDir().toString());
        o.putArray("enabled_plugins").add("rabbitmq_management").add("rabbitmq_prometheus");
        o.put("net_ticktime", 60);
        o.putArray("partitions");
        o.putArray("cluster_links");
        return o;
    }

    /**
     * As RabbitMQ lists them: AMQPLAIN and PLAIN, and EXTERNAL where rabbitmq_auth_mechanism_ssl
     * would be enabled (when it is configured), each enabled when configured.
     */
    private ArrayNode authMechanisms() {
        List<AuthMechanism> configured = m.broker().settings().login().mechanisms();
        ArrayNode auth = Json.MAPPER.createArrayNode();
        for (AuthMechanism a : AuthMechanism.values()) {
            if (a != AuthMechanism.EXTERNAL || configured.contains(a)) {
                auth.addObject().put("name", a.name()).put("description", a.description())
                        .put("enabled", configured.contains(a));
            }
        }
        return auth;
    }
}
