package io.warren.broker.definitions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing gives RabbitMQ's bytes, and write → read → write changes nothing. */
class RoundTripTest {
    private static final DefinitionsReader READER = new DefinitionsReader(ExistingObjects.NONE);

    @Test
    void aRabbitMqExportIsWrittenBackByteForByte() {
        byte[] export = Fixtures.bytes("rabbitmq-3.10.8.json");
        byte[] written = DefinitionsWriter.write(READER.read(export), DefinitionsFormat.RABBITMQ_3);
        assertEquals(new String(export, StandardCharsets.UTF_8), new String(written, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({
        "rabbitmq-3.10.8.json, RABBITMQ_3", "rabbitmq-3.10.8.json, RABBITMQ_4",
        "rabbitmq-4.x.json, RABBITMQ_3", "rabbitmq-4.x.json, RABBITMQ_4",
        "rabbitmq-3.5-legacy.json, RABBITMQ_3", "rabbitmq-3.5-legacy.json, RABBITMQ_4"})
    void writeReadWriteIsIdentical(String fixture, DefinitionsFormat format) {
        byte[] first = DefinitionsWriter.write(Fixtures.read(fixture), format);
        Definitions reread = READER.read(first);
        byte[] second = DefinitionsWriter.write(reread, format);
        assertEquals(new String(first, StandardCharsets.UTF_8), new String(second, StandardCharsets.UTF_8));
    }

    @Test
    void theModelSurvivesTheRoundTripInItsOwnFormat() {
        Definitions original = Fixtures.read("rabbitmq-4.x.json");
        Definitions reread = READER.read(DefinitionsWriter.write(original, DefinitionsFormat.RABBITMQ_4));
        assertEquals(original.users(), reread.users());
        assertEquals(original.permissions(), reread.permissions());
        assertEquals(original.parameters(), reread.parameters());
        assertEquals(original.policies(), reread.policies());
        assertEquals(original.queues(), reread.queues());
        assertEquals(original.exchanges(), reread.exchanges());
        assertEquals(original.bindings(), reread.bindings());
        assertEquals(original.vhosts().get(1), reread.vhosts().get(1));
    }

    @Test
    void perVhostDocumentsRoundTripWithVhostKeysOnlyOnParametersAndPolicies() {
        Definitions whole = Fixtures.read("rabbitmq-3.10.8.json");
        byte[] first = DefinitionsWriter.writeForVhost(whole, "wdefs-vh", DefinitionsFormat.RABBITMQ_3);
        String text = new String(first, StandardCharsets.UTF_8);
        // As RabbitMQ 3.x writes them: parameters and policies keep their vhost, the topology does not.
        String topology = text.substring(text.indexOf("\"queues\":["));
        assertEquals(-1, topology.indexOf("\"vhost\""), text);
        assertTrue(text.substring(0, text.indexOf("\"queues\":[")).contains("\"vhost\":\"wdefs-vh\""), text);
        Definitions vh = new DefinitionsReader(Fixtures.vhosts("wdefs-vh")).readForVhost(first, "wdefs-vh");
        assertEquals(whole.queues(), vh.queues());
        assertEquals(whole.bindings(), vh.bindings());
        assertEquals(whole.parameters(), vh.parameters());
        byte[] second = DefinitionsWriter.writeForVhost(vh, "wdefs-vh", DefinitionsFormat.RABBITMQ_3);
        assertEquals(text, new String(second, StandardCharsets.UTF_8));
    }
}
