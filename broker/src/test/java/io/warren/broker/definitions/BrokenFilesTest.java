package io.warren.broker.definitions;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broken documents are refused whole, with every problem named by entry and field. */
class BrokenFilesTest {
    @Test
    void everyBrokenEntryIsReportedTogether() {
        DefinitionsException e = refused("broken-entries.json");
        assertEquals(List.of(
                "users[0] (name 'ann'): field 'hashing_algorithm': unknown hashing algorithm \"rabbit_password_hashing_bcrypt\";"
                        + " known: rabbit_password_hashing_sha256, rabbit_password_hashing_sha512, rabbit_password_hashing_md5,"
                        + " warren_password_hashing_pbkdf2_sha256",
                "users[1] (name 'ben'): field 'password_hash': not base64: \"not*base64!\"",
                "users[2] (name 'cy'): field 'tags': expected a list of strings, got 7",
                "users[2] (name 'cy'): field 'password_hash': a rabbit_password_hashing_sha256 hash decodes to 36 bytes"
                        + " (4 of salt and the digest), got 20",
                "permissions[1] (user 'ann', vhost '/'): field 'configure': invalid regular expression \"(\": Unclosed group",
                "parameters[0] (vhost '/', component 'operator_policy', name 'caps'): field 'value.pattern': missing",
                "policies[0] (vhost '/', name 'p1'): field 'apply-to': expected one of all, queues, exchanges,"
                        + " classic_queues, quorum_queues, streams, got \"everything\"",
                "policies[0] (vhost '/', name 'p1'): field 'priority': expected an integer, got \"high\"",
                "queues[0] (vhost '/', name 'orders'): field 'durable': expected a boolean, got \"yes\"",
                "queues[1] (vhost '/'): field 'name': missing",
                "queues[2] (vhost '/', name 'ttl'): field 'arguments': invalid arg 'x-message-ttl' for queue 'ttl'"
                        + " in vhost '/': {value_negative,-1}",
                "queues[4] (vhost '/', name 'nulls'): field 'arguments.x-dead-letter-exchange': null is not allowed in arguments",
                "exchanges[0] (vhost '/', name 'delayed'): field 'type': exchange type \"x-delayed-message\" comes from"
                        + " a RabbitMQ plugin, which Warren does not have",
                "exchanges[1] (vhost '/', name 'odd'): field 'type': unknown exchange type \"fanciful\";"
                        + " known: direct, fanout, topic, headers",
                "bindings[0] (vhost '/', source 'amq.topic', destination 'orders'): field 'destination_type':"
                        + " expected \"queue\" or \"exchange\", got \"topic\"",
                "queues[3] (vhost '/', name 'ttl'): defined again; first at queues[2]",
                "permissions[0] (user 'ghost', vhost 'nowhere'): field 'user': no user 'ghost' in the file or the broker",
                "permissions[0] (user 'ghost', vhost 'nowhere'): field 'vhost': no vhost 'nowhere' in the file or the broker"),
                e.problems().stream().map(DefinitionProblem::toString).toList());
        assertTrue(e.getMessage().startsWith("18 problems in definitions:\n- users[0] (name 'ann'): "), e.getMessage());
    }

    @Test
    void invalidJsonNamesWhereItBreaks() {
        DefinitionsException e = refused("broken-syntax.json");
        assertEquals(1, e.problems().size());
        DefinitionProblem p = e.problems().get(0);
        assertEquals("document", p.entry());
        assertTrue(p.message().startsWith("not valid JSON: ") && p.message().contains("at line 5"), p.message());
    }

    @Test
    void sectionsAndEntriesOfTheWrongShape() {
        assertEquals(List.of(
                "document: field 'users': expected an array, got OBJECT",
                "queues[0]: expected an object, got 42"),
                refused("broken-sections.json").problems().stream().map(DefinitionProblem::toString).toList());
    }

    @Test
    void aDocumentThatIsNotAnObject() {
        DefinitionsException e = assertThrows(DefinitionsException.class,
                () -> new DefinitionsReader(ExistingObjects.NONE).read("[1, 2]".getBytes()));
        assertEquals("1 problem in definitions:\n- document: expected a JSON object, got ARRAY", e.getMessage());
    }

    @Test
    void perVhostImportIntoAMissingVhost() {
        DefinitionsException e = assertThrows(DefinitionsException.class,
                () -> new DefinitionsReader(ExistingObjects.NONE)
                        .readForVhost(Fixtures.bytes("rabbitmq-3.10.8-vhost.json"), "absent"));
        assertEquals(List.of("document: vhost 'absent' does not exist"),
                e.problems().stream().map(DefinitionProblem::toString).toList());
    }

    private static DefinitionsException refused(String fixture) {
        byte[] json = Fixtures.bytes(fixture);
        return assertThrows(DefinitionsException.class, () -> new DefinitionsReader(ExistingObjects.NONE).read(json));
    }
}
