package io.warren.tests.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion or to a deadline, on the calling thread. */
public final class ExternalProcess {
    private ExternalProcess() {}

    /**
     * Runs {@code command} in {@code workingDir} with this JVM's environment. Output goes to a
     * file rather than a pipe, so a chatty process cannot stall on a full pipe while we wait.
     * At the deadline the process and everything it started are killed.
     */
    public static ProcessOutcome run(List<String> command, Path workingDir, Duration timeout)
            throws IOException, InterruptedException {
        Path outputFile = Files.createTempFile("warren-process", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(outputFile.toFile())
                    // Nothing to read: a tool that falls back to stdin fails instead of waiting forever.
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                // A script's client runs as its child (amqp-consume under bash) and would outlive it.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            String output = new String(Files.readAllBytes(outputFile), StandardCharsets.UTF_8);
            return new ProcessOutcome(finished ? process.exitValue() : -1, !finished, output);
        } finally {
            Files.deleteIfExists(outputFile);
        }
    }
}
