package io.gscam.cli.client;

import io.gscam.cli.CommandFailure;
import io.gscam.client.CameraException;
import io.gscam.client.CameraUrl;

import java.util.regex.Pattern;

/**
 * Turns the client's errors into the one-line reasons of the command-line contract: the status a
 * script greps for ("401 Unauthorized", "404 Not Found"), then the URL without credentials.
 */
public final class CameraFailures {
    private static final Pattern USER_INFO = Pattern.compile("(?i)(rtsp://)[^/@\\s]*@");

    private CameraFailures() {
    }

    public static CommandFailure of(CameraException e, CameraUrl url) {
        String message = redact(e.getMessage());
        String lead = switch (e.kind()) {
            case UNAUTHORIZED -> "401 Unauthorized";
            case NOT_FOUND -> "404 Not Found";
            case CONNECTION_REFUSED -> "connection refused";
            case TIMEOUT -> "timeout";
            default -> null;
        };
        if (lead != null && !message.toLowerCase().contains(lead.toLowerCase())) {
            message = lead + ": " + message;
        }
        return new CommandFailure(message + " (" + url.requestUrl() + ")");
    }

    /** {@code text} with the user-info part of every rtsp:// URL removed. */
    public static String redact(String text) {
        return text == null ? "" : USER_INFO.matcher(text).replaceAll("$1");
    }

    /** Parses {@code url}, failing with a one-line reason (that never holds the password). */
    public static CameraUrl parseUrl(String url) {
        try {
            return CameraUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("bad URL: " + redact(e.getMessage()), 2);
        }
    }
}
