package io.warren.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyPatternTest {

    @Test
    void anExactPatternMatchesOnlyItsKey() {
        KeyPattern pattern = KeyPattern.of("num_acceptors.tcp");

        assertTrue(pattern.matches(List.of("num_acceptors", "tcp")));
        assertFalse(pattern.matches(List.of("num_acceptors")));
        assertFalse(pattern.matches(List.of("num_acceptors", "tcp", "x")));
        assertTrue(pattern.isExact());
    }

    @Test
    void aStarMatchesExactlyOneSegment() {
        KeyPattern pattern = KeyPattern.of("auth_backends.*.authn");

        assertTrue(pattern.matches(List.of("auth_backends", "1", "authn")));
        assertFalse(pattern.matches(List.of("auth_backends", "authn")));
        assertFalse(pattern.matches(List.of("auth_backends", "1", "2", "authn")));
        assertFalse(pattern.isExact());
    }

    @Test
    void aFinalDoubleStarMatchesOneOrMoreSegments() {
        KeyPattern pattern = KeyPattern.of("ssl_options.**");

        assertTrue(pattern.matches(List.of("ssl_options", "verify")));
        assertTrue(pattern.matches(List.of("ssl_options", "versions", "1")));
        assertFalse(pattern.matches(List.of("ssl_options")));
        assertFalse(pattern.matches(List.of("tcp_listen_options", "backlog")));
    }

    @Test
    void suggestsTheClosestKnownKeys() {
        List<String> known = List.of("listeners.tcp.default", "heartbeat", "frame_max", "channel_max");

        assertEquals(List.of("listeners.tcp.default"), KeySuggestions.closeTo("listners.tcp.default", known));
        assertEquals(List.of("heartbeat"), KeySuggestions.closeTo("heartbeet", known));
        assertEquals(List.of(), KeySuggestions.closeTo("something_else_entirely", known));
        assertEquals(3, KeySuggestions.editDistance("kitten", "sitting"));
    }
}
