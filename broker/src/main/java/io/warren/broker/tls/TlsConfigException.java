package io.warren.broker.tls;

import java.nio.file.Path;

/**
 * A TLS configuration that cannot be used: a missing or unreadable file, one that is not PEM, a
 * key that does not match its certificate or cannot be decrypted, an unsupported version or
 * cipher. The message names the setting (as rabbitmq.conf spells it, e.g. {@code ssl_options.keyfile})
 * and the file when there is one. A broker never falls back to plaintext on it: the start fails,
 * and a failed reload keeps the context already in use.
 */
public final class TlsConfigException extends RuntimeException {
    private final String setting;
    private final Path file;

    public TlsConfigException(String setting, Path file, String problem, Throwable cause) {
        super(setting + (file == null ? "" : " (" + file + ")") + ": " + problem, cause);
        this.setting = setting;
        this.file = file;
    }

    public TlsConfigException(String setting, Path file, String problem) {
        this(setting, file, problem, null);
    }

    /** The setting at fault, e.g. {@code ssl_options.certfile}. */
    public String setting() {
        return setting;
    }

    /** The file at fault, or null when the problem is a value. */
    public Path file() {
        return file;
    }
}
