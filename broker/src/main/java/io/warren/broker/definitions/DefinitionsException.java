package io.warren.broker.definitions;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A definitions document that cannot be imported. It lists every problem found, not just the
 * first, one per line, each naming the entry and the field.
 */
public final class DefinitionsException extends RuntimeException {
    private final List<DefinitionProblem> problems;

    public DefinitionsException(List<DefinitionProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<DefinitionProblem> problems() {
        return problems;
    }

    private static String describe(List<DefinitionProblem> problems) {
        String head = problems.size() == 1 ? "1 problem in definitions:" : problems.size() + " problems in definitions:";
        return problems.stream().map(p -> "- " + p).collect(Collectors.joining("\n", head + "\n", ""));
    }
}
