package io.gscam.protocol.sdp;

import java.util.Map;
import java.util.Optional;

/**
 * The static RTP payload types of RFC 3551 tables 4 and 5, for media sections that list a static
 * type without an {@code a=rtpmap} (the ONVIF and many camera SDPs write {@code m=video 0 RTP/AVP 26}
 * and nothing else). Type 2, once G.721 and later G726-32, is reserved by RFC 3551 and left out:
 * devices that use it say what they mean with an rtpmap. Audio types carry their channel count
 * (RFC 3551 gives one); video types and MPA leave it out.
 */
public final class StaticPayloadTypes {
    private static final Map<Integer, RtpMap> TABLE = Map.ofEntries(
            audio(0, "PCMU", 8000, 1),
            audio(3, "GSM", 8000, 1),
            audio(4, "G723", 8000, 1),
            audio(5, "DVI4", 8000, 1),
            audio(6, "DVI4", 16000, 1),
            audio(7, "LPC", 8000, 1),
            audio(8, "PCMA", 8000, 1),
            audio(9, "G722", 8000, 1),
            audio(10, "L16", 44100, 2),
            audio(11, "L16", 44100, 1),
            audio(12, "QCELP", 8000, 1),
            audio(13, "CN", 8000, 1),
            audio(14, "MPA", 90000, 0),
            audio(15, "G728", 8000, 1),
            audio(16, "DVI4", 11025, 1),
            audio(17, "DVI4", 22050, 1),
            audio(18, "G729", 8000, 1),
            audio(25, "CelB", 90000, 0),
            audio(26, "JPEG", 90000, 0),
            audio(28, "nv", 90000, 0),
            audio(31, "H261", 90000, 0),
            audio(32, "MPV", 90000, 0),
            audio(33, "MP2T", 90000, 0),
            audio(34, "H263", 90000, 0));

    private StaticPayloadTypes() {
    }

    private static Map.Entry<Integer, RtpMap> audio(int pt, String name, int clock, int channels) {
        return Map.entry(pt, new RtpMap(pt, name, clock, channels));
    }

    /** The RFC 3551 mapping of a static payload type; empty for dynamic, reserved and unassigned ones. */
    public static Optional<RtpMap> lookup(int payloadType) {
        return Optional.ofNullable(TABLE.get(payloadType));
    }
}
