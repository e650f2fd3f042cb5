package io.warren.bench.cli;

import io.warren.bench.tls.TlsOptions;

import java.net.URI;
import java.time.Duration;

/**
 * Reads the options that a timed run against one AMQP broker takes, the load run's and the
 * handshake run's alike: {@code --uri}, the TLS options, {@code --duration}, {@code --warmup},
 * {@code --label}, {@code --json} and {@code --help}. A command's parser reads its own options and
 * hands every other one to {@link #read}; then {@link #uri()} checks what was read as a whole.
 */
public final class BrokerRunOptions {
    public static final String DEFAULT_URI = "amqp://guest:guest@localhost:5672";

    private String uri = DEFAULT_URI;
    private TlsOptions tls = TlsOptions.DEFAULT;
    private Duration warmup = Duration.ofSeconds(5);
    private Duration duration = Duration.ofSeconds(20);
    private String label;
    private boolean json;
    private boolean help;

    /** Reads the option {@code in} is at. @throws UsageException if it is not one of these */
    public void read(String option, Arguments in) throws UsageException {
        switch (option) {
            case "--uri" -> uri = in.value();
            case "--duration" -> duration = OptionValues.duration(option, in.value());
            case "--warmup" -> warmup = OptionValues.duration(option, in.value());
            case "--label" -> label = OptionValues.label(in.value());
            case "--json" -> json = in.flag();
            case "--help", "-h" -> help = in.flag();
            default -> {
                if (!TlsOptions.isOption(option)) {
                    throw new UsageException("unknown option " + option);
                }
                tls = tls.accept(option, in.value());
            }
        }
    }

    /** For {@code --tls-resume}, which only the handshake run takes. */
    public void resumeTlsSessions() {
        tls = tls.withResume(true);
    }

    /**
     * The broker's URI, once every option is read.
     *
     * @throws UsageException if it is not an AMQP URI, TLS options were given for plain AMQP or
     *                        the duration is zero
     */
    public URI uri() throws UsageException {
        if (duration.isZero()) {
            throw new UsageException("--duration must be longer than 0");
        }
        URI parsed = OptionValues.uri("--uri", uri, "amqp", "amqps");
        tls.checkScheme(parsed);
        return parsed;
    }

    public TlsOptions tls() {
        return tls;
    }

    public Duration warmup() {
        return warmup;
    }

    public Duration duration() {
        return duration;
    }

    /** The {@code --label} given; null for none. */
    public String label() {
        return label;
    }

    public boolean json() {
        return json;
    }

    public boolean help() {
        return help;
    }
}
