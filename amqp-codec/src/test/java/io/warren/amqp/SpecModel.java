package io.warren.amqp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The vendored AMQP spec JSON, read independently of the generator, for tests to check code against. */
final class SpecModel {

    record Field(String specName, String type) {
    }

    record Method(String className, int classId, String methodName, int methodId, boolean content,
                  List<Field> fields) {

        String fullName() {
            return className + "." + methodName;
        }

        String recordName() {
            return pascal(className) + pascal(methodName);
        }

        String classConstant() {
            return constant(className) + "_CLASS";
        }

        String methodConstant() {
            return constant(className) + "_" + constant(methodName);
        }
    }

    record Constant(String name, int value, String errorClass) {
    }

    static final SpecModel SPEC = load();

    final List<Method> methods;
    final List<Constant> constants;

    private SpecModel(List<Method> methods, List<Constant> constants) {
        this.methods = methods;
        this.constants = constants;
    }

    Method method(String fullName) {
        return methods.stream().filter(m -> m.fullName().equals(fullName)).findFirst().orElseThrow();
    }

    private static SpecModel load() {
        try (InputStream in = SpecModel.class.getResourceAsStream("/amqp-rabbitmq-0.9.1.json")) {
            JsonNode spec = new ObjectMapper().readTree(in);
            Map<String, String> domains = new HashMap<>();
            spec.get("domains").forEach(d -> domains.put(d.get(0).asText(), d.get(1).asText()));
            List<Method> methods = new ArrayList<>();
            for (JsonNode c : spec.get("classes")) {
                for (JsonNode m : c.get("methods")) {
                    List<Field> fields = new ArrayList<>();
                    for (JsonNode a : m.get("arguments")) {
                        String type = a.has("domain") ? domains.get(a.get("domain").asText()) : a.get("type").asText();
                        fields.add(new Field(a.get("name").asText(), type));
                    }
                    methods.add(new Method(c.get("name").asText(), c.get("id").asInt(), m.get("name").asText(),
                            m.get("id").asInt(), m.path("content").asBoolean(false), List.copyOf(fields)));
                }
            }
            List<Constant> constants = new ArrayList<>();
            for (JsonNode k : spec.get("constants")) {
                constants.add(new Constant(k.get("name").asText(), k.get("value").asInt(),
                        k.has("class") ? k.get("class").asText() : null));
            }
            return new SpecModel(List.copyOf(methods), List.copyOf(constants));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pascal(String name) {
        StringBuilder s = new StringBuilder();
        for (String part : name.split("[-_ ]")) {
            if (!part.isEmpty()) {
                s.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return s.toString();
    }

    static String camel(String name) {
        String p = pascal(name);
        return Character.toLowerCase(p.charAt(0)) + p.substring(1);
    }

    static String constant(String name) {
        return name.replaceAll("[- ]", "_").toUpperCase();
    }
}
