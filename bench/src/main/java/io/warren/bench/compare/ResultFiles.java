package io.warren.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The files of {@code --json} result lines that a comparison's main class is given. */
final class ResultFiles {
    private ResultFiles() {}

    /**
     * Every non-blank line of the files, read by {@code format}. Exits with 2 and the usage for no
     * files, and with 1 and the file's name for one that cannot be read or holds another line.
     */
    static <R> List<R> readOrExit(Class<?> main, String[] files, Function<String, R> format) {
        if (files.length == 0) {
            System.err.println("usage: java -cp warren-bench.jar " + main.getName() + " RESULTS.jsonl...");
            System.exit(2);
        }
        List<R> results = new ArrayList<>();
        for (String file : files) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    if (!line.isBlank()) {
                        results.add(format.apply(line));
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                System.err.println(file + ": " + e.getMessage());
                System.exit(1);
            }
        }
        return results;
    }
}
