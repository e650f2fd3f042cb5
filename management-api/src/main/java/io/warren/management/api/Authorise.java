package io.warren.management.api;

import io.warren.management.http.ApiException;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.Caller;

/**
 * The management tags' rules for the administrative endpoints, in one place, with RabbitMQ's
 * refusal texts ({@code rabbit_mgmt_util:is_authorized_*}): administrators manage users, vhosts,
 * permissions, limits, operator policies, definitions and feature flags; policymakers change
 * policies and parameters in vhosts they have permissions in; every management user reads what
 * is in their own vhosts. Stateless; any worker thread may call it.
 */
final class Authorise {
    static final String NOT_ADMINISTRATOR = "Not administrator user";
    static final String NOT_AUTHORISED_OBJECT = "User not authorised to access object";
    static final String NOT_AUTHORISED_VHOST = "User not authorised to access virtual host";

    private Authorise() {
    }

    static void administrator(ApiRequest req) {
        if (!req.caller().isAdministrator()) {
            throw ApiException.notAuthorised(NOT_ADMINISTRATOR);
        }
    }

    /** Policies and parameters anywhere: a policymaker; the vhost checks come per object. */
    static void policymaker(ApiRequest req) {
        if (!req.caller().isPolicymaker()) {
            throw ApiException.notAuthorised(NOT_AUTHORISED_OBJECT);
        }
    }

    /**
     * A policy or parameter in {@code vhost}: a policymaker with permissions there. A vhost that
     * does not exist is left to the handler, which answers 404 as RabbitMQ does.
     */
    static void policymakerIn(ApiRequest req, String vhost) {
        Caller c = req.caller();
        boolean exists = c.broker().vhosts().get(vhost) != null;
        if (!c.isPolicymaker() || exists && !c.mayAccess(vhost)) {
            throw ApiException.notAuthorised(NOT_AUTHORISED_OBJECT);
        }
    }

    /** A listing scoped to one vhost: anyone with permissions there, administrators anywhere. */
    static void memberOf(ApiRequest req, String vhost) {
        Caller c = req.caller();
        if (!c.isAdministrator() && !c.mayAccess(vhost)) {
            throw ApiException.notAuthorised(NOT_AUTHORISED_VHOST);
        }
    }

    /** A read that monitoring users may make in any vhost and others in their own. */
    static void sees(ApiRequest req, String vhost) {
        if (!req.caller().sees(vhost)) {
            throw ApiException.notAuthorised(NOT_AUTHORISED_VHOST);
        }
    }
}
