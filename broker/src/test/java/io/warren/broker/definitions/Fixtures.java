package io.warren.broker.definitions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/** The definitions files under src/test/resources/definitions. */
final class Fixtures {
    private Fixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/definitions/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Definitions read(String name) {
        return new DefinitionsReader(ExistingObjects.NONE).read(bytes(name));
    }

    static ExistingObjects vhosts(String... names) {
        return new ExistingObjects(Set.of(), Set.of(names));
    }
}
