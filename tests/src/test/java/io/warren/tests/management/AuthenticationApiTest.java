package io.warren.tests.management;

import io.warren.tests.support.TestBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.warren.tests.management.ApiAssertions.assertSameError;
import static io.warren.tests.management.Json.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Who may call what. RabbitMQ 3.10 answers both a failed login and a missing tag with 401:
 * {@code not_authorized} ("Login failed") for the former, {@code not_authorised} (British
 * spelling, with the reason naming the tag needed) for the latter.
 */
@Tag("management")
@ExtendWith(TestBroker.class)
class AuthenticationApiTest {
    private static ManagementRig rig;
    private static Api api;

    @BeforeAll
    static void setUp(TestBroker broker) {
        rig = ManagementRig.open(broker);
        api = rig.api();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void withoutCredentialsTheAnswerIsABareChallenge() {
        ApiResponse answer = api.anonymous().get("/api/overview");
        assertSameError(Fixture.load("errors/no-credentials"), answer, rig.vhost());
        assertEquals("Basic realm=\"RabbitMQ Management\"", answer.header("www-authenticate").orElse(null));
    }

    @Test
    void wrongPasswordsAndUnknownUsersFailToLogIn() {
        assertSameError(Fixture.load("errors/wrong-password"), api.as("guest", "wrong").get("/api/overview"), rig.vhost());
        assertSameError(Fixture.load("errors/unknown-user"), api.as("wt.mgmt-nobody", "x").get("/api/overview"), rig.vhost());
    }

    @Test
    void usersWithoutATagHaveNoManagementAccess() {
        Api untagged = rig.as("");
        assertSameError(Fixture.load("errors/no-tag-overview"), untagged.get("/api/overview"), rig.vhost());
        assertSameError(Fixture.load("errors/no-tag-whoami"), untagged.get("/api/whoami"), rig.vhost());
    }

    @Test
    void onlyAdministratorsExportDefinitionsOrListUsers() {
        assertSameError(Fixture.load("errors/management-definitions"), rig.as("management").get("/api/definitions"), rig.vhost());
        assertSameError(Fixture.load("errors/monitoring-definitions"), rig.as("monitoring").get("/api/definitions"), rig.vhost());
        assertSameError(Fixture.load("errors/policymaker-users"), rig.as("policymaker").get("/api/users"), rig.vhost());
    }

    @Test
    void managementUsersStayInTheirVhosts() {
        assertSameError(Fixture.load("errors/management-queue-put-other-vhost"),
                rig.as("management").put("/api/queues/%2F/wt.mgmt-never-made", object("durable", false)), rig.vhost());
    }
}
