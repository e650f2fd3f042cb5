package io.warren.management.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.broker.VirtualHost;
import io.warren.dlx.policy.ApplyTo;
import io.warren.dlx.policy.Policy;
import io.warren.dlx.policy.PolicyException;
import io.warren.dlx.policy.PolicyValidator;
import io.warren.management.Management;
import io.warren.management.http.ApiException;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.ApiResponse;
import io.warren.management.http.Json;
import io.warren.management.http.Listing;
import io.warren.management.http.Router;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/policies} and {@code /api/operator-policies}: list, show, set (201 / 204) and
 * delete. A PUT or DELETE answers only once every queue of the vhost has its new effective
 * settings, so a client that reads or publishes right after sees the policy in effect. User
 * policies are for policymakers in their vhosts, operator policies for administrators.
 */
final class PoliciesApi {
    private final Management m;
    private final boolean operator;
    private final String base;

    private PoliciesApi(Management m, boolean operator) {
        this.m = m;
        this.operator = operator;
        this.base = operator ? "/api/operator-policies" : "/api/policies";
    }

    static PoliciesApi user(Management m) {
        return new PoliciesApi(m, false);
    }

    static PoliciesApi operator(Management m) {
        return new PoliciesApi(m, true);
    }

    void register(Router r) {
        r.get(base, req -> {
            mayRead(req);
            return Listing.respond(req, list(req, null));
        });
        r.get(base + "/{vhost}", req -> {
            mayRead(req);
            VirtualHost v = vhost(req);
            Authorise.memberOf(req, v.name());
            return Listing.respond(req, list(req, v));
        });
        r.get(base + "/{vhost}/{name}", req -> {
            mayChange(req, req.param("vhost"));
            Policy p = vhost(req).policies().get(req.param("name"), operator);
            if (p == null) {
                throw ApiException.notFound();
            }
            return ApiResponse.json(json(p));
        });
        r.put(base + "/{vhost}/{name}", this::put);
        r.delete(base + "/{vhost}/{name}", req -> {
            mayChange(req, req.param("vhost"));
            if (!Bodies.await(vhost(req).deletePolicy(req.param("name"), operator))) {
                throw ApiException.notFound();
            }
            return ApiResponse.noContent();
        });
    }

    private void mayRead(ApiRequest req) {
        if (operator) {
            Authorise.administrator(req);
        }
    }

    private void mayChange(ApiRequest req, String vhost) {
        if (operator) {
            Authorise.administrator(req);
        } else {
            Authorise.policymakerIn(req, vhost);
        }
    }

    private VirtualHost vhost(ApiRequest req) {
        VirtualHost v = m.broker().vhosts().get(req.param("vhost"));
        if (v == null) {
            throw ApiException.notFound();
        }
        return v;
    }

    private List<ObjectNode> list(ApiRequest req, VirtualHost only) {
        List<ObjectNode> out = new ArrayList<>();
        for (VirtualHost v : only != null ? List.of(only) : m.broker().vhosts().all()) {
            if (only != null || req.caller().isAdministrator() || req.caller().mayAccess(v.name())) {
                v.policies().list(operator).forEach(p -> out.add(json(p)));
            }
        }
        return out;
    }

    static ObjectNode json(Policy p) {
        ObjectNode o = Json.object();
        o.put("vhost", p.vhost());
        o.put("name", p.name());
        o.put("pattern", p.pattern());
        o.put("apply-to", p.applyTo().wireName());
        o.set("definition", Json.MAPPER.valueToTree(p.definition()));
        o.put("priority", p.priority());
        return o;
    }

    private ApiResponse put(ApiRequest req) {
        String vhostName = req.param("vhost");
        mayChange(req, vhostName);
        JsonNode body = req.jsonObject();
        Bodies.require(body, "pattern", "definition");
        VirtualHost v = m.broker().vhosts().get(vhostName);
        if (v == null) {
            throw ApiException.notFound("vhost_not_found");
        }
        String name = req.param("name");
        Policy policy;
        try {
            Map<String, Object> definition = Bodies.plainObject(body.get("definition"));
            ApplyTo applyTo = PolicyValidator.applyTo(body.hasNonNull("apply-to") ? body.get("apply-to").asText() : null);
            int priority = PolicyValidator.priority(Bodies.plain(body.get("priority")));
            policy = new Policy(vhostName, name, body.get("pattern").asText(), applyTo, priority,
                    definition == null ? Map.of() : definition);
            PolicyValidator.validate(policy, operator);
        } catch (PolicyException e) {
            throw Bodies.validationFailed(e.getMessage());
        }
        boolean existed = v.policies().get(name, operator) != null;
        try {
            Bodies.await(v.putPolicy(policy, operator));
        } catch (PolicyException e) {
            throw Bodies.validationFailed(e.getMessage());
        }
        return existed ? ApiResponse.noContent() : ApiResponse.created();
    }
}
