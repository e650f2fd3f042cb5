package io.warren.tests.clients;

import java.util.ArrayList;
import java.util.List;

/**
 * A client library other than RabbitMQ's Java client, with a smoke script in its own directory
 * under {@code src/test/clients}. Every script takes {@code HOST PORT}, connects as guest to
 * "/", and exits 0 only when a message it published came back intact and its ack removed it.
 *
 * <p>Python and Ruby are named by absolute path: Debian's python3-pika and ruby-bunny install
 * for Debian's own interpreters, and a PATH may put another one first (a pyenv
 * {@code python3} has no pika). Node is taken from PATH, since amqplib comes from npm into the
 * script's own {@code node_modules} and works with whichever Node installed it.
 */
enum SmokeClient {
    PIKA("python", "smoke.py", List.of("/usr/bin/python3"),
            List.of("/usr/bin/python3", "-c", "import pika")),
    BUNNY("ruby", "smoke.rb", List.of("/usr/bin/ruby"),
            List.of("/usr/bin/ruby", "-e", "require 'bunny'")),
    AMQP_TOOLS("amqp-tools", "smoke.sh", List.of("/bin/bash"),
            List.of("/bin/bash", "-c", "type -P amqp-declare-queue amqp-publish amqp-consume amqp-delete-queue")),
    AMQPLIB("node", "smoke.js", List.of("node"),
            List.of("node", "-e", "require.resolve('amqplib')"));

    private final String directory;
    private final String script;
    private final List<String> interpreter;
    private final List<String> installedProbe;

    SmokeClient(String directory, String script, List<String> interpreter, List<String> installedProbe) {
        this.directory = directory;
        this.script = script;
        this.interpreter = interpreter;
        this.installedProbe = installedProbe;
    }

    /** The script's directory relative to {@code src/test/clients}; commands run from there. */
    String directory() {
        return directory;
    }

    /** A command that exits 0 only if the interpreter and the client library are installed. */
    List<String> installedProbe() {
        return installedProbe;
    }

    /** The command that runs the smoke script against host:port. */
    List<String> smokeCommand(String host, int port) {
        List<String> command = new ArrayList<>(interpreter);
        command.add(script);
        command.add(host);
        command.add(Integer.toString(port));
        return command;
    }
}
