package io.gscam.nvr.http;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A whole HTTP answer: status, content type, extra headers, body. */
record ApiResponse(HttpResponseStatus status, String contentType, Map<String, String> headers, byte[] body) {
    static ApiResponse text(HttpResponseStatus status, String text) {
        return new ApiResponse(status, "text/plain; charset=utf-8", Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    static ApiResponse of(String contentType, byte[] body) {
        return new ApiResponse(HttpResponseStatus.OK, contentType, Map.of(), body);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, contentType, h, body);
    }
}
