package io.warren.management;

import io.warren.broker.Broker;
import io.warren.broker.ConnectionException;
import io.warren.broker.VirtualHost;
import io.warren.broker.limits.ConnectionAdmission;
import io.warren.management.direct.DirectChannel;
import io.warren.management.direct.DirectConnections;
import io.warren.management.http.ApiException;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.Caller;

import java.util.function.IntSupplier;

/**
 * What the API's handlers work with: the broker, the direct AMQP connections through which
 * they act as the caller, and the port the API itself listens on.
 */
public record Management(Broker broker, DirectConnections direct, IntSupplier httpPort) {

    /**
     * Holds, until closed, the places in the vhost's and the caller's connection and channel
     * limits that a direct connection with one channel takes. RabbitMQ's HTTP publish and get
     * open such a connection for each request (its declares open none), so once a limit is
     * reached they answer 401 "Access refused."; Warren's cached direct connections are not
     * counted, so these requests take their places here instead.
     */
    public ConnectionAdmission directConnectionPlace(ApiRequest req, VirtualHost v) {
        ConnectionAdmission place;
        try {
            place = broker.limits().admitConnection(v, req.caller().name());
        } catch (ConnectionException limitReached) {
            throw ApiException.notAuthorised("Access refused.");
        }
        try {
            place.openChannel();
        } catch (ConnectionException limitReached) {
            place.release();
            throw ApiException.notAuthorised("Access refused.");
        }
        return place;
    }

    /** The vhost named by the request's {@code vhost} parameter, which the caller may use; else 404/401. */
    public VirtualHost vhost(ApiRequest req) {
        VirtualHost v = broker.vhosts().get(req.param("vhost"));
        if (v == null) {
            throw ApiException.notFound();
        }
        Caller c = req.caller();
        if (!c.mayAccess(v.name()) && !(c.isMonitoring() && req.method().name().equals("GET"))) {
            throw ApiException.notAuthorised("User not authorised to access virtual host");
        }
        return v;
    }

    /**
     * The vhost a PUT creates something in: a missing one is RabbitMQ's 404
     * {@code not_found / vhost_not_found} there, not the generic not-found.
     */
    public VirtualHost vhostToChange(ApiRequest req) {
        if (broker.vhosts().get(req.param("vhost")) == null) {
            throw ApiException.notFound("vhost_not_found");
        }
        return vhost(req);
    }

    /** A channel in the vhost, logged in as the caller; close it when done. */
    public DirectChannel channel(ApiRequest req, String vhost) {
        return direct.channel(req.caller().name(), req.caller().password(), vhost);
    }
}
