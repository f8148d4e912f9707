package io.gscam.client;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An {@code rtsp://[user[:password]@]host[:port][/path]} URL, split into the request URL sent to the
 * camera (without credentials) and the credentials. User and password may be percent-encoded
 * ({@code p%40ss} for {@code p@ss}); the last {@code @} before the path ends them, as ffmpeg reads it.
 * {@link #toString()} never shows the password.
 *
 * <p>Or a {@code file:} URL of a local SDP file ({@link #sdpFile(Path)}, {@code file:///tmp/cam.sdp}):
 * an RTP/UDP session that needs no RTSP, played as {@code ffmpeg -i cam.sdp} plays it (see
 * {@link GsCamClient#open(CameraOptions, CameraListener)}). Such a URL has no host, port or credentials.
 */
public final class CameraUrl {
    public static final int DEFAULT_PORT = 554;

    private final String host;
    private final int port;
    private final String path;
    private final String user;
    private final String password;
    /** The SDP file of a {@code file:} URL, else null. */
    private final Path sdpFile;

    private CameraUrl(String host, int port, String path, String user, String password) {
        this.host = host;
        this.port = port;
        this.path = path;
        this.user = user;
        this.password = password;
        this.sdpFile = null;
    }

    private CameraUrl(Path sdpFile) {
        this.host = "";
        this.port = 0;
        this.path = sdpFile.toString();
        this.user = null;
        this.password = null;
        this.sdpFile = sdpFile;
    }

    /** The {@code file:} URL of a local SDP file that describes an RTP/UDP session. */
    public static CameraUrl sdpFile(Path file) {
        return new CameraUrl(Objects.requireNonNull(file, "file").toAbsolutePath().normalize());
    }

    /**
     * Reads a URL, {@code rtsp://...} or {@code file:...} (an SDP file); throws
     * IllegalArgumentException naming what is wrong (without the password).
     */
    public static CameraUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        String s = url.trim();
        if (s.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                return sdpFile(Path.of(URI.create(s)));
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                throw new IllegalArgumentException("not a local file: URL: " + e.getMessage());
            }
        }
        if (!s.regionMatches(true, 0, "rtsp://", 0, 7)) {
            throw new IllegalArgumentException("not an rtsp:// or file: URL");
        }
        String rest = s.substring(7);
        int at = rest.lastIndexOf('@', firstOf(rest, '/', '?'));
        String user = null;
        String password = null;
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        int slash = firstOf(rest, '/', '?');
        String authority = rest.substring(0, slash);
        String path = rest.substring(slash);
        if (path.isEmpty()) {
            path = "/";
        }
        String host;
        int port = DEFAULT_PORT;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed IPv6 literal in URL");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (after.startsWith(":")) {
                port = port(after.substring(1));
            } else if (!after.isEmpty()) {
                throw new IllegalArgumentException("unexpected text after the IPv6 host");
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            if (colon >= 0) {
                port = port(authority.substring(colon + 1));
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host in URL");
        }
        return new CameraUrl(host, port, path, user, password);
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) {
            return j < 0 ? s.length() : j;
        }
        return j < 0 ? i : Math.min(i, j);
    }

    private static int port(String digits) {
        try {
            int p = Integer.parseInt(digits);
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("port out of 1..65535: " + digits);
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number: " + digits);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The local SDP file this {@code file:} URL names; empty for an {@code rtsp://} URL. */
    public Optional<Path> sdpFile() {
        return Optional.ofNullable(sdpFile);
    }

    /** The camera's host; "" for an SDP file. */
    public String host() {
        return host;
    }

    /** The RTSP port; 0 for an SDP file. */
    public int port() {
        return port;
    }

    /** The path with query, starting with {@code /}. */
    public String path() {
        return path;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The password; handle with care, never log it. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The URL requests are sent to: no credentials ({@code file:///...} for an SDP file). */
    public String requestUrl() {
        if (sdpFile != null) {
            return sdpFile.toUri().toString();
        }
        String h = host.indexOf(':') >= 0 ? '[' + host + ']' : host;
        return "rtsp://" + h + ':' + port + path;
    }

    /**
     * The Grandstream channel the path names ({@code /0} .. {@code /7}), for the MCTP heartbeat
     * registration; empty when the first path segment is not a number.
     */
    public OptionalInt channel() {
        if (sdpFile != null) {
            return OptionalInt.empty();
        }
        String p = path.substring(1);
        int end = firstOf(p, '/', '?');
        String first = p.substring(0, end);
        if (first.isEmpty() || first.length() > 4 || !first.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(first));
    }

    /** This URL with other credentials. */
    public CameraUrl withCredentials(String user, String password) {
        if (sdpFile != null) {
            throw new IllegalArgumentException("an SDP file takes no credentials");
        }
        return new CameraUrl(host, port, path, user, password);
    }

    /** The request URL, with {@code user:***@} when credentials are set. Safe to log. */
    @Override
    public String toString() {
        if (user == null) {
            return requestUrl();
        }
        return "rtsp://" + user + (password == null ? "" : ":***") + '@' + requestUrl().substring(7);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CameraUrl u && Objects.equals(sdpFile, u.sdpFile) && port == u.port && host.toLowerCase(Locale.ROOT).equals(u.host.toLowerCase(Locale.ROOT))
                && path.equals(u.path) && Objects.equals(user, u.user) && Objects.equals(password, u.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host.toLowerCase(Locale.ROOT), port, path, user, sdpFile);
    }
}
