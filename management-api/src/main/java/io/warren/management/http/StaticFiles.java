package io.warren.management.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web UI's files from the classpath: {@code warren/www/**} at {@code /}, and WebJars at
 * {@code /webjars/**} from {@code META-INF/resources/webjars/**}. Files are read once and kept;
 * they are small and never change while the broker runs. Thread-safe.
 */
public final class StaticFiles {
    private static final String WWW = "warren/www";
    private static final String WEBJARS = "META-INF/resources/webjars";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final Map<String, ApiResponse> cache = new ConcurrentHashMap<>();

    /** The file at the request path, or null when there is none. */
    public ApiResponse find(String path) {
        if (path.contains("..") || path.contains("\\")) {
            return null;
        }
        String resource;
        if (path.startsWith("/webjars/")) {
            resource = WEBJARS + path.substring("/webjars".length());
        } else {
            resource = WWW + (path.equals("/") ? "/index.html" : path);
        }
        ApiResponse cached = cache.get(resource);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null || resource.endsWith("/")) {
                return null;
            }
            ApiResponse r = ApiResponse.bytes(200, in.readAllBytes(), type(resource));
            cache.put(resource, r);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(String resource) {
        int dot = resource.lastIndexOf('.');
        String ext = dot < 0 ? "" : resource.substring(dot + 1);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
