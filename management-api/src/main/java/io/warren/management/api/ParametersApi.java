package io.warren.management.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.broker.access.GlobalParameter;
import io.warren.broker.access.Parameter;
import io.warren.broker.definitions.DefinitionsExport;
import io.warren.broker.definitions.JsonOutput;
import io.warren.broker.definitions.ParameterDefinition;
import io.warren.management.Management;
import io.warren.management.http.ApiException;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.ApiResponse;
import io.warren.management.http.Json;
import io.warren.management.http.Listing;
import io.warren.management.http.Router;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/parameters} (vhost-scoped runtime parameters) and {@code /api/global-parameters}:
 * list, show, set (201 / 204) and clear, for policymakers (vhost-scoped ones in their vhosts).
 * Warren stores the values without interpreting them, for the components of the plugins whose
 * definitions it carries; any other component is refused as RabbitMQ refuses a component no
 * enabled plugin provides.
 */
final class ParametersApi {
    private static final Set<String> COMPONENTS = Set.of("federation-upstream", "federation-upstream-set", "shovel");

    private final Management m;

    ParametersApi(Management m) {
        this.m = m;
    }

    void register(Router r) {
        r.get("/api/parameters", req -> {
            Authorise.policymaker(req);
            return Listing.respond(req, list(req, null, null));
        });
        r.get("/api/parameters/{component}", req -> {
            Authorise.policymaker(req);
            return Listing.respond(req, list(req, req.param("component"), null));
        });
        r.get("/api/parameters/{component}/{vhost}", req -> {
            Authorise.policymakerIn(req, req.param("vhost"));
            existingVhost(req);
            return Listing.respond(req, list(req, req.param("component"), req.param("vhost")));
        });
        r.get("/api/parameters/{component}/{vhost}/{name}", req -> {
            Authorise.policymakerIn(req, req.param("vhost"));
            for (ParameterDefinition p : runtimeParameters(req.param("vhost"))) {
                if (p.component().equals(req.param("component")) && p.name().equals(req.param("name"))) {
                    return ApiResponse.json(json(p));
                }
            }
            throw ApiException.notFound();
        });
        r.put("/api/parameters/{component}/{vhost}/{name}", this::put);
        r.delete("/api/parameters/{component}/{vhost}/{name}", req -> {
            Authorise.policymakerIn(req, req.param("vhost"));
            if (!Bodies.await(m.broker().parameters().clear(req.param("vhost"), req.param("component"),
                    req.param("name")))) {
                throw ApiException.notFound();
            }
            return ApiResponse.noContent();
        });
        r.get("/api/global-parameters", req -> {
            Authorise.policymaker(req);
            List<ObjectNode> out = new ArrayList<>();
            m.broker().parameters().allGlobal().forEach(g -> out.add(json(g)));
            return Listing.respond(req, out);
        });
        r.get("/api/global-parameters/{name}", req -> {
            Authorise.policymaker(req);
            GlobalParameter g = m.broker().parameters().getGlobal(req.param("name"));
            if (g == null) {
                throw ApiException.notFound();
            }
            return ApiResponse.json(json(g));
        });
        r.put("/api/global-parameters/{name}", req -> {
            Authorise.policymaker(req);
            JsonNode body = req.jsonObject();
            Bodies.require(body, "value");
            String name = req.param("name");
            boolean existed = m.broker().parameters().getGlobal(name) != null;
            Bodies.await(m.broker().parameters().setGlobal(new GlobalParameter(name, Bodies.plain(body.get("value")))));
            return existed ? ApiResponse.noContent() : ApiResponse.created();
        });
        r.delete("/api/global-parameters/{name}", req -> {
            Authorise.policymaker(req);
            if (!Bodies.await(m.broker().parameters().clearGlobal(req.param("name")))) {
                throw ApiException.notFound();
            }
            return ApiResponse.noContent();
        });
    }

    private void existingVhost(ApiRequest req) {
        if (m.broker().vhosts().get(req.param("vhost")) == null) {
            throw ApiException.notFound();
        }
    }

    /** Operator policies and vhost limits are listed as parameters too, as RabbitMQ lists them. */
    private List<ObjectNode> list(ApiRequest req, String component, String vhost) {
        List<ObjectNode> out = new ArrayList<>();
        for (ParameterDefinition p : runtimeParameters(vhost)) {
            boolean wanted = component == null || p.component().equals(component);
            if (wanted && (req.caller().isAdministrator() || req.caller().mayAccess(p.vhost()))) {
                out.add(json(p));
            }
        }
        return out;
    }

    private List<ParameterDefinition> runtimeParameters(String vhost) {
        return new DefinitionsExport(m.broker()).runtimeParameters(vhost);
    }

    private static ObjectNode json(ParameterDefinition p) {
        ObjectNode o = Json.object();
        o.set("value", JsonOutput.tree(p.value()));
        o.put("vhost", p.vhost());
        o.put("component", p.component());
        o.put("name", p.name());
        return o;
    }

    private static ObjectNode json(GlobalParameter g) {
        ObjectNode o = Json.object();
        o.set("value", Json.MAPPER.valueToTree(g.value()));
        o.put("name", g.name());
        return o;
    }

    private ApiResponse put(ApiRequest req) {
        String vhost = req.param("vhost");
        Authorise.policymakerIn(req, vhost);
        JsonNode body = req.jsonObject();
        Bodies.require(body, "value");
        String component = req.param("component");
        if (!COMPONENTS.contains(component)) {
            throw Bodies.validationFailed("component " + component + " not found");
        }
        if (m.broker().vhosts().get(vhost) == null) {
            throw ApiException.notFound("vhost_not_found");
        }
        String name = req.param("name");
        boolean existed = m.broker().parameters().get(vhost, component, name) != null;
        Bodies.await(m.broker().parameters().set(new Parameter(vhost, component, name, Bodies.plain(body.get("value")))));
        return existed ? ApiResponse.noContent() : ApiResponse.created();
    }
}
