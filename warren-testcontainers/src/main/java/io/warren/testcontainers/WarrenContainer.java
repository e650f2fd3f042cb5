package io.warren.testcontainers;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Warren's Docker image in a test, with the methods of Testcontainers' {@code RabbitMQContainer}
 * so that switching is a matter of the class name:
 *
 * <pre>{@code
 * @Container
 * static WarrenContainer warren = new WarrenContainer()          // warren:latest
 *         .withDefinitions(MountableFile.forClasspathResource("definitions.json"))
 *         .withRabbitMQConfig(MountableFile.forClasspathResource("rabbitmq.conf"));
 *
 * factory.setUri(warren.getAmqpUrl());
 * factory.setUsername(warren.getAdminUsername());
 * factory.setPassword(warren.getAdminPassword());
 * }</pre>
 *
 * <p>The image is the one the repository's Dockerfile builds ({@code docker build -t warren .});
 * another name or tag is given as a {@link DockerImageName}, marked
 * {@code .asCompatibleSubstituteFor("warren")} when it is not called warren. The container's
 * configuration is written from what the {@code with...} methods say, over the image's own
 * (which lets guest log in from outside the container): a {@link #withRabbitMQConfig} file first,
 * then TLS, then the admin credentials, later lines winning as in rabbitmq.conf. As in RabbitMQ,
 * a node that loads definitions at its first start creates no default user: the definitions
 * name the users, and {@link #getAdminUsername()} is only right when they include it.
 */
public class WarrenContainer extends GenericContainer<WarrenContainer> {
    /** The image name the README builds and users pull. */
    public static final DockerImageName DEFAULT_IMAGE_NAME = DockerImageName.parse("warren");
    public static final String DEFAULT_TAG = "latest";

    public static final int AMQP_PORT = 5672;
    public static final int AMQPS_PORT = 5671;
    public static final int HTTP_PORT = 15672;
    public static final int HTTPS_PORT = 15671;
    public static final int PROMETHEUS_PORT = 15692;

    /** The image's own settings (docker/warren.conf), kept under anything added here. */
    static final String IMAGE_DEFAULTS = "loopback_users.guest = false\n";
    static final String CONFIG_FILE = "/etc/warren/warren-testcontainers.conf";
    static final String DEFINITIONS_FILE = "/etc/warren/definitions.json";
    static final String TLS_DIR = "/etc/warren/tls/";

    /** What ssl_options.verify says. */
    public enum SslVerification {
        VERIFY_NONE("verify_none"), VERIFY_PEER("verify_peer");

        private final String value;

        SslVerification(String value) {
            this.value = value;
        }
    }

    private String adminUsername = "guest";
    private String adminPassword = "guest";
    private boolean adminSet;
    private MountableFile rabbitMqConfig;
    private String tlsConfig;

    /** {@code warren:latest}. */
    public WarrenContainer() {
        this(DEFAULT_IMAGE_NAME.withTag(DEFAULT_TAG));
    }

    /** @param image an image name such as {@code warren:0.1.0} */
    public WarrenContainer(String image) {
        this(DockerImageName.parse(image));
    }

    public WarrenContainer(DockerImageName image) {
        super(image);
        image.assertCompatibleWith(DEFAULT_IMAGE_NAME);
        addExposedPorts(AMQP_PORT, AMQPS_PORT, HTTP_PORT, HTTPS_PORT, PROMETHEUS_PORT);
        // Logged once every listener is bound (server/Main).
        waitingFor(Wait.forLogMessage(".*Warren .*started: AMQP on port.*", 1).withStartupTimeout(Duration.ofSeconds(60)));
    }

    @Override
    protected void configure() {
        StringBuilder conf = new StringBuilder(IMAGE_DEFAULTS);
        if (rabbitMqConfig != null) {
            conf.append(new String(read(rabbitMqConfig), StandardCharsets.UTF_8)).append('\n');
        }
        if (tlsConfig != null) {
            conf.append(tlsConfig);
        }
        if (adminSet) {
            conf.append("default_user = ").append(adminUsername).append('\n');
            conf.append("default_pass = ").append(adminPassword).append('\n');
        }
        withCopyToContainer(Transferable.of(conf.toString()), CONFIG_FILE);
        withEnv("WARREN_CONFIG", CONFIG_FILE);
    }

    public String getAdminUsername() {
        return adminUsername;
    }

    public String getAdminPassword() {
        return adminPassword;
    }

    public Integer getAmqpPort() {
        return getMappedPort(AMQP_PORT);
    }

    public Integer getAmqpsPort() {
        return getMappedPort(AMQPS_PORT);
    }

    public Integer getHttpPort() {
        return getMappedPort(HTTP_PORT);
    }

    public Integer getHttpsPort() {
        return getMappedPort(HTTPS_PORT);
    }

    public Integer getPrometheusPort() {
        return getMappedPort(PROMETHEUS_PORT);
    }

    /** {@code amqp://host:port}, for AMQP clients; the credentials are {@link #getAdminUsername()}'s. */
    public String getAmqpUrl() {
        return "amqp://" + getHost() + ":" + getAmqpPort();
    }

    /** {@code amqps://host:port}; something listens there once TLS is configured ({@link #withSSL}). */
    public String getAmqpsUrl() {
        return "amqps://" + getHost() + ":" + getAmqpsPort();
    }

    /** The management HTTP API and UI. */
    public String getHttpUrl() {
        return "http://" + getHost() + ":" + getHttpPort();
    }

    /** The management API over HTTPS, when {@code management.ssl.*} configures it. */
    public String getHttpsUrl() {
        return "https://" + getHost() + ":" + getHttpsPort();
    }

    /** Prometheus metrics ({@code /metrics} under it). */
    public String getPrometheusUrl() {
        return "http://" + getHost() + ":" + getPrometheusPort();
    }

    /** The default user's password (default {@code guest}); ignored when definitions are loaded. */
    public WarrenContainer withAdminPassword(String password) {
        this.adminPassword = password;
        this.adminSet = true;
        return self();
    }

    /** The default user's name (default {@code guest}); ignored when definitions are loaded. */
    public WarrenContainer withAdminUser(String username) {
        this.adminUsername = username;
        this.adminSet = true;
        return self();
    }

    /**
     * Definitions (RabbitMQ's JSON export format) the node loads when it starts, as
     * {@code load_definitions} does. Include the users: no default user is created then.
     */
    public WarrenContainer withDefinitions(MountableFile definitions) {
        withCopyToContainer(Transferable.of(read(definitions)), DEFINITIONS_FILE);
        return withEnv("WARREN_DEFINITIONS", DEFINITIONS_FILE);
    }

    /**
     * A rabbitmq.conf file (sysctl format, RabbitMQ's keys; see Warren's server/CONFIGURATION.md)
     * for the node, on top of the image's settings.
     */
    public WarrenContainer withRabbitMQConfig(MountableFile rabbitMqConf) {
        this.rabbitMqConfig = rabbitMqConf;
        return self();
    }

    /** As {@code RabbitMQContainer.withRabbitMQConfigSysctl}: Warren reads only this format. */
    public WarrenContainer withRabbitMQConfigSysctl(MountableFile rabbitMqConf) {
        return withRabbitMQConfig(rabbitMqConf);
    }

    /**
     * An AMQPS listener on {@link #AMQPS_PORT} with this key, certificate and CA (PEM files).
     */
    public WarrenContainer withSSL(MountableFile keyFile, MountableFile certFile, MountableFile caFile,
                                   SslVerification verify, boolean failIfNoCert) {
        // Copied readable by all: the broker runs as the image's unprivileged user.
        withCopyToContainer(Transferable.of(read(keyFile)), TLS_DIR + "server_key.pem");
        withCopyToContainer(Transferable.of(read(certFile)), TLS_DIR + "server_certificate.pem");
        withCopyToContainer(Transferable.of(read(caFile)), TLS_DIR + "ca_certificate.pem");
        tlsConfig = "listeners.ssl.default = " + AMQPS_PORT + "\n"
                + "ssl_options.keyfile = " + TLS_DIR + "server_key.pem\n"
                + "ssl_options.certfile = " + TLS_DIR + "server_certificate.pem\n"
                + "ssl_options.cacertfile = " + TLS_DIR + "ca_certificate.pem\n"
                + "ssl_options.verify = " + verify.value + "\n"
                + "ssl_options.fail_if_no_peer_cert = " + failIfNoCert + "\n";
        return self();
    }

    /** {@link #withSSL(MountableFile, MountableFile, MountableFile, SslVerification, boolean)} without requiring a client certificate. */
    public WarrenContainer withSSL(MountableFile keyFile, MountableFile certFile, MountableFile caFile,
                                   SslVerification verify) {
        return withSSL(keyFile, certFile, caFile, verify, false);
    }

    private static byte[] read(MountableFile file) {
        try {
            return Files.readAllBytes(Path.of(file.getResolvedPath()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getDescription(), e);
        }
    }
}
