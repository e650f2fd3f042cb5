package io.warren.management.http;

import io.warren.broker.Broker;
import io.warren.broker.User;

/**
 * The authenticated user of a request, with what RabbitMQ's management tags let them do:
 * {@code management} sees their own vhosts, {@code policymaker} also changes policies and
 * parameters there, {@code monitoring} sees every vhost, connection and channel read-only,
 * {@code administrator} does everything. The password is kept for the request's direct AMQP
 * connection, which logs in as the same user.
 */
public record Caller(User user, String password, Broker broker) {

    public String name() { return user.name(); }

    public boolean isAdministrator() { return user.tags().contains("administrator"); }

    public boolean isMonitoring() { return isAdministrator() || user.tags().contains("monitoring"); }

    public boolean isPolicymaker() { return isAdministrator() || user.tags().contains("policymaker"); }

    public boolean isManagementUser() { return isMonitoring() || isPolicymaker() || user.tags().contains("management"); }

    /** Whether the user has permissions in the vhost, which RabbitMQ requires for everything in it. */
    public boolean mayAccess(String vhost) {
        return broker.permissions().get(vhost, user.name()) != null;
    }

    /** Whether lists show the vhost's objects: all of them to monitoring users, others their own. */
    public boolean sees(String vhost) {
        return isMonitoring() || mayAccess(vhost);
    }

    /** Whether lists show a connection, channel or consumer owned by {@code owner}. */
    public boolean seesOwnedBy(String owner) {
        return isMonitoring() || user.name().equals(owner);
    }
}
