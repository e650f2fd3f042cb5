package io.warren.junit5;

import io.warren.server.config.ConfigLoader;
import io.warren.server.config.ListenAddress;
import io.warren.server.config.WarrenConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** What a {@link WarrenExtension.Builder} was told, frozen: how to start one embedded node. */
record WarrenSettings(List<Step> steps, WarrenExtension.Lifecycle lifecycle) {
    private static final System.Logger LOG = System.getLogger(WarrenExtension.class.getName());

    /** One change to the configuration, or definitions to import after the start. */
    sealed interface Step {}

    /** rabbitmq.conf text: consecutive {@code config(key, value)} calls share one, as lines of one file. */
    record ConfText(String text) implements Step {}

    record ConfFile(Path file) implements Step {}

    record Change(Consumer<WarrenConfig.Builder> change) implements Step {}

    record Load(Definitions definitions) implements Step {}

    /** The builder's side: collects steps in call order. Not thread-safe. */
    static final class Steps {
        private final List<Step> steps = new ArrayList<>();
        private StringBuilder pendingConf;

        void confLine(String line) {
            if (pendingConf == null) {
                pendingConf = new StringBuilder();
            }
            pendingConf.append(line).append('\n');
        }

        void confFile(Path file) {
            add(new ConfFile(file));
        }

        void configure(Consumer<WarrenConfig.Builder> change) {
            add(new Change(change));
        }

        void definitions(Definitions definitions) {
            add(new Load(definitions));
        }

        private void add(Step step) {
            flushConf();
            steps.add(step);
        }

        private void flushConf() {
            if (pendingConf != null) {
                steps.add(new ConfText(pendingConf.toString()));
                pendingConf = null;
            }
        }

        List<Step> snapshot() {
            flushConf();
            return List.copyOf(steps);
        }
    }

    /**
     * The embedded defaults: AMQP and management on the loopback interface on ports the system
     * picks, no Prometheus endpoint (its metrics cost a quarter of a cold start; {@code
     * config("prometheus.tcp.port", "0")} turns it on), a fresh data directory, and no fsync
     * ({@code warren.fsync = none}), since nothing in a directory deleted after the test needs to
     * survive a power cut, and a test publishing with confirms would wait for the disk.
     */
    static WarrenConfig.Builder defaults(Path dataDir) {
        return WarrenConfig.builder()
                .amqpListeners(List.of(new ListenAddress(EmbeddedWarren.HOST, 0)))
                .managementHost(EmbeddedWarren.HOST).managementPort(0)
                .prometheusHost(EmbeddedWarren.HOST).prometheusPort(-1)
                .dataDir(dataDir)
                .fsyncPerBatch(false);
    }

    EmbeddedWarren start() {
        Path dataDir = DataDirectory.create();
        WarrenConfig config;
        List<Definitions> definitions = new ArrayList<>();
        try {
            WarrenConfig.Builder builder = defaults(dataDir);
            List<String> warnings = new ArrayList<>();
            for (Step step : steps) {
                if (step instanceof ConfText t) {
                    warnings.addAll(ConfigLoader.apply(t.text(), builder));
                } else if (step instanceof ConfFile f) {
                    warnings.addAll(ConfigLoader.apply(read(f.file()), builder));
                } else if (step instanceof Change c) {
                    c.change().accept(builder);
                } else if (step instanceof Load l) {
                    definitions.add(l.definitions());
                }
            }
            for (String warning : warnings) {
                LOG.log(System.Logger.Level.WARNING, "configuration: {0}", warning);
            }
            config = builder.warnings(warnings).build();
        } catch (RuntimeException | Error e) {
            DataDirectory.delete(dataDir);
            throw e;
        }
        return EmbeddedWarren.start(config, dataDir, definitions);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration file " + file, e);
        }
    }
}
