package io.warren.management.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web UI's files from the classpath: {@code warren/www/**} at {@code /}, and WebJars at
 * {@code /webjars/**} from {@code META-INF/resources/webjars/**}. Files are read once and kept;
 * they are small and never change while the broker runs. Thread-safe.
 *
 * <p>Only regular files with a type in the table are served: a directory ({@code /js}), an empty
 * segment ({@code //}) or an unknown type is not found; a path that is not cleanly
 * percent-encoded, or whose decoded segments would climb out of or across directories
 * ({@code ..}, an encoded {@code /} or {@code \}, control characters), is a bad request, as
 * Cowboy's static handler answers them. Nothing outside the two roots can be named.
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

    /**
     * The file at the raw (still percent-encoded) request path, or null when there is none.
     *
     * @throws ApiException 400 for a malformed or climbing path
     */
    public ApiResponse find(String rawPath) {
        String path = decode(rawPath);
        String resource;
        if (path.equals("/")) {
            resource = WWW + "/index.html";
        } else if (path.startsWith("/webjars/")) {
            resource = WEBJARS + path.substring("/webjars".length());
        } else {
            resource = WWW + path;
        }
        String type = type(resource);
        if (type == null || resource.endsWith("/") || resource.contains("//")) {
            return null;
        }
        ApiResponse cached = cache.get(resource);
        if (cached != null) {
            return cached;
        }
        byte[] bytes = read(resource);
        if (bytes == null) {
            return null;
        }
        ApiResponse r = ApiResponse.bytes(200, bytes, type);
        cache.put(resource, r);
        return r;
    }

    /** The path with each segment decoded; segments that are not plain names are refused. */
    private static String decode(String rawPath) {
        if (!rawPath.startsWith("/")) {
            throw malformed();
        }
        StringBuilder out = new StringBuilder(rawPath.length());
        for (String segment : rawPath.substring(1).split("/", -1)) {
            String name = decodeSegment(segment);
            if (name.equals(".") || name.equals("..")) {
                throw malformed();
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
                    throw malformed();
                }
            }
            out.append('/').append(name);
        }
        return out.toString();
    }

    private static String decodeSegment(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                if (c > 0x7f) {
                    throw malformed();
                }
                bytes.write(c);
                continue;
            }
            if (i + 2 >= segment.length()) {
                throw malformed();
            }
            int hi = Character.digit(segment.charAt(i + 1), 16);
            int lo = Character.digit(segment.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                throw malformed();
            }
            bytes.write(hi << 4 | lo);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static ApiException malformed() {
        return ApiException.badRequest("malformed path");
    }

    /** The resource's bytes when it is a regular file on the class path, else null. */
    private static byte[] read(String resource) {
        URL url = StaticFiles.class.getClassLoader().getResource(resource);
        if (url == null || !isRegularFile(url)) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // A class loader names directories too, and reads them as listings (exploded classes) or as
    // empty streams (jars); neither is a file of the UI.
    private static boolean isRegularFile(URL url) {
        try {
            if (url.getProtocol().equals("file")) {
                return Files.isRegularFile(Path.of(url.toURI()));
            }
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection jar) {
                return jar.getJarEntry() != null && !jar.getJarEntry().isDirectory();
            }
            return false;
        } catch (IOException | URISyntaxException e) {
            return false;
        }
    }

    private static String type(String resource) {
        int slash = resource.lastIndexOf('/');
        int dot = resource.lastIndexOf('.');
        return dot <= slash ? null : TYPES.get(resource.substring(dot + 1));
    }
}
