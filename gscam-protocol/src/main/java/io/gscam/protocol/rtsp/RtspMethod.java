package io.gscam.protocol.rtsp;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An RTSP method name. The RFC 2326 methods are constants; any other token is a valid method too,
 * because a request with an unknown method must still parse so that the server can answer 501 or 405.
 * Method names are case-sensitive (RFC 2326 section 6.1).
 *
 * @param name the method as written on the request line
 */
public record RtspMethod(String name) {
    public static final RtspMethod OPTIONS = new RtspMethod("OPTIONS");
    public static final RtspMethod DESCRIBE = new RtspMethod("DESCRIBE");
    public static final RtspMethod ANNOUNCE = new RtspMethod("ANNOUNCE");
    public static final RtspMethod SETUP = new RtspMethod("SETUP");
    public static final RtspMethod PLAY = new RtspMethod("PLAY");
    public static final RtspMethod PAUSE = new RtspMethod("PAUSE");
    public static final RtspMethod TEARDOWN = new RtspMethod("TEARDOWN");
    public static final RtspMethod GET_PARAMETER = new RtspMethod("GET_PARAMETER");
    public static final RtspMethod SET_PARAMETER = new RtspMethod("SET_PARAMETER");
    public static final RtspMethod RECORD = new RtspMethod("RECORD");
    public static final RtspMethod REDIRECT = new RtspMethod("REDIRECT");

    /** The methods RFC 2326 defines, in the order of its section 10. */
    public static final List<RtspMethod> STANDARD = List.of(OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, PAUSE,
            TEARDOWN, GET_PARAMETER, SET_PARAMETER, RECORD, REDIRECT);

    private static final Map<String, RtspMethod> BY_NAME =
            STANDARD.stream().collect(Collectors.toUnmodifiableMap(RtspMethod::name, Function.identity()));

    /** @throws IllegalArgumentException if {@code name} is not an RFC 7230 token */
    public RtspMethod {
        RtspSyntax.requireMethodName(name);
    }

    /** The constant for a standard method, else a new value for the unknown one. */
    public static RtspMethod of(String name) {
        RtspMethod known = BY_NAME.get(name);
        return known != null ? known : new RtspMethod(name);
    }

    /** Whether RFC 2326 defines this method. */
    public boolean isStandard() {
        return BY_NAME.containsKey(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
