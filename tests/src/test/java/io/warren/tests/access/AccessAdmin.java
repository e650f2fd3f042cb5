package io.warren.tests.access;

import io.warren.broker.Broker;
import io.warren.broker.PasswordHash;
import io.warren.broker.User;
import io.warren.broker.access.Permission;
import io.warren.broker.access.TopicPermission;
import io.warren.broker.access.VhostMetadata;
import io.warren.tests.support.TestBroker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sets up users, vhosts and permissions for a test: through Warren's Broker API when the test
 * runs against the embedded broker, through {@code rabbitmqctl} against a real RabbitMQ on this
 * machine. Remembers what it created and removes it in {@link #close}.
 */
final class AccessAdmin implements AutoCloseable {
    private final TestBroker testBroker;
    private final List<String> users = new ArrayList<>();
    private final List<String> vhosts = new ArrayList<>();

    AccessAdmin(TestBroker testBroker) {
        this.testBroker = testBroker;
    }

    private Broker broker() {
        return testBroker.server().broker();
    }

    void addUser(String name, String password) {
        users.add(name);
        if (testBroker.isExternal()) {
            rabbitmqctl("add_user", name, password);
        } else {
            broker().users().put(new User(name, PasswordHash.sha256(password), Set.of())).join();
        }
    }

    void addVhost(String name) {
        vhosts.add(name);
        if (testBroker.isExternal()) {
            rabbitmqctl("add_vhost", name);
        } else {
            broker().addVhost(name, VhostMetadata.NONE).join();
        }
    }

    void setPermissions(String user, String vhost, String configure, String write, String read) {
        if (testBroker.isExternal()) {
            rabbitmqctl("set_permissions", "-p", vhost, user, configure, write, read);
        } else {
            broker().permissions().set(new Permission(user, vhost, configure, write, read)).join();
        }
    }

    void clearPermissions(String user, String vhost) {
        if (testBroker.isExternal()) {
            rabbitmqctl("clear_permissions", "-p", vhost, user);
        } else {
            broker().permissions().clear(vhost, user).join();
        }
    }

    void setTopicPermissions(String user, String vhost, String exchange, String write, String read) {
        if (testBroker.isExternal()) {
            rabbitmqctl("set_topic_permissions", "-p", vhost, user, exchange, write, read);
        } else {
            broker().permissions().setTopic(new TopicPermission(user, vhost, exchange, write, read)).join();
        }
    }

    void deleteVhost(String name) {
        vhosts.remove(name);
        if (testBroker.isExternal()) {
            rabbitmqctl("delete_vhost", name);
        } else {
            broker().deleteVhost(name).join();
        }
    }

    @Override
    public void close() {
        for (String v : vhosts) {
            if (testBroker.isExternal()) {
                rabbitmqctl("delete_vhost", v);
            } else {
                broker().deleteVhost(v).join();
            }
        }
        for (String u : users) {
            if (testBroker.isExternal()) {
                rabbitmqctl("delete_user", u);
            } else {
                broker().users().remove(u).join();
            }
        }
    }

    private static void rabbitmqctl(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run rabbitmqctl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
