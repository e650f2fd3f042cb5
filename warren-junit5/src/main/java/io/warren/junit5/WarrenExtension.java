package io.warren.junit5;

import io.warren.server.WarrenServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Gives tests an embedded Warren: started on free ports with a temporary data directory,
 * optionally loaded with definitions, stopped and deleted afterwards.
 *
 * <pre>{@code
 * @ExtendWith(WarrenExtension.class)            // one broker for the class
 * class OrdersTest {
 *     @Test
 *     void publishes(EmbeddedWarren warren) { ... warren.amqpUri() ... }
 * }
 *
 * class BillingTest {
 *     @RegisterExtension                         // static: one per class; an instance field: one per test
 *     static WarrenExtension warren = WarrenExtension.builder()
 *             .definitionsResource("definitions.json")
 *             .config("max_message_size", "1048576")
 *             .build();
 * }
 * }</pre>
 *
 * <p>When the broker starts follows JUnit's convention for the registration unless
 * {@link Builder#perClass()} or {@link Builder#perTest()} says otherwise: {@code @ExtendWith} on a
 * class and a static field start one before the class's first test and stop it after its last
 * ({@code @Nested} classes share it); an instance field starts one for each test. The test reaches
 * its broker through an {@link EmbeddedWarren} parameter (of a test, lifecycle or constructor
 * method), a non-final {@link EmbeddedWarren} field of the test class (set before each test, static
 * ones before the first), parameters and fields of type {@link WarrenServer} (the node's whole
 * embedded API), a {@code com.rabbitmq.client.ConnectionFactory} parameter, or the
 * extension's own methods ({@link #amqpUri()}, {@link #queue(String)}, ...) when it is a field.
 * With two of these extensions on one test, use the fields: a parameter would be ambiguous.
 */
public final class WarrenExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    /** When the broker starts and stops. */
    public enum Lifecycle {
        /** Once for the test class (and its {@code @Nested} classes). */
        PER_CLASS,
        /** Once for each test, so that no test sees another's queues or messages. */
        PER_TEST
    }

    private static final Namespace NAMESPACE = Namespace.create(WarrenExtension.class);

    private final WarrenSettings settings;
    private volatile EmbeddedWarren current;

    /** The defaults, for {@code @ExtendWith(WarrenExtension.class)}: nothing loaded, guest/guest on "/". */
    public WarrenExtension() {
        this(new Builder().settings());
    }

    private WarrenExtension(WarrenSettings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IllegalAccessException {
        if (settings.lifecycle() == Lifecycle.PER_TEST) {
            return;
        }
        EmbeddedWarren warren = find(context);
        if (warren == null) {
            warren = startIn(context);
        }
        current = warren;
        injectFields(context.getRequiredTestClass(), null, warren);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        EmbeddedWarren warren = obtain(context);
        current = warren;
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            injectFields(instance.getClass(), instance, warren);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        // By name, so that the optional client jar is not loaded to answer.
        return type == EmbeddedWarren.class || type == WarrenServer.class
                || type.getName().equals(ConnectionFactories.CLASS_NAME);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        EmbeddedWarren warren;
        try {
            warren = obtain(context);
        } catch (ExtensionConfigurationException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedWarren.class ? warren : type == WarrenServer.class ? warren.server() : warren.connectionFactory();
    }

    /** The broker of the running test or class; started here for a test that has none yet. */
    private EmbeddedWarren obtain(ExtensionContext context) {
        EmbeddedWarren warren = find(context);
        if (warren != null) {
            return warren;
        }
        if (context.getTestMethod().isEmpty()) {
            throw new ExtensionConfigurationException("the embedded Warren starts per test, so there is none yet for "
                    + context.getDisplayName() + "; take it in a test or @BeforeEach method, or use a static field");
        }
        if (settings.lifecycle() == Lifecycle.PER_CLASS) {
            throw new ExtensionConfigurationException("a WarrenExtension in an instance field is made again for "
                    + "every test, so it cannot keep one broker for the class: make the field static");
        }
        return startIn(context);
    }

    /** The broker this extension started for this context or an enclosing one, or null. */
    private EmbeddedWarren find(ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).get(this, Running.class);
        return running == null ? null : running.warren;
    }

    /** Starts a broker that JUnit stops, and deletes, when {@code context} ends. */
    private EmbeddedWarren startIn(ExtensionContext context) {
        EmbeddedWarren warren = settings.start();
        context.getStore(NAMESPACE).put(this, new Running(warren));
        return warren;
    }

    private static void injectFields(Class<?> type, Object instance, EmbeddedWarren warren) throws IllegalAccessException {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int modifiers = f.getModifiers();
                Object value = f.getType() == EmbeddedWarren.class ? warren
                        : f.getType() == WarrenServer.class ? warren.server() : null;
                if (value != null && !Modifier.isFinal(modifiers) && (instance != null || Modifier.isStatic(modifiers))) {
                    f.setAccessible(true);
                    f.set(Modifier.isStatic(modifiers) ? null : instance, value);
                }
            }
        }
    }

    /** The broker of the test running now (for a field-registered extension). */
    public EmbeddedWarren warren() {
        EmbeddedWarren warren = current;
        if (warren == null) {
            throw new IllegalStateException("no embedded Warren is running for this extension (yet)");
        }
        return warren;
    }

    /** @see EmbeddedWarren#amqpUri() */
    public String amqpUri() {
        return warren().amqpUri();
    }

    /** @see EmbeddedWarren#amqpPort() */
    public int amqpPort() {
        return warren().amqpPort();
    }

    /** @see EmbeddedWarren#managementUrl() */
    public String managementUrl() {
        return warren().managementUrl();
    }

    /** @see EmbeddedWarren#adminUsername() */
    public String adminUsername() {
        return warren().adminUsername();
    }

    /** @see EmbeddedWarren#adminPassword() */
    public String adminPassword() {
        return warren().adminPassword();
    }

    /** @see EmbeddedWarren#connectionFactory() */
    public com.rabbitmq.client.ConnectionFactory connectionFactory() {
        return warren().connectionFactory();
    }

    /** @see EmbeddedWarren#queue(String) */
    public QueueView queue(String name) {
        return warren().queue(name);
    }

    /** A broker in JUnit's store: closed when the class or test it was started for ends. */
    private final class Running implements ExtensionContext.Store.CloseableResource {
        private final EmbeddedWarren warren;

        Running(EmbeddedWarren warren) {
            this.warren = warren;
        }

        @Override
        public void close() {
            if (current == warren) {
                current = null;
            }
            warren.close();
        }
    }

    /**
     * How to start the broker. Settings apply in the order given, on top of the extension's own
     * (every listener on 127.0.0.1 port 0, a temporary data directory, no fsync): later ones win.
     */
    public static final class Builder {
        private final WarrenSettings.Steps steps = new WarrenSettings.Steps();
        private Lifecycle lifecycle;

        private Builder() {}

        /**
         * Imports a definitions file (RabbitMQ's JSON export format) once the broker has started,
         * as {@code rabbitmqctl import_definitions} would: on top of the default user and vhost,
         * which stay unless the file changes them. Several files import in the order given.
         */
        public Builder definitions(java.nio.file.Path file) {
            steps.definitions(Definitions.file(file));
            return this;
        }

        /** {@link #definitions(java.nio.file.Path)} from a classpath resource, e.g. {@code "rabbit/definitions.json"}. */
        public Builder definitionsResource(String name) {
            steps.definitions(Definitions.resource(name));
            return this;
        }

        /**
         * One rabbitmq.conf setting, with RabbitMQ's meaning (see server/CONFIGURATION.md), e.g.
         * {@code config("max_message_size", "1048576")}. A bad key or value fails the start with
         * a message naming it.
         */
        public Builder config(String key, String value) {
            steps.confLine(key + " = " + value);
            return this;
        }

        /** Every setting of a rabbitmq.conf-style file, read when the broker starts. */
        public Builder configFile(java.nio.file.Path file) {
            steps.confFile(file);
            return this;
        }

        /** Adjusts the embedded configuration directly, for what has no rabbitmq.conf key. */
        public Builder configure(java.util.function.Consumer<io.warren.server.config.WarrenConfig.Builder> change) {
            steps.configure(change);
            return this;
        }

        /** One broker for the test class, whatever the registration; needs a static field. */
        public Builder perClass() {
            return lifecycle(Lifecycle.PER_CLASS);
        }

        /** A new broker for every test, whatever the registration. */
        public Builder perTest() {
            return lifecycle(Lifecycle.PER_TEST);
        }

        /** When the broker starts and stops; null (the default) follows the registration, as described above. */
        public Builder lifecycle(Lifecycle lifecycle) {
            this.lifecycle = lifecycle;
            return this;
        }

        public WarrenExtension build() {
            return new WarrenExtension(settings());
        }

        /**
         * Starts a broker with these settings now, outside any JUnit lifecycle; the caller closes
         * it, which also deletes its temporary data directory.
         */
        public EmbeddedWarren start() {
            return settings().start();
        }

        private WarrenSettings settings() {
            return new WarrenSettings(steps.snapshot(), lifecycle);
        }
    }
}
