package io.gscam.server.limits;

import java.util.regex.Pattern;

/**
 * Text as it may be logged, printed or exported: the user-info part of any URL in it
 * ({@code rtsp://admin:secret@host/0}) replaced by {@code ***}, so no password reaches a log line,
 * even when a client put one in a request line or a parser quotes what it could not read.
 */
public final class LoggedUri {
    /** A scheme, {@code ://}, then user-info up to the last {@code @} before the host's end. */
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#\\s]*@");

    private LoggedUri() {
    }

    /** {@code text} with every URL's user-info replaced by {@code ***}. */
    public static String of(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        return USER_INFO.matcher(text).replaceAll("$1***@");
    }
}
