package io.warren.junit5;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A definitions document (RabbitMQ's JSON export format) from a file or a classpath resource. */
record Definitions(Path file, String resource) {
    static Definitions file(Path file) {
        return new Definitions(file, null);
    }

    static Definitions resource(String name) {
        return new Definitions(null, name.startsWith("/") ? name.substring(1) : name);
    }

    String name() {
        return file != null ? file.toString() : "classpath:" + resource;
    }

    byte[] read() {
        try {
            if (file != null) {
                return Files.readAllBytes(file);
            }
            try (InputStream in = open(resource)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the definitions " + name(), e);
        }
    }

    private static InputStream open(String resource) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        InputStream in = context == null ? null : context.getResourceAsStream(resource);
        if (in == null) {
            in = Definitions.class.getClassLoader().getResourceAsStream(resource);
        }
        if (in == null) {
            throw new IllegalArgumentException("no classpath resource " + resource + " (the definitions to load)");
        }
        return in;
    }
}
