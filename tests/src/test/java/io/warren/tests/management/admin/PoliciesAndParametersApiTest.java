package io.warren.tests.management.admin;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.tests.connection.Names;
import io.warren.tests.management.Api;
import io.warren.tests.management.ApiResponse;
import io.warren.tests.management.ManagementTarget;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.warren.tests.management.Api.segment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/policies, /api/operator-policies, /api/parameters and /api/global-parameters. */
class PoliciesAndParametersApiTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private final Api admin = ManagementTarget.of(broker).api();
    private final Scratch scratch = new Scratch(admin);

    @AfterEach
    void cleanUp() {
        scratch.close();
    }

    @Test
    void policyIsInEffectOnceThePutHasAnswered() throws Exception {
        String v = scratch.vhost();
        String queue = Names.unique("capped");
        ConnectionFactory f = broker.factory();
        f.setVirtualHost(v);
        try (Connection c = f.newConnection(); Channel ch = c.createChannel()) {
            ch.queueDeclare(queue, false, false, false, null);
            assertEquals(201, admin.send("PUT", "/api/policies/" + segment(v) + "/cap",
                    "{\"pattern\":\"^" + queue + "$\",\"definition\":{\"max-length\":1},\"apply-to\":\"queues\"}")
                    .status());
            ch.confirmSelect();
            for (int i = 0; i < 3; i++) {
                ch.basicPublish("", queue, null, new byte[] {(byte) i});
            }
            ch.waitForConfirmsOrDie(5000);
            assertEquals(1, ch.queueDeclarePassive(queue).getMessageCount());
        }
        var shown = admin.get("/api/policies/" + segment(v) + "/cap").json();
        assertEquals("queues", shown.get("apply-to").asText());
        assertEquals(1, shown.get("definition").get("max-length").asInt());
        assertEquals(0, shown.get("priority").asInt());
        assertEquals(204, admin.send("PUT", "/api/policies/" + segment(v) + "/cap",
                "{\"pattern\":\"^x$\",\"definition\":{\"max-length\":2}}").status());
        assertEquals(1, admin.get("/api/policies/" + segment(v)).json().size());
        assertEquals(204, admin.delete("/api/policies/" + segment(v) + "/cap").status());
        assertEquals(404, admin.get("/api/policies/" + segment(v) + "/cap").status());
        assertEquals(404, admin.delete("/api/policies/" + segment(v) + "/cap").status());
    }

    @Test
    void invalidPoliciesAreRefusedWithRabbitMqsBodies() {
        String v = scratch.vhost();
        String path = "/api/policies/" + segment(v) + "/bad";
        ApiResponse badValue = admin.send("PUT", path, "{\"pattern\":\".*\",\"definition\":{\"max-length\":\"x\"}}");
        assertEquals(400, badValue.status());
        assertEquals("bad_request", badValue.json().get("error").asText());
        String reason = badValue.json().get("reason").asText();
        assertTrue(reason.startsWith("Validation failed\n\n") && reason.endsWith("\n"), reason);
        assertTrue(reason.contains("is not a valid maximum length"), reason);

        ApiResponse noDefinition = admin.send("PUT", path, "{\"pattern\":\".*\"}");
        assertEquals("[{key_missing,definition}]", noDefinition.json().get("reason").asText());
        ApiResponse noVhost = admin.send("PUT", "/api/policies/" + segment(Names.unique("novh")) + "/p",
                "{\"pattern\":\".*\",\"definition\":{\"max-length\":1}}");
        assertEquals(404, noVhost.status());
        assertEquals("vhost_not_found", noVhost.json().get("reason").asText());
    }

    @Test
    void policymakersChangePoliciesInTheirVhostsAndManagementUsersMayNot() {
        String v = scratch.vhost();
        Api policymaker = admin.as(scratch.user("policymaker", v), "pw");
        Api management = admin.as(scratch.user("management", v), "pw");
        String body = "{\"pattern\":\"^none$\",\"definition\":{\"max-length\":1}}";
        assertEquals(201, policymaker.send("PUT", "/api/policies/" + segment(v) + "/p", body).status());
        ApiResponse refused = management.send("PUT", "/api/policies/" + segment(v) + "/p", body);
        assertEquals(401, refused.status());
        assertEquals("User not authorised to access object", refused.json().get("reason").asText());
        assertEquals(1, management.get("/api/policies/" + segment(v)).json().size());
        ApiResponse operator = policymaker.send("PUT", "/api/operator-policies/" + segment(v) + "/op", body);
        assertEquals(401, operator.status());
        assertEquals("Not administrator user", operator.json().get("reason").asText());
    }

    @Test
    void operatorPoliciesTakeOnlyOperatorKeys() {
        String v = scratch.vhost();
        String path = "/api/operator-policies/" + segment(v) + "/op";
        assertEquals(201, admin.send("PUT", path,
                "{\"pattern\":\"^none$\",\"definition\":{\"max-length\":1}}").status());
        assertEquals(1, admin.get("/api/operator-policies/" + segment(v)).json().size());
        ApiResponse dlx = admin.send("PUT", path,
                "{\"pattern\":\"a\",\"definition\":{\"dead-letter-exchange\":\"x\"}}");
        assertEquals(400, dlx.status());
        assertTrue(dlx.json().get("reason").asText().startsWith("Validation failed\n\n"));
        assertEquals(204, admin.delete(path).status());
    }

    @Test
    void globalParametersAreSetReadAndCleared() {
        String name = Names.unique("admin-global");
        String path = "/api/global-parameters/" + segment(name);
        try {
            assertEquals(201, admin.send("PUT", path, "{\"value\":{\"a\":1}}").status());
            assertEquals(204, admin.send("PUT", path, "{\"value\":{\"a\":2}}").status());
            var shown = admin.get(path).json();
            assertEquals(name, shown.get("name").asText());
            assertEquals(2, shown.get("value").get("a").asInt());
            assertEquals("[{key_missing,value}]", admin.send("PUT", path, "{}").json().get("reason").asText());
        } finally {
            assertEquals(204, admin.delete(path).status());
        }
        assertEquals(404, admin.get(path).status());
    }

    @Test
    void parametersOfAnUnknownComponentAreRefused() {
        String v = scratch.vhost();
        ApiResponse r = admin.send("PUT", "/api/parameters/warren-no-such-component/" + segment(v) + "/x",
                "{\"value\":{\"a\":1}}");
        assertEquals(400, r.status());
        assertEquals("Validation failed\n\ncomponent warren-no-such-component not found\n",
                r.json().get("reason").asText());
        assertEquals(0, admin.get("/api/parameters/warren-no-such-component").json().size());
        ApiResponse management = admin.as(scratch.user("management", v), "pw").get("/api/parameters");
        assertEquals(401, management.status());
        assertEquals("User not authorised to access object", management.json().get("reason").asText());
    }
}
