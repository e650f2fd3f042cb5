package io.warren.tests.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * What any management response shows, with Warren's default settings: the security headers on
 * every kind of response (API, web UI files, errors of every layer), error bodies in RabbitMQ's
 * {@code {"error", "reason"}} shape without Java text, and odd paths (directories, traversal,
 * bad percent-encoding, oversized request lines and headers) answered 404, 400, 414 or 431,
 * never with a file from outside the UI.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ManagementResponsesTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a Java exception's text looks like: class names, helpful-NPE text, stack frames. */
    private static final Pattern JAVA_TEXT = Pattern.compile(
            "java\\.|javax\\.|Exception|com\\.fasterxml|io\\.warren|io\\.netty|Cannot invoke|because \"|\\tat |\\.java:"
                    + "|Illegal base64|For input string|Unrecognized token|Unexpected character");

    private static int port;
    private static String chartJs;

    @BeforeAll
    static void setUp() throws IOException {
        assumeFalse(broker.isExternal(), "Warren's own headers and web UI");
        port = Integer.parseInt(broker.managementUri().substring(broker.managementUri().lastIndexOf(':') + 1));
        Matcher script = Pattern.compile("src=\"(webjars/[^\"]+)\"").matcher(get("/", false).body());
        assertTrue(script.find(), "index.html loads Chart.js from its WebJar");
        chartJs = "/" + script.group(1);
    }

    private static RawHttp.Response get(String rawPath, boolean authenticated) throws IOException {
        return request("GET", rawPath, authenticated, null);
    }

    private static RawHttp.Response request(String method, String rawPath, boolean authenticated, String body)
            throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            http.send(method + " " + rawPath + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + (authenticated ? "Authorization: " + RawHttp.GUEST + "\r\n" : "")
                    + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: "
                    + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n")
                    + "\r\n" + (body == null ? "" : body));
            return http.read();
        }
    }

    private static void assertSecurityHeaders(String what, RawHttp.Response r) {
        assertEquals("nosniff", r.header("x-content-type-options"), what);
        assertEquals("SAMEORIGIN", r.header("x-frame-options"), what);
        String csp = r.header("content-security-policy");
        assertTrue(csp != null && csp.contains("script-src 'self';") && csp.contains("frame-ancestors 'self'")
                && !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), what + ": " + csp);
        assertNull(r.header("strict-transport-security"), what + ": HSTS only over HTTPS");
    }

    /** An error body is a JSON object with the two text fields and no Java in it. */
    private static void assertRabbitMqError(String what, RawHttp.Response r) throws IOException {
        assertTrue(r.header("content-type").startsWith("application/json"), what + ": " + r.header("content-type"));
        JsonNode body = JSON.readTree(r.body());
        assertTrue(body.isObject() && body.path("error").isTextual() && body.path("reason").isTextual(),
                what + ": " + r.body());
        assertFalse(JAVA_TEXT.matcher(r.body()).find(), what + " shows Java text: " + r.body());
    }

    @Test
    void everyKindOfResponseCarriesTheSecurityHeaders() throws IOException {
        assertSecurityHeaders("API answer", get("/api/overview", true));
        assertSecurityHeaders("no credentials", get("/api/overview", false));
        assertSecurityHeaders("API error", get("/api/no-such-endpoint", true));
        assertSecurityHeaders("index.html", get("/", false));
        assertSecurityHeaders("a UI script", get("/js/app.js", false));
        assertSecurityHeaders("a UI stylesheet", get("/css/warren.css", false));
        assertSecurityHeaders("the Chart.js WebJar", get(chartJs, false));
        assertSecurityHeaders("a missing file", get("/js", false));
        assertSecurityHeaders("a bad path", get("/..%2f", false));
        assertSecurityHeaders("a bad body", request("PUT", "/api/vhosts/x", true, "{not json"));
        assertSecurityHeaders("a line too long", get("/" + "a".repeat(10_000), false));
    }

    @Test
    void theWebUiIsServedWithItsTypes() throws IOException {
        RawHttp.Response index = get("/", false);
        assertEquals(200, index.status());
        assertTrue(index.header("content-type").startsWith("text/html"), index.header("content-type"));
        assertEquals(200, get("/index.html", false).status());
        RawHttp.Response script = get("/js/app.js", false);
        assertEquals(200, script.status());
        assertTrue(script.header("content-type").startsWith("text/javascript"));
        assertEquals(200, get(chartJs, false).status());
        assertEquals(200, get("/js/app%2Ejs", false).status(), "an encoded '.' is still a plain name");
    }

    @Test
    void directoriesAndOddPathsAreNotFoundAndClimbingPathsBadRequests() throws IOException {
        List<String> failures = new ArrayList<>();
        String[][] cases = {
                {"/js", "404"}, {"/js/", "404"}, {"/css", "404"}, {"/js/pages", "404"}, {"//", "404"},
                {"/webjars", "404"}, {"/webjars/", "404"}, {"/webjars/chart.js", "404"},
                {"/js//app.js", "404"}, {"/no-such-file.js", "404"}, {"/META-INF/MANIFEST.MF", "404"},
                {"/warren/www/index.html", "404"}, {"/io/warren/management/http/StaticFiles.class", "404"},
                {"/logback.xml", "404"},
                {"/..%2f", "400"}, {"/js/..%2f..%2fetc%2fpasswd", "400"}, {"/%2e%2e/%2e%2e/etc/passwd", "400"},
                {"/js/../index.html", "400"}, {"/js/%2e%2e/index.html", "400"}, {"/webjars/../../logback.xml", "400"},
                {"/js/..%5capp.js", "400"}, {"/js/app.js%00.png", "400"}, {"/js/%zz", "400"}, {"/js/%e", "400"},
                {"/js/%", "400"}, {"/%c0%ae%c0%ae/etc/passwd", "404"},
                {"/api/queues/%zz", "401"}, {"/" + "a/".repeat(2000), "404"},
        };
        for (String[] c : cases) {
            RawHttp.Response r = get(c[0], false);
            if (r.status() != Integer.parseInt(c[1])) {
                failures.add(c[0] + " -> " + r.status() + " " + r.body());
                continue;
            }
            if (r.status() != 401) {
                assertRabbitMqError(c[0], r);
            }
            assertSecurityHeaders(c[0], r);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void oversizedRequestLinesAndHeadersAre414And431AndClose() throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /api/queues?name=" + "q".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            RawHttp.Response r = http.read();
            assertEquals(414, r.status());
            assertRabbitMqError("414", r);
            assertTrue(http.closedByServer());
        }
        try (RawHttp http = new RawHttp(port)) {
            http.send("GET /api/overview HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + RawHttp.GUEST
                    + "\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");
            RawHttp.Response r = http.read();
            assertEquals(431, r.status(), "headers too large are refused, even with good credentials");
            assertRabbitMqError("431", r);
            assertTrue(http.closedByServer());
        }
        try (RawHttp http = new RawHttp(port)) {
            http.send("THIS IS NOT HTTP\r\n\r\n");
            RawHttp.Response r = http.read();
            assertEquals(400, r.status());
            assertRabbitMqError("garbage", r);
        }
    }

    @Test
    void badRequestsGetRabbitMqErrorBodiesWithoutJavaText() throws IOException {
        String[][] cases = {
                {"PUT", "/api/vhosts/bad", "{not json"},
                {"PUT", "/api/vhosts/bad", "[1,2"},
                {"PUT", "/api/vhosts/bad", "\"just a string\""},
                {"PUT", "/api/queues/%2F/bad", "{\"durable\":\"yes\"}"},
                {"PUT", "/api/queues/%2F/bad", "{\"arguments\":5}"},
                {"PUT", "/api/queues/%2F/bad", "{\"arguments\":{\"x-max-length\":\"abc\"}}"},
                {"PUT", "/api/queues/%2F/bad", "{\"arguments\":{\"x-max-length\":1e400}}"},
                {"PUT", "/api/exchanges/%2F/bad", "{\"type\":5}"},
                {"PUT", "/api/exchanges/%2F/bad", "{\"type\":\"direct\",\"durable\":{}}"},
                {"POST", "/api/exchanges/%2F/amq.direct/publish", "{\"routing_key\":5,\"payload\":7}"},
                {"POST", "/api/exchanges/%2F/amq.direct/publish",
                        "{\"routing_key\":\"a\",\"payload\":\"x\",\"payload_encoding\":\"base64\",\"properties\":{}}"},
                {"POST", "/api/exchanges/%2F/amq.direct/publish",
                        "{\"routing_key\":\"a\",\"payload\":\"x\",\"payload_encoding\":\"string\",\"properties\":{\"delivery_mode\":\"x\",\"headers\":5}}"},
                {"POST", "/api/queues/%2F/no-such-queue/get", "{\"count\":\"x\",\"ackmode\":5,\"encoding\":7}"},
                {"PUT", "/api/users/bad-user", "{\"password_hash\":5}"},
                {"PUT", "/api/users/bad-user", "{\"password_hash\":\"!!!!\",\"tags\":\"\"}"},
                {"PUT", "/api/permissions/%2F/guest", "{\"configure\":\"(\",\"write\":\".*\",\"read\":\".*\"}"},
                {"PUT", "/api/policies/%2F/bad", "{\"pattern\":5,\"definition\":\"x\",\"priority\":\"y\"}"},
                {"PUT", "/api/policies/%2F/bad", "{\"pattern\":\"(\",\"definition\":{\"max-length\":{}}}"},
                {"PUT", "/api/vhost-limits/%2F/max-connections", "{\"value\":\"x\"}"},
                {"POST", "/api/definitions", "{\"queues\":5}"},
                {"POST", "/api/definitions", "{\"queues\":[{\"name\":5}]}"},
                {"POST", "/api/definitions", "{\"users\":[{\"name\":\"x\",\"password_hash\":5,\"tags\":5}]}"},
                {"GET", "/api/queues/%zz", null},
                {"GET", "/api/queues/%2F/%E0%A4%A", null},
                {"GET", "/api/queues?columns=%zz", null},
                {"GET", "/api/queues?page=abc", null},
                {"GET", "/api/queues?page=1&page_size=-1", null},
                {"GET", "/api/no-such-endpoint", null},
        };
        List<String> failures = new ArrayList<>();
        for (String[] c : cases) {
            String what = c[0] + " " + c[1] + (c[2] == null ? "" : " " + c[2]);
            RawHttp.Response r = request(c[0], c[1], true, c[2]);
            if (r.status() < 400 || r.status() >= 500) {
                failures.add(what + " -> " + r.status() + " " + r.body());
                continue;
            }
            assertRabbitMqError(what, r);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
