package io.gscam.nvr.web;

/**
 * An answer of the dashboard's routes, turned into the API's own response by the caller.
 *
 * @param status HTTP status code
 */
public record WebResponse(int status, String contentType, byte[] body) {
    static WebResponse ok(String contentType, byte[] body) {
        return new WebResponse(200, contentType, body);
    }

    static WebResponse text(int status, String text) {
        return new WebResponse(status, "text/plain; charset=utf-8", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
