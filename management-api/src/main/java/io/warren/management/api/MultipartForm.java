package io.warren.management.api;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpData;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.warren.management.http.ApiException;
import io.warren.management.http.ApiRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/form-data} body, as the web UI's definitions upload posts it, decoded by
 * Netty's {@link HttpPostRequestDecoder} into its fields' bytes. Built and read by one thread.
 */
final class MultipartForm {
    private final Map<String, byte[]> fields;

    private MultipartForm(Map<String, byte[]> fields) {
        this.fields = fields;
    }

    static boolean isMultipart(ApiRequest req) {
        String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** Decodes the whole body in memory; a malformed one is RabbitMQ's 400 for an unreadable upload. */
    static MultipartForm parse(ApiRequest req) {
        FullHttpRequest http = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, req.method(), req.path(),
                Unpooled.wrappedBuffer(req.body()), req.headers(), EmptyHttpHeaders.INSTANCE);
        HttpPostRequestDecoder decoder = null;
        try {
            decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), http);
            Map<String, byte[]> fields = new HashMap<>();
            for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
                if (data instanceof HttpData d) {
                    fields.put(d.getName(), d.get());
                }
            }
            return new MultipartForm(fields);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException | IOException e) {
            throw ApiException.badRequest("failed_to_parse_json");
        } finally {
            if (decoder != null) {
                decoder.destroy();
            }
            http.release();
        }
    }

    /** A field's bytes (a file's content), or null. */
    byte[] field(String name) {
        return fields.get(name);
    }

    /** A text field, or null when absent or empty. */
    String text(String name) {
        byte[] v = fields.get(name);
        return v == null || v.length == 0 ? null : new String(v, StandardCharsets.UTF_8);
    }
}
