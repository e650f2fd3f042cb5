package io.warren.broker.definitions;

import io.warren.amqp.types.ByteArray;
import io.warren.amqp.types.LongStr;
import io.warren.amqp.types.Timestamp;
import io.warren.amqp.types.UnsignedInt;
import io.warren.dlx.policy.ApplyTo;
import io.warren.dlx.policy.Policy;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the writer makes of a snapshot of the broker, field-table values included. */
class DefinitionsWriterTest {
    @Test
    void fieldTableValuesAreWrittenAsRabbitMqShowsThem() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("z-int", 7);
        args.put("a-longstr", LongStr.of("dlx"));
        args.put("m-unsigned", UnsignedInt.valueOf(4000000000L));
        args.put("t-time", new Timestamp(1700000000L));
        args.put("d-decimal", new BigDecimal("1.25"));
        args.put("b-binary", ByteArray.wrap(new byte[] {(byte) 0xff, 0x00}));
        args.put("n-nested", Map.of("k", List.of(1L, "s", true)));
        QueueDefinition q = new QueueDefinition("/", "q", null, true, false, args);
        Definitions d = new Definitions(Definitions.header("Warren", "3.13.7"), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(q), List.of(), List.of());
        String json = new String(DefinitionsWriter.writeForVhost(d, "/", DefinitionsFormat.RABBITMQ_3),
                StandardCharsets.UTF_8);
        assertEquals("{\"rabbit_version\":\"3.13.7\",\"parameters\":[],\"policies\":[],\"queues\":[{\"name\":\"q\","
                + "\"durable\":true,\"auto_delete\":false,\"arguments\":{\"a-longstr\":\"dlx\","
                + "\"b-binary\":\"Not UTF-8, base64 is: /wA=\",\"d-decimal\":1.25,\"m-unsigned\":4000000000,"
                + "\"n-nested\":{\"k\":[1,\"s\",true]},\"t-time\":1700000000,\"z-int\":7}}],"
                + "\"exchanges\":[],\"bindings\":[]}", json);
    }

    @Test
    void operatorPoliciesTravelAsParameters() {
        Policy caps = new Policy("v", "caps", "^q", ApplyTo.QUEUES, 3, Map.of("max-length", 10L));
        ParameterDefinition parameter = PolicyValues.toOperatorPolicyParameter(caps);
        Definitions d = new Definitions(Map.of(), List.of(), List.of(VirtualHostDefinition.named("v")), List.of(),
                List.of(), List.of(parameter), List.of(), List.of(), List.of(), List.of(), List.of());
        String json = new String(DefinitionsWriter.write(d, DefinitionsFormat.RABBITMQ_3), StandardCharsets.UTF_8);
        assertEquals("{\"users\":[],\"vhosts\":[{\"name\":\"v\"}],\"permissions\":[],\"topic_permissions\":[],"
                + "\"parameters\":[{\"value\":{\"pattern\":\"^q\",\"definition\":{\"max-length\":10},\"priority\":3,"
                + "\"apply-to\":\"queues\"},\"vhost\":\"v\",\"component\":\"operator_policy\",\"name\":\"caps\"}],"
                + "\"global_parameters\":[],\"policies\":[],\"queues\":[],\"exchanges\":[],\"bindings\":[]}", json);
        Definitions reread = new DefinitionsReader(ExistingObjects.NONE).read(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(caps), reread.operatorPolicies());
    }

    @Test
    void fourXVhostsCarryMetadataAndLimits() {
        VirtualHostDefinition v = new VirtualHostDefinition("v", "Orders", List.of("eu"), "quorum",
                Map.of("protected_from_deletion", true), Map.of("max-queues", 5L));
        Definitions d = new Definitions(Map.of(), List.of(), List.of(v), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of());
        String json = new String(DefinitionsWriter.write(d, DefinitionsFormat.RABBITMQ_4), StandardCharsets.UTF_8);
        assertEquals("{\"users\":[],\"vhosts\":[{\"name\":\"v\",\"description\":\"Orders\",\"metadata\":"
                + "{\"description\":\"Orders\",\"tags\":[\"eu\"],\"default_queue_type\":\"quorum\","
                + "\"protected_from_deletion\":true},\"tags\":[\"eu\"],\"default_queue_type\":\"quorum\","
                + "\"limits\":{\"max-queues\":5}}],\"permissions\":[],\"topic_permissions\":[],\"parameters\":[],"
                + "\"global_parameters\":[],\"policies\":[],\"queues\":[],\"exchanges\":[],\"bindings\":[]}", json);
        assertEquals(List.of(v), new DefinitionsReader(ExistingObjects.NONE)
                .read(json.getBytes(StandardCharsets.UTF_8)).vhosts());
    }
}
