package io.warren.tests.management.admin;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.warren.tests.management.admin.Http.seg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/policies, /api/operator-policies, /api/parameters and /api/global-parameters. */
class PoliciesAndParametersApiTest {
    @RegisterExtension
    static final TestBroker broker = new TestBroker();

    private final Http admin = Http.guest(broker);
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
            assertEquals(201, admin.put("/api/policies/" + seg(v) + "/cap",
                    "{\"pattern\":\"^" + queue + "$\",\"definition\":{\"max-length\":1},\"apply-to\":\"queues\"}")
                    .status());
            ch.confirmSelect();
            for (int i = 0; i < 3; i++) {
                ch.basicPublish("", queue, null, new byte[] {(byte) i});
            }
            ch.waitForConfirmsOrDie(5000);
            assertEquals(1, ch.queueDeclarePassive(queue).getMessageCount());
        }
        var shown = admin.get("/api/policies/" + seg(v) + "/cap").json();
        assertEquals("queues", shown.get("apply-to").asText());
        assertEquals(1, shown.get("definition").get("max-length").asInt());
        assertEquals(0, shown.get("priority").asInt());
        assertEquals(204, admin.put("/api/policies/" + seg(v) + "/cap",
                "{\"pattern\":\"^x$\",\"definition\":{\"max-length\":2}}").status());
        assertEquals(1, admin.get("/api/policies/" + seg(v)).json().size());
        assertEquals(204, admin.delete("/api/policies/" + seg(v) + "/cap").status());
        assertEquals(404, admin.get("/api/policies/" + seg(v) + "/cap").status());
        assertEquals(404, admin.delete("/api/policies/" + seg(v) + "/cap").status());
    }

    @Test
    void invalidPoliciesAreRefusedWithRabbitMqsBodies() {
        String v = scratch.vhost();
        String path = "/api/policies/" + seg(v) + "/bad";
        Http.Response badValue = admin.put(path, "{\"pattern\":\".*\",\"definition\":{\"max-length\":\"x\"}}");
        assertEquals(400, badValue.status());
        assertEquals("bad_request", badValue.json().get("error").asText());
        String reason = badValue.json().get("reason").asText();
        assertTrue(reason.startsWith("Validation failed\n\n") && reason.endsWith("\n"), reason);
        assertTrue(reason.contains("is not a valid maximum length"), reason);

        Http.Response noDefinition = admin.put(path, "{\"pattern\":\".*\"}");
        assertEquals("[{key_missing,definition}]", noDefinition.json().get("reason").asText());
        Http.Response noVhost = admin.put("/api/policies/" + seg(Names.unique("novh")) + "/p",
                "{\"pattern\":\".*\",\"definition\":{\"max-length\":1}}");
        assertEquals(404, noVhost.status());
        assertEquals("vhost_not_found", noVhost.json().get("reason").asText());
    }

    @Test
    void policymakersChangePoliciesInTheirVhostsAndManagementUsersMayNot() {
        String v = scratch.vhost();
        Http policymaker = new Http(broker, scratch.user("policymaker", v), "pw");
        Http management = new Http(broker, scratch.user("management", v), "pw");
        String body = "{\"pattern\":\"^none$\",\"definition\":{\"max-length\":1}}";
        assertEquals(201, policymaker.put("/api/policies/" + seg(v) + "/p", body).status());
        Http.Response refused = management.put("/api/policies/" + seg(v) + "/p", body);
        assertEquals(401, refused.status());
        assertEquals("User not authorised to access object", refused.json().get("reason").asText());
        assertEquals(1, management.get("/api/policies/" + seg(v)).json().size());
        Http.Response operator = policymaker.put("/api/operator-policies/" + seg(v) + "/op", body);
        assertEquals(401, operator.status());
        assertEquals("Not administrator user", operator.json().get("reason").asText());
    }

    @Test
    void operatorPoliciesTakeOnlyOperatorKeys() {
        String v = scratch.vhost();
        String path = "/api/operator-policies/" + seg(v) + "/op";
        assertEquals(201, admin.put(path, "{\"pattern\":\"^none$\",\"definition\":{\"max-length\":1}}").status());
        assertEquals(1, admin.get("/api/operator-policies/" + seg(v)).json().size());
        Http.Response dlx = admin.put(path, "{\"pattern\":\"a\",\"definition\":{\"dead-letter-exchange\":\"x\"}}");
        assertEquals(400, dlx.status());
        assertTrue(dlx.json().get("reason").asText().startsWith("Validation failed\n\n"));
        assertEquals(204, admin.delete(path).status());
    }

    @Test
    void globalParametersAreSetReadAndCleared() {
        String name = Names.unique("admin-global");
        String path = "/api/global-parameters/" + seg(name);
        try {
            assertEquals(201, admin.put(path, "{\"value\":{\"a\":1}}").status());
            assertEquals(204, admin.put(path, "{\"value\":{\"a\":2}}").status());
            var shown = admin.get(path).json();
            assertEquals(name, shown.get("name").asText());
            assertEquals(2, shown.get("value").get("a").asInt());
            assertEquals("[{key_missing,value}]", admin.put(path, "{}").json().get("reason").asText());
        } finally {
            assertEquals(204, admin.delete(path).status());
        }
        assertEquals(404, admin.get(path).status());
    }

    @Test
    void parametersOfAnUnknownComponentAreRefused() {
        String v = scratch.vhost();
        Http.Response r = admin.put("/api/parameters/warren-no-such-component/" + seg(v) + "/x",
                "{\"value\":{\"a\":1}}");
        assertEquals(400, r.status());
        assertEquals("Validation failed\n\ncomponent warren-no-such-component not found\n",
                r.json().get("reason").asText());
        assertEquals(0, admin.get("/api/parameters/warren-no-such-component").json().size());
        Http.Response management = new Http(broker, scratch.user("management", v), "pw").get("/api/parameters");
        assertEquals(401, management.status());
        assertEquals("User not authorised to access object", management.json().get("reason").asText());
    }
}
