package io.warren.tests.management;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * RabbitMQ's own command-line client of the management API, {@code rabbitmqadmin} (a Python 3
 * script shipped with the management plugin), run as a subprocess against one management target.
 * One instance per test class; calls block until the process ends (at most 60 s).
 */
final class Rabbitmqadmin {
    private static final String PLUGINS = "/usr/lib/rabbitmq/lib";

    /** The exit status and the two output streams of one run. */
    record Outcome(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    private final Path script;
    private final List<String> connection;

    Rabbitmqadmin(Path script, ManagementTarget target) {
        this.script = script;
        this.connection = List.of("--host", target.baseUri().getHost(), "--port", String.valueOf(target.baseUri().getPort()),
                "--username", target.user(), "--password", target.password());
    }

    /** The script from the Debian package's management plugin, or {@code /usr/bin/rabbitmqadmin}. */
    static Optional<Path> find() {
        Path lib = Path.of(PLUGINS);
        if (Files.isDirectory(lib)) {
            try (Stream<Path> found = Files.find(lib, 6, (path, attributes) -> path.endsWith("priv/www/cli/rabbitmqadmin"))) {
                Optional<Path> script = found.findFirst();
                if (script.isPresent()) {
                    return script;
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        Path bin = Path.of("/usr/bin/rabbitmqadmin");
        return Files.isRegularFile(bin) ? Optional.of(bin) : Optional.empty();
    }

    static boolean pythonAvailable() {
        try {
            Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code rabbitmqadmin <connection options> <args>}. */
    Outcome run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(connection);
        command.addAll(Arrays.asList(args));
        Path out = Files.createTempFile("rabbitmqadmin", ".out");
        Path err = Files.createTempFile("rabbitmqadmin", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("rabbitmqadmin did not finish: " + command);
            }
            return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
