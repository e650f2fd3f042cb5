package io.warren.management.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.warren.broker.definitions.DefinitionProblem;
import io.warren.broker.definitions.DefinitionsException;
import io.warren.broker.definitions.DefinitionsExport;
import io.warren.broker.definitions.DefinitionsFormat;
import io.warren.broker.definitions.DefinitionsImport;
import io.warren.broker.definitions.DefinitionsLimitException;
import io.warren.management.Management;
import io.warren.management.http.ApiException;
import io.warren.management.http.ApiRequest;
import io.warren.management.http.ApiResponse;
import io.warren.management.http.Json;
import io.warren.management.http.Router;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * {@code /api/definitions} (alias {@code /api/all-configuration}) and
 * {@code /api/definitions/{vhost}}: export as RabbitMQ 3.x does, with {@code ?download=<file>}
 * making it an attachment, and import from a JSON body or from the web UI's multipart form
 * (the file in field {@code file}; a {@code redirect} field turns the 204 into a 303 to it).
 * Administrators only. An import answers once every durable change is on disk.
 */
final class DefinitionsApi {
    private final Management m;

    DefinitionsApi(Management m) {
        this.m = m;
    }

    void register(Router r) {
        for (String base : new String[] {"/api/definitions", "/api/all-configuration"}) {
            r.get(base, req -> {
                Authorise.administrator(req);
                return export(req, new DefinitionsExport(m.broker()).exportAll(DefinitionsFormat.RABBITMQ_3));
            });
            r.post(base, req -> importing(req, null));
        }
        r.get("/api/definitions/{vhost}", req -> {
            Authorise.administrator(req);
            String vhost = existingVhost(req, false);
            return export(req, new DefinitionsExport(m.broker()).exportVhost(vhost, DefinitionsFormat.RABBITMQ_3));
        });
        r.post("/api/definitions/{vhost}", req -> {
            Authorise.administrator(req);
            return importing(req, existingVhost(req, true));
        });
    }

    /**
     * The vhost of the path. RabbitMQ 3.10.8 answers a missing one with vhost_not_found, as 400
     * bad_request to an export and as 404 not_found to an import (checked with curl).
     */
    private String existingVhost(ApiRequest req, boolean importing) {
        String vhost = req.param("vhost");
        if (m.broker().vhosts().get(vhost) == null) {
            throw importing ? new ApiException(404, "not_found", "vhost_not_found")
                    : ApiException.badRequest("vhost_not_found");
        }
        return vhost;
    }

    private static ApiResponse export(ApiRequest req, byte[] json) {
        ApiResponse r = ApiResponse.bytes(200, json, "application/json");
        String download = req.query("download");
        return download == null ? r : r.withHeader("Content-Disposition", "attachment; filename=" + download);
    }

    private ApiResponse importing(ApiRequest req, String vhost) {
        Authorise.administrator(req);
        MultipartForm form = MultipartForm.isMultipart(req) ? MultipartForm.parse(req) : null;
        byte[] document = form == null ? req.body() : form.field("file");
        if (document == null || !isJsonObject(document)) {
            throw ApiException.badRequest("failed_to_parse_json");
        }
        DefinitionsImport importer = new DefinitionsImport(m.broker());
        try {
            CompletableFuture<Void> done = vhost == null ? importer.importAll(document)
                    : importer.importVhost(document, vhost);
            Bodies.await(done);
        } catch (DefinitionsException e) {
            throw ApiException.badRequest(e.problems().stream().map(DefinitionProblem::toString)
                    .collect(Collectors.joining("; ")));
        } catch (DefinitionsLimitException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        String redirect = form == null ? null : form.text("redirect");
        if (redirect != null) {
            return new ApiResponse(303, new byte[0], null, java.util.Map.of("location", redirect));
        }
        return ApiResponse.noContent();
    }

    private static boolean isJsonObject(byte[] document) {
        try {
            JsonNode node = Json.MAPPER.readTree(document);
            return node != null && node.isObject();
        } catch (IOException e) {
            return false;
        }
    }
}
