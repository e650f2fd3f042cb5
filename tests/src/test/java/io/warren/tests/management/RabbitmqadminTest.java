package io.warren.tests.management;

import com.fasterxml.jackson.databind.JsonNode;
import io.warren.tests.connection.Names;
import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * rabbitmqadmin 3.10.8 against the broker under test. What it needs from the API: list
 * commands send {@code columns=} (queues: name,messages; exchanges: name,type; bindings:
 * source,destination,routing_key; vhosts: name,messages; connections: name,user,channels; nodes:
 * name,type,mem_used) and read JSON arrays; {@code show overview} reads rabbitmq_version,
 * cluster_name, queue_totals.messages and object_totals.queues; declare uses PUT (POST for
 * bindings), get/publish POST; export/import GET/POST {@code /api/definitions/<vhost>}. It makes
 * no version check. Any 400 must carry a JSON {@code reason} (it prints it), 401 and 404 only a
 * status, and other errors above 400 make it print a Python traceback.
 */
@Tag("management")
@ExtendWith(TestBroker.class)
class RabbitmqadminTest {
    private static ManagementRig rig;
    private static Rabbitmqadmin admin;

    @BeforeAll
    static void setUp(TestBroker broker) {
        Optional<Path> script = Rabbitmqadmin.find();
        assumeTrue(script.isPresent(), "rabbitmqadmin is not installed");
        assumeTrue(Rabbitmqadmin.pythonAvailable(), "python3 is not installed");
        rig = ManagementRig.open(broker).withTopology();
        admin = new Rabbitmqadmin(script.get(), ManagementTarget.of(broker));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void listsTheObjectsOfAVhost() throws Exception {
        Rabbitmqadmin.Outcome queues = ok("-V", rig.vhost(), "-f", "tsv", "list", "queues", "name");
        assertEquals(List.of("name", "q.alpha", "q.beta", "q.consumed", "q.gamma"), queues.stdout().lines().toList());

        Rabbitmqadmin.Outcome exchanges = ok("-V", rig.vhost(), "-f", "tsv", "list", "exchanges");
        assertTrue(exchanges.stdout().lines().toList().containsAll(List.of("name\ttype", "orders\ttopic", "audit\tfanout")),
                exchanges::toString);

        Rabbitmqadmin.Outcome bindings = ok("-V", rig.vhost(), "-f", "tsv", "list", "bindings");
        assertTrue(bindings.stdout().lines().toList().containsAll(
                List.of("source\tdestination\trouting_key", "orders\tq.alpha\torder.*", "orders\taudit\t#")), bindings::toString);

        JsonNode vhosts = json(ok("-f", "raw_json", "list", "vhosts"));
        Json.item(vhosts, "name", rig.vhost());
        JsonNode users = json(ok("-f", "raw_json", "list", "users"));
        Json.item(users, "name", "guest");
        assertTrue(ok("-f", "raw_json", "list", "policies").stdout().startsWith("["));
    }

    @Test
    void showsTheOverviewColumnsItKnows() throws Exception {
        List<String> lines = ok("-f", "tsv", "show", "overview").stdout().lines().toList();
        assertEquals("rabbitmq_version\tcluster_name\tqueue_totals.messages\tobject_totals.queues", lines.get(0));
        assertEquals(2, lines.size(), lines::toString);
    }

    @Test
    void declaresPublishesGetsAndDeletes() throws Exception {
        String vh = rig.vhost();
        assertEquals("exchange declared", ok("-V", vh, "declare", "exchange", "name=adm.x", "type=direct").stdout().strip());
        assertEquals("queue declared", ok("-V", vh, "declare", "queue", "name=adm.q", "durable=true").stdout().strip());
        assertEquals("binding declared", ok("-V", vh, "declare", "binding", "source=adm.x", "destination=adm.q",
                "routing_key=k").stdout().strip());
        assertEquals("Message published", ok("-V", vh, "publish", "exchange=adm.x", "routing_key=k", "payload=hello")
                .stdout().strip());

        JsonNode got = json(ok("-V", vh, "-f", "raw_json", "get", "queue=adm.q", "ackmode=ack_requeue_false"));
        assertEquals("hello", got.get(0).get("payload").asText());
        assertEquals("adm.x", got.get(0).get("exchange").asText());

        assertEquals("policy declared", ok("-V", vh, "declare", "policy", "name=adm.p", "pattern=^adm\\.",
                "definition={\"max-length\":5}", "apply-to=queues").stdout().strip());
        assertEquals(5, rig.api().get(rig.path("policies", "adm.p")).json().get("definition").get("max-length").asInt());

        assertEquals("queue deleted", ok("-V", vh, "delete", "queue", "name=adm.q").stdout().strip());
        assertEquals("exchange deleted", ok("-V", vh, "delete", "exchange", "name=adm.x").stdout().strip());
        assertEquals("policy deleted", ok("-V", vh, "delete", "policy", "name=adm.p").stdout().strip());
        assertEquals(404, rig.api().get(rig.path("queues", "adm.q")).status());
    }

    @Test
    void declaresUsersVhostsAndPermissions() throws Exception {
        String user = Names.unique("mgmt-adm-user");
        String vhost = Names.unique("mgmt-adm-vh");
        try {
            assertEquals("vhost declared", ok("declare", "vhost", "name=" + vhost).stdout().strip());
            assertEquals("user declared", ok("declare", "user", "name=" + user, "password=pw", "tags=management")
                    .stdout().strip());
            assertEquals("permission declared", ok("declare", "permission", "vhost=" + vhost, "user=" + user,
                    "configure=.*", "write=.*", "read=^x").stdout().strip());
            assertEquals("^x", rig.api().get(Api.path("permissions", vhost, user)).json().get("read").asText());
        } finally {
            rig.api().delete(Api.path("users", user));
            rig.api().delete(Api.path("vhosts", vhost));
        }
    }

    @Test
    void reportsErrorsWithTheBrokersReason() throws Exception {
        Rabbitmqadmin.Outcome missing = admin.run("-V", rig.vhost(), "delete", "queue", "name=no-such-queue");
        assertEquals(1, missing.exitCode(), missing::toString);
        assertEquals("*** Not found: /api/queues/" + Api.segment(rig.vhost()) + "/no-such-queue", missing.stderr().strip());

        Rabbitmqadmin.Outcome inequivalent = admin.run("-V", rig.vhost(), "declare", "queue", "name=q.alpha", "durable=false");
        assertEquals(1, inequivalent.exitCode(), inequivalent::toString);
        assertEquals("*** inequivalent arg 'durable' for queue 'q.alpha' in vhost '" + rig.vhost()
                + "': received 'false' but current is 'true'", inequivalent.stderr().strip());
    }

    @Test
    void exportsAVhostAndImportsIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("definitions.json");
        Rabbitmqadmin.Outcome exported = ok("-V", rig.vhost(), "export", file.toString());
        assertTrue(exported.stdout().startsWith("Exported definitions for "), exported::toString);
        JsonNode definitions = Api.JSON.readTree(Files.readString(file));
        assertEquals(ManagementRig.QUEUES, Json.texts(definitions.get("queues"), "name").stream().sorted().toList());

        rig.api().delete(rig.path("queues", "q.gamma"));
        Rabbitmqadmin.Outcome imported = ok("-V", rig.vhost(), "import", file.toString());
        assertTrue(imported.stdout().startsWith("Uploaded definitions from "), imported::toString);
        assertEquals(200, rig.api().get(rig.path("queues", "q.gamma")).status());
    }

    private static Rabbitmqadmin.Outcome ok(String... args) throws Exception {
        Rabbitmqadmin.Outcome outcome = admin.run(args);
        assertEquals(0, outcome.exitCode(), outcome::toString);
        return outcome;
    }

    private static JsonNode json(Rabbitmqadmin.Outcome outcome) throws Exception {
        return Api.JSON.readTree(outcome.stdout());
    }
}
