package io.gscam.nvr.http;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole HTTP answer: status, content type, extra headers, and a body in memory or, for media,
 * in a temporary file that is streamed and then deleted.
 */
record ApiResponse(HttpResponseStatus status, String contentType, Map<String, String> headers, byte[] body, Path file) {
    static ApiResponse text(HttpResponseStatus status, String text) {
        return new ApiResponse(status, "text/plain; charset=utf-8", Map.of(), text.getBytes(StandardCharsets.UTF_8), null);
    }

    static ApiResponse of(String contentType, byte[] body) {
        return new ApiResponse(HttpResponseStatus.OK, contentType, Map.of(), body, null);
    }

    /** An answer whose body is {@code file}, deleted once sent. */
    static ApiResponse file(String contentType, Path file) {
        return new ApiResponse(HttpResponseStatus.OK, contentType, Map.of(), new byte[0], file);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, contentType, h, body, file);
    }
}
