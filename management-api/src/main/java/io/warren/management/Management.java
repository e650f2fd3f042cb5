package io.warren.management;

import io.warren.broker.Broker;
import io.warren.broker.VirtualHost;
import io.warren.management.direct.DirectChannel;
import io.warren.management.direct.DirectConnections;
import io.warren.management.http.ApiException;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.Caller;

/**
 * What the API's handlers work with: the broker and the direct AMQP connections through which
 * they act as the caller.
 */
public record Management(Broker broker, DirectConnections direct) {

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

    /** A channel in the vhost, logged in as the caller; close it when done. */
    public DirectChannel channel(ApiRequest req, String vhost) {
        return direct.channel(req.caller().name(), req.caller().password(), vhost);
    }
}
