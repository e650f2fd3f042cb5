package io.warren.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.warren.amqp.types.LongStr;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Keeps the generated code in step with the vendored spec JSON. */
class SpecConformanceTest {

    private static final SpecModel SPEC = SpecModel.SPEC;

    // connection.close and channel.close name the failing method's ids; classId()/methodId() are taken.
    private static final Map<String, String> RENAMED = Map.of("class-id", "failingClassId",
            "method-id", "failingMethodId");

    private static final Map<String, Type> JAVA_TYPES = Map.of(
            "bit", boolean.class,
            "octet", int.class,
            "short", int.class,
            "long", long.class,
            "longlong", long.class,
            "shortstr", String.class,
            "longstr", LongStr.class,
            "timestamp", long.class);

    @TestFactory
    Stream<DynamicTest> everyMethodRecordMatchesTheSpec() {
        return SPEC.methods.stream().map(m -> DynamicTest.dynamicTest(m.fullName(), () -> {
            Class<?> type = SampleMethods.recordClass(m);
            assertTrue(type.isRecord(), type + " is a record");
            assertTrue(AmqpMethod.class.isAssignableFrom(type), type + " implements AmqpMethod");

            RecordComponent[] components = type.getRecordComponents();
            assertEquals(m.fields().size(), components.length, "argument count");
            for (int i = 0; i < components.length; i++) {
                SpecModel.Field field = m.fields().get(i);
                String expectedName = RENAMED.getOrDefault(field.specName(), SpecModel.camel(field.specName()));
                assertEquals(expectedName, components[i].getName(), "name of argument " + i);
                assertType(field.type(), components[i].getGenericType(), m.fullName() + "." + field.specName());
            }

            AmqpMethod instance = SampleMethods.sample(m, Map.of());
            assertEquals(m.classId(), instance.classId(), "class id");
            assertEquals(m.methodId(), instance.methodId(), "method id");
            assertEquals(m.fullName(), instance.name());
            assertEquals(m.content(), instance.hasContent(), "has content");
        }));
    }

    private static void assertType(String specType, Type javaType, String what) {
        if (specType.equals("table")) {
            ParameterizedType map = (ParameterizedType) javaType;
            assertEquals(Map.class, map.getRawType(), what);
            assertEquals(List.of(String.class, Object.class), Arrays.asList(map.getActualTypeArguments()), what);
        } else {
            assertEquals(JAVA_TYPES.get(specType), javaType, what);
        }
    }

    @Test
    void noRecordExistsWithoutASpecMethod() throws Exception {
        Path dir = Path.of(AmqpMethod.class.getResource("/io/warren/amqp/method/").toURI());
        Set<String> files;
        try (Stream<Path> paths = Files.list(dir)) {
            files = paths.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> name.replace(".class", ""))
                    .collect(Collectors.toSet());
        }
        Set<String> expected = SPEC.methods.stream().map(SpecModel.Method::recordName).collect(Collectors.toSet());
        assertEquals(expected, files);
    }

    @TestFactory
    Stream<DynamicTest> methodsNamesEveryIdAndDecodesByIt() {
        return SPEC.methods.stream().map(m -> DynamicTest.dynamicTest(m.fullName(), () -> {
            assertEquals(m.classId(), Methods.class.getField(m.classConstant()).getInt(null), m.classConstant());
            assertEquals(m.methodId(), Methods.class.getField(m.methodConstant()).getInt(null), m.methodConstant());
            assertEquals(m.fullName(), Methods.name(m.classId(), m.methodId()));
        }));
    }

    @Test
    void methodsHasNoIdsBeyondTheSpec() {
        long constants = Arrays.stream(Methods.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == int.class)
                .count();
        long classes = SPEC.methods.stream().map(SpecModel.Method::classId).distinct().count();
        assertEquals(SPEC.methods.size() + classes, constants);
        assertNull(Methods.name(Methods.BASIC_CLASS, 99));
        assertNull(Methods.name(77, 10));
    }

    @TestFactory
    Stream<DynamicTest> acceptCallsTheMatchingVisitorCallback() {
        return SPEC.methods.stream().map(m -> DynamicTest.dynamicTest(m.fullName(), () -> {
            AmqpMethod instance = SampleMethods.sample(m, Map.of());
            AtomicReference<String> called = new AtomicReference<>();
            MethodVisitor visitor = (MethodVisitor) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {MethodVisitor.class},
                    (proxy, method, args) -> {
                        called.set(method.getName());
                        return null;
                    });
            instance.accept(visitor);
            assertEquals("visit" + m.recordName(), called.get());

            Method callback = MethodVisitor.class.getMethod("visit" + m.recordName(), instance.getClass());
            assertTrue(callback.isDefault(), callback + " defaults to unhandled");
        }));
    }

    @Test
    void visitorCallbacksDefaultToUnhandled() {
        AtomicReference<AmqpMethod> unhandled = new AtomicReference<>();
        MethodVisitor visitor = unhandled::set;
        AmqpMethod publish = SampleMethods.sample(SPEC.method("basic.publish"), Map.of());
        publish.accept(visitor);
        assertEquals(publish, unhandled.get());
    }

    @Test
    void replyCodesMatchTheSpecConstants() throws Exception {
        int count = 0;
        for (SpecModel.Constant c : SPEC.constants) {
            if (c.errorClass() == null && !c.name().equals("REPLY-SUCCESS")) {
                continue;
            }
            String name = SpecModel.constant(c.name());
            Field field = ReplyCode.class.getField(name);
            assertEquals(c.value(), field.getInt(null), name);
            assertEquals(name, ReplyCode.name(c.value()));
            assertEquals("hard-error".equals(c.errorClass()), ReplyCode.isHardError(c.value()), name);
            assertEquals("soft-error".equals(c.errorClass()), ReplyCode.isSoftError(c.value()), name);
            count++;
        }
        assertEquals(count, ReplyCode.class.getFields().length);
        assertNull(ReplyCode.name(999));
        assertFalse(ReplyCode.isHardError(ReplyCode.REPLY_SUCCESS));
    }

    @Test
    void frameConstantsMatchTheSpec() {
        Map<String, Integer> expected = SPEC.constants.stream().filter(c -> c.name().startsWith("FRAME-"))
                .collect(Collectors.toMap(SpecModel.Constant::name, SpecModel.Constant::value));
        assertEquals(expected.get("FRAME-METHOD"), Frames.FRAME_METHOD);
        assertEquals(expected.get("FRAME-HEADER"), Frames.FRAME_HEADER);
        assertEquals(expected.get("FRAME-BODY"), Frames.FRAME_BODY);
        assertEquals(expected.get("FRAME-HEARTBEAT"), Frames.FRAME_HEARTBEAT);
        assertEquals(expected.get("FRAME-MIN-SIZE"), Frames.FRAME_MIN_SIZE);
        assertEquals(expected.get("FRAME-END"), Frames.FRAME_END);
    }
}
