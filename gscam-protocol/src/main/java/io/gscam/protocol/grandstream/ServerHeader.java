package io.gscam.protocol.grandstream;

import io.gscam.protocol.ParseException;

import java.util.Optional;

/**
 * The {@code Server:} header of a Grandstream camera, both ways. DESCRIBE answers carry the stream
 * ({@code GrandStream Rtsp Server 704*480*30*1024}); other answers carry the firmware
 * ({@code GrandStream Rtsp Server V100R001}).
 */
public final class ServerHeader {
    public static final String PRODUCT = "GrandStream Rtsp Server";
    public static final String FIRMWARE = "V100R001";
    /** What the spec's camera sends outside DESCRIBE. */
    public static final String PLAIN = PRODUCT + " " + FIRMWARE;

    private ServerHeader() {
    }

    /** {@code GrandStream Rtsp Server W*H*FPS*KBPS}. */
    public static String format(StreamInfo info) {
        return PRODUCT + " " + info;
    }

    /** Whether the header names a Grandstream server (the company's spelling varies in case). */
    public static boolean isGrandstream(String value) {
        return value.strip().regionMatches(true, 0, PRODUCT, 0, PRODUCT.length());
    }

    /**
     * The stream info of a Grandstream Server header: present for {@code ... 704*480*30*1024}, empty
     * for the firmware form or another server's header.
     *
     * @throws ParseException when a Grandstream header's last word looks like stream info but is not
     */
    public static Optional<StreamInfo> parseStreamInfo(String value) throws ParseException {
        String v = value.strip();
        if (!isGrandstream(v)) {
            return Optional.empty();
        }
        String rest = v.substring(PRODUCT.length()).strip();
        if (rest.indexOf('*') < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(StreamInfo.parse(rest));
        } catch (ParseException e) {
            throw new ParseException(e.reason(), value.indexOf(rest) + e.offset());
        }
    }
}
