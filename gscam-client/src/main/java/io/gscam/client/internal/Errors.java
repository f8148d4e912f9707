package io.gscam.client.internal;

import io.gscam.client.CameraException;
import io.gscam.client.CameraException.Kind;
import io.gscam.protocol.ParseException;
import io.netty.channel.ConnectTimeoutException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns what Netty and the parsers throw into the one-line {@link CameraException}s callers see. */
public final class Errors {
    private Errors() {
    }

    /** {@code host:port} for messages; never a URL, which could hold credentials. */
    public static String address(String host, int port) {
        return (host.indexOf(':') >= 0 ? '[' + host + ']' : host) + ':' + port;
    }

    public static CameraException connectFailure(Throwable t, String host, int port, Duration timeout) {
        Throwable c = unwrap(t);
        String where = address(host, port);
        if (c instanceof CameraException e) {
            return e;
        }
        if (c instanceof ConnectTimeoutException) {
            return new CameraException(Kind.TIMEOUT, "timeout: no connection to " + where + " within " + seconds(timeout), c);
        }
        if (c instanceof UnknownHostException) {
            return new CameraException(Kind.IO, "unknown host: " + host, c);
        }
        if (c instanceof ConnectException) {
            String m = String.valueOf(c.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("refused")) {
                return new CameraException(Kind.CONNECTION_REFUSED, "connection refused: " + where, c);
            }
            if (m.contains("timed out")) {
                return new CameraException(Kind.TIMEOUT, "timeout: no connection to " + where + " within " + seconds(timeout), c);
            }
        }
        return new CameraException(Kind.IO, "cannot connect to " + where + ": " + c.getMessage(), c);
    }

    /** An error on an established connection. */
    public static CameraException connectionFailure(Throwable t, String what) {
        Throwable c = unwrap(t);
        if (c instanceof CameraException e) {
            return e;
        }
        if (c instanceof ParseException p) {
            return new CameraException(Kind.PROTOCOL, what + ": unreadable data from the camera: " + p.getMessage(), p);
        }
        if (c instanceof ClosedChannelException) {
            return new CameraException(Kind.CONNECTION_LOST, what + ": connection closed", c);
        }
        if (c instanceof IOException) {
            String m = String.valueOf(c.getMessage());
            return new CameraException(Kind.CONNECTION_LOST, what + ": " + (m.toLowerCase(java.util.Locale.ROOT).contains("reset") ? "connection reset" : m), c);
        }
        return new CameraException(Kind.IO, what + ": " + c, c);
    }

    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    public static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
