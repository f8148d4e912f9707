package io.gscam.protocol.rtsp;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An RTSP status: code and reason phrase. The constants carry the reason phrases of RFC 2326
 * section 7.1.1, spelled as the RFC spells them; a peer's own phrase for a code is kept in
 * {@link RtspResponse#reason()}, never replaced.
 *
 * @param code   the three-digit status code, 100..999
 * @param reason the reason phrase, possibly empty
 */
public record RtspStatus(int code, String reason) {
    public static final RtspStatus CONTINUE = new RtspStatus(100, "Continue");
    public static final RtspStatus OK = new RtspStatus(200, "OK");
    public static final RtspStatus CREATED = new RtspStatus(201, "Created");
    public static final RtspStatus LOW_ON_STORAGE_SPACE = new RtspStatus(250, "Low on Storage Space");
    public static final RtspStatus MULTIPLE_CHOICES = new RtspStatus(300, "Multiple Choices");
    public static final RtspStatus MOVED_PERMANENTLY = new RtspStatus(301, "Moved Permanently");
    public static final RtspStatus MOVED_TEMPORARILY = new RtspStatus(302, "Moved Temporarily");
    public static final RtspStatus SEE_OTHER = new RtspStatus(303, "See Other");
    public static final RtspStatus NOT_MODIFIED = new RtspStatus(304, "Not Modified");
    public static final RtspStatus USE_PROXY = new RtspStatus(305, "Use Proxy");
    public static final RtspStatus BAD_REQUEST = new RtspStatus(400, "Bad Request");
    public static final RtspStatus UNAUTHORIZED = new RtspStatus(401, "Unauthorized");
    public static final RtspStatus PAYMENT_REQUIRED = new RtspStatus(402, "Payment Required");
    public static final RtspStatus FORBIDDEN = new RtspStatus(403, "Forbidden");
    public static final RtspStatus NOT_FOUND = new RtspStatus(404, "Not Found");
    public static final RtspStatus METHOD_NOT_ALLOWED = new RtspStatus(405, "Method Not Allowed");
    public static final RtspStatus NOT_ACCEPTABLE = new RtspStatus(406, "Not Acceptable");
    public static final RtspStatus PROXY_AUTHENTICATION_REQUIRED = new RtspStatus(407, "Proxy Authentication Required");
    public static final RtspStatus REQUEST_TIMEOUT = new RtspStatus(408, "Request Time-out");
    public static final RtspStatus GONE = new RtspStatus(410, "Gone");
    public static final RtspStatus LENGTH_REQUIRED = new RtspStatus(411, "Length Required");
    public static final RtspStatus PRECONDITION_FAILED = new RtspStatus(412, "Precondition Failed");
    public static final RtspStatus REQUEST_ENTITY_TOO_LARGE = new RtspStatus(413, "Request Entity Too Large");
    public static final RtspStatus REQUEST_URI_TOO_LARGE = new RtspStatus(414, "Request-URI Too Large");
    public static final RtspStatus UNSUPPORTED_MEDIA_TYPE = new RtspStatus(415, "Unsupported Media Type");
    public static final RtspStatus PARAMETER_NOT_UNDERSTOOD = new RtspStatus(451, "Parameter Not Understood");
    public static final RtspStatus CONFERENCE_NOT_FOUND = new RtspStatus(452, "Conference Not Found");
    public static final RtspStatus NOT_ENOUGH_BANDWIDTH = new RtspStatus(453, "Not Enough Bandwidth");
    public static final RtspStatus SESSION_NOT_FOUND = new RtspStatus(454, "Session Not Found");
    public static final RtspStatus METHOD_NOT_VALID_IN_THIS_STATE = new RtspStatus(455, "Method Not Valid in This State");
    public static final RtspStatus HEADER_FIELD_NOT_VALID_FOR_RESOURCE = new RtspStatus(456, "Header Field Not Valid for Resource");
    public static final RtspStatus INVALID_RANGE = new RtspStatus(457, "Invalid Range");
    public static final RtspStatus PARAMETER_IS_READ_ONLY = new RtspStatus(458, "Parameter Is Read-Only");
    public static final RtspStatus AGGREGATE_OPERATION_NOT_ALLOWED = new RtspStatus(459, "Aggregate operation not allowed");
    public static final RtspStatus ONLY_AGGREGATE_OPERATION_ALLOWED = new RtspStatus(460, "Only aggregate operation allowed");
    public static final RtspStatus UNSUPPORTED_TRANSPORT = new RtspStatus(461, "Unsupported transport");
    public static final RtspStatus DESTINATION_UNREACHABLE = new RtspStatus(462, "Destination unreachable");
    public static final RtspStatus INTERNAL_SERVER_ERROR = new RtspStatus(500, "Internal Server Error");
    public static final RtspStatus NOT_IMPLEMENTED = new RtspStatus(501, "Not Implemented");
    public static final RtspStatus BAD_GATEWAY = new RtspStatus(502, "Bad Gateway");
    public static final RtspStatus SERVICE_UNAVAILABLE = new RtspStatus(503, "Service Unavailable");
    public static final RtspStatus GATEWAY_TIMEOUT = new RtspStatus(504, "Gateway Time-out");
    public static final RtspStatus RTSP_VERSION_NOT_SUPPORTED = new RtspStatus(505, "RTSP Version not supported");
    public static final RtspStatus OPTION_NOT_SUPPORTED = new RtspStatus(551, "Option not supported");

    /** Every status RFC 2326 names, in code order. */
    public static final List<RtspStatus> STANDARD = List.of(CONTINUE, OK, CREATED, LOW_ON_STORAGE_SPACE, MULTIPLE_CHOICES, MOVED_PERMANENTLY, MOVED_TEMPORARILY, SEE_OTHER, NOT_MODIFIED, USE_PROXY, BAD_REQUEST, UNAUTHORIZED, PAYMENT_REQUIRED, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, PROXY_AUTHENTICATION_REQUIRED, REQUEST_TIMEOUT, GONE, LENGTH_REQUIRED, PRECONDITION_FAILED, REQUEST_ENTITY_TOO_LARGE, REQUEST_URI_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, PARAMETER_NOT_UNDERSTOOD, CONFERENCE_NOT_FOUND, NOT_ENOUGH_BANDWIDTH, SESSION_NOT_FOUND, METHOD_NOT_VALID_IN_THIS_STATE, HEADER_FIELD_NOT_VALID_FOR_RESOURCE, INVALID_RANGE, PARAMETER_IS_READ_ONLY, AGGREGATE_OPERATION_NOT_ALLOWED, ONLY_AGGREGATE_OPERATION_ALLOWED, UNSUPPORTED_TRANSPORT, DESTINATION_UNREACHABLE, INTERNAL_SERVER_ERROR, NOT_IMPLEMENTED, BAD_GATEWAY, SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT, RTSP_VERSION_NOT_SUPPORTED, OPTION_NOT_SUPPORTED);

    private static final Map<Integer, RtspStatus> BY_CODE =
            STANDARD.stream().collect(Collectors.toUnmodifiableMap(RtspStatus::code, Function.identity()));

    public RtspStatus {
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("status code must have three digits: " + code);
        }
        reason = RtspSyntax.requireReason(reason);
    }

    /** The standard status for {@code code}, or one with a generic phrase by class (RFC 2326 section 7.1.1). */
    public static RtspStatus of(int code) {
        RtspStatus known = BY_CODE.get(code);
        if (known != null) {
            return known;
        }
        String generic = switch (code / 100) {
            case 1 -> "Informational";
            case 2 -> "Success";
            case 3 -> "Redirection";
            case 4 -> "Client Error";
            case 5 -> "Server Error";
            default -> "Unknown";
        };
        return new RtspStatus(code, generic);
    }

    /** 2xx. */
    public boolean isSuccess() {
        return code >= 200 && code < 300;
    }

    @Override
    public String toString() {
        return code + " " + reason;
    }
}
