package io.gscam.protocol.header;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.HeaderValues.Parameter;
import io.gscam.protocol.header.HeaderValues.Segment;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The Session header (RFC 2326 section 12.37): the session id and, in responses, the timeout in
 * seconds after which an idle session is freed. The spec's camera sends {@code 09682642;timeout=120}
 * and the client echoes {@code 09682642}.
 *
 * <p>Tolerated: white space around {@code ;} and {@code =} ({@code 12345678; timeout = 60}) and
 * parameters other than {@code timeout}, which are ignored.
 */
public record SessionHeader(String id, OptionalInt timeoutSeconds) {
    public SessionHeader {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timeoutSeconds, "timeoutSeconds");
        if (!isSessionId(id)) {
            throw new IllegalArgumentException("not a session id: " + id);
        }
        if (timeoutSeconds.isPresent() && timeoutSeconds.getAsInt() < 0) {
            throw new IllegalArgumentException("negative timeout: " + timeoutSeconds.getAsInt());
        }
    }

    /** A session id without a timeout, as a client sends it. */
    public static SessionHeader of(String id) {
        return new SessionHeader(id, OptionalInt.empty());
    }

    /** A session id with a timeout, as a server answers SETUP. */
    public static SessionHeader of(String id, int timeoutSeconds) {
        return new SessionHeader(id, OptionalInt.of(timeoutSeconds));
    }

    public static SessionHeader parse(String value) throws ParseException {
        List<Segment> parts = HeaderValues.split(value, ';');
        Segment id = parts.get(0);
        if (!isSessionId(id.text())) {
            throw id.error("bad session id: '" + HeaderValues.abbreviate(id.text()) + "'");
        }
        OptionalInt timeout = OptionalInt.empty();
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i).isEmpty()) {
                continue;
            }
            Parameter p = HeaderValues.parameter(parts.get(i));
            if (p.key().equals("timeout")) {
                Segment v = p.value().orElseThrow(() -> p.name().error("timeout needs a value"));
                Segment digits = new Segment(HeaderValues.unquote(v), v.offset()).trim();
                timeout = OptionalInt.of((int) HeaderValues.parseDecimal(digits, Integer.MAX_VALUE, "timeout"));
            }
        }
        return new SessionHeader(id.text(), timeout);
    }

    public String format() {
        return timeoutSeconds.isPresent() ? id + ";timeout=" + timeoutSeconds.getAsInt() : id;
    }

    /** RFC 2326 allows letters, digits and {@code $-_.+}; any visible character but {@code ;,"} is accepted. */
    private static boolean isSessionId(String id) {
        return HeaderValues.isBareValue(id);
    }

    @Override
    public String toString() {
        return format();
    }
}
