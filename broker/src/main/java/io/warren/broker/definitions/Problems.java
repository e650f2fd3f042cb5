package io.warren.broker.definitions;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one document read, so that all of them are reported together. */
final class Problems {
    private final List<DefinitionProblem> found = new ArrayList<>();

    void add(String entry, String field, String message) {
        found.add(new DefinitionProblem(entry, field, message));
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new DefinitionsException(found);
        }
    }
}
