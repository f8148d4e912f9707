package io.gscam.protocol.sdp;

import java.util.Objects;

/**
 * Resolves an {@code a=control} attribute to the URL a client sends SETUP (or PLAY) to, as
 * RFC 2326 appendix C.1.1 describes and as real clients do it.
 *
 * <p>The base is the Content-Base header, else Content-Location, else the request URL
 * ({@link #base}). A relative control is appended to the base with one {@code /} between them. This
 * is not RFC 3986 reference resolution, which would drop the base's last path segment and turn the
 * Grandstream answer's {@code rtsp://192.168.86.232/0} + {@code trackID=0} into
 * {@code rtsp://192.168.86.232/trackID=0}; every deployed client (ffmpeg's rtsp.c, live555,
 * gortsplib's {@code Media.URL}, media3's {@code Uri.withAppendedPath}) appends instead, giving
 * {@code rtsp://192.168.86.232/0/trackID=0}, which is the URL of the spec's own SETUP, and servers
 * are built against them. Also as gortsplib does, a control that starts with {@code ?} is appended
 * without a slash. A control with a scheme and {@code //} ({@code rtsp://...}) is used as it is (gortsplib also
 * replaces its host with the base's, for cameras behind NAT; we leave that to the caller). A control
 * that starts with {@code /} replaces the base's path (RFC 3986), where ffmpeg would produce a
 * double slash. {@code *} and an absent control mean the base itself.
 */
public final class ControlUrl {
    private ControlUrl() {
    }

    /**
     * The base URL for resolving controls: the first of Content-Base, Content-Location and the
     * request URL that is present and not blank (RFC 2326 C.1.1).
     */
    public static String base(String contentBase, String contentLocation, String requestUrl) {
        if (contentBase != null && !contentBase.isBlank()) {
            return contentBase.trim();
        }
        if (contentLocation != null && !contentLocation.isBlank()) {
            return contentLocation.trim();
        }
        return Objects.requireNonNull(requestUrl, "requestUrl").trim();
    }

    /**
     * The URL of a session or media section with the given {@code a=control} value (null when it
     * has none), relative to {@code baseUrl}.
     */
    public static String resolve(String baseUrl, String control) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String c = control == null ? "" : control.trim();
        if (c.isEmpty() || c.equals("*")) {
            return baseUrl;
        }
        if (hasScheme(c)) {
            return c;
        }
        if (c.startsWith("?")) {
            return baseUrl + c;
        }
        if (c.startsWith("/")) {
            return authorityOf(baseUrl) + c;
        }
        return baseUrl.endsWith("/") ? baseUrl + c : baseUrl + "/" + c;
    }

    /**
     * An absolute URL: an RFC 3986 scheme followed by {@code ://}. Requiring the slashes (as gortsplib
     * does with its {@code rtsp://} prefix test) keeps a relative control with a colon in it
     * ({@code track:1}) relative.
     */
    private static boolean hasScheme(String s) {
        int colon = s.indexOf("://");
        if (colon <= 0 || !isAsciiLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char ch = s.charAt(i);
            if (!isAsciiLetter(ch) && !(ch >= '0' && ch <= '9') && ch != '+' && ch != '-' && ch != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    }

    /** {@code rtsp://host:port} of a URL, without path, query or trailing slash. */
    private static String authorityOf(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
        int pathStart = schemeEnd + 3;
        while (pathStart < url.length() && "/?#".indexOf(url.charAt(pathStart)) < 0) {
            pathStart++;
        }
        return url.substring(0, pathStart);
    }
}
