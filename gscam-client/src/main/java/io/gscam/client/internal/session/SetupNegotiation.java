package io.gscam.client.internal.session;

import io.gscam.client.CameraException;
import io.gscam.client.CameraException.Kind;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.header.SessionHeader;
import io.gscam.protocol.header.TransportHeader;
import io.gscam.protocol.header.TransportSpec;
import io.gscam.protocol.rtsp.RtspHeaderNames;
import io.gscam.protocol.rtsp.RtspMethod;
import io.gscam.protocol.rtsp.RtspResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

import static io.gscam.client.internal.session.RtspStatus.fail;

/**
 * What a SETUP answer settles: the session (its id, kept from the first SETUP, and its timeout) and
 * the transport the camera chose for the track, which must be the lower transport offered. Pure: it
 * reads answers, it sends nothing.
 *
 * @param sessionId the session id, null before the first SETUP
 * @param timeout   the session timeout (RFC 2326 section 12.37: 60 s when the camera says none)
 */
record SetupNegotiation(String sessionId, Duration timeout) {
    private static final Logger log = LoggerFactory.getLogger(SetupNegotiation.class);
    /** RFC 2326 section 12.37: without a timeout parameter a session lives 60 s. */
    static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(60);

    /** Before any SETUP. */
    static SetupNegotiation initial() {
        return new SetupNegotiation(null, DEFAULT_SESSION_TIMEOUT);
    }

    /** The track's transport and the session after {@code answer}; throws (out of a future stage) what breaks the session. */
    record Outcome(SetupNegotiation session, TransportSpec transport) {
    }

    Outcome answer(RtspResponse r, TransportSpec offer) {
        RtspStatus.requireSuccess(r, RtspMethod.SETUP);
        SetupNegotiation next = this;
        Optional<String> session = r.header(RtspHeaderNames.SESSION);
        if (session.isPresent()) {
            try {
                SessionHeader h = SessionHeader.parse(session.get());
                String id = sessionId;
                if (sessionId != null && !sessionId.equals(h.id())) {
                    log.debug("SETUP answered another session id; keeping the first");
                } else {
                    id = h.id();
                }
                Duration t = h.timeoutSeconds().isPresent() ? Duration.ofSeconds(Math.max(1, h.timeoutSeconds().getAsInt())) : timeout;
                next = new SetupNegotiation(id, t);
            } catch (ParseException e) {
                throw fail(new CameraException(Kind.PROTOCOL, "SETUP: unreadable Session header: " + e.getMessage(), e));
            }
        } else if (sessionId == null) {
            throw fail(new CameraException(Kind.PROTOCOL, "SETUP: answer without Session header"));
        }
        TransportSpec chosen = offer;
        Optional<String> t = r.header(RtspHeaderNames.TRANSPORT);
        if (t.isPresent()) {
            try {
                chosen = TransportHeader.parse(t.get()).first();
            } catch (ParseException e) {
                throw fail(new CameraException(Kind.PROTOCOL, "SETUP: unreadable Transport header: " + e.getMessage(), e));
            }
        }
        if (chosen.lowerTransport() != offer.lowerTransport()) {
            throw fail(new CameraException(Kind.PROTOCOL, "SETUP: the camera answered " + chosen.format()
                    + " to " + offer.format()));
        }
        return new Outcome(next, chosen);
    }
}
