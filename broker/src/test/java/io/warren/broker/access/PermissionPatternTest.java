package io.warren.broker.access;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Permission regexes match as RabbitMQ's re:run does (checked against RabbitMQ 3.10.8). */
class PermissionPatternTest {
    @Test
    void matchingIsAnUnanchoredSearch() {
        PermissionPattern p = PermissionPattern.compile("orders");
        assertTrue(p.matches("orders"));
        assertTrue(p.matches("eu.orders.new"));
        assertFalse(p.matches("order"));
    }

    @Test
    void theEmptyRegexMatchesOnlyTheEmptyName() {
        PermissionPattern p = PermissionPattern.compile("");
        assertTrue(p.matches(""));
        assertFalse(p.matches("amq.default"));
        assertFalse(p.matches("q"));
    }

    @Test
    void bracesThatAreNoQuantifierAreLiteralAsInPcre() {
        PermissionPattern p = PermissionPattern.compile("^{client_id}$|^a{2}$|^b{1,}$");
        assertTrue(p.matches("{client_id}"));
        assertTrue(p.matches("aa"));
        assertFalse(p.matches("a{2}"));
        assertTrue(p.matches("bbb"));
        assertEquals("x\\{y}", PermissionPattern.pcreBraces("x{y}"));
        assertEquals("x\\{1}", PermissionPattern.pcreBraces("x\\{1}"), "an escaped brace stays as it is");
    }

    @Test
    void anInvalidRegexIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PermissionPattern.compile("(unclosed"));
    }

    @Test
    void topicVariablesExpandUsernameAndVhostButNotClientId() {
        assertEquals("^alice\\.|^/prod|{client_id}",
                Permissions.expand("^{username}\\.|^{vhost}|{client_id}", "alice", "/prod"));
    }
}
