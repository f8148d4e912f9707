package io.gscam.media.rtp;

import io.gscam.media.MediaKind;

import java.util.Map;
import java.util.Set;

/**
 * What the video payload formats share: one rtpmap encoding name and the 90 kHz RTP clock that
 * RFC 3551 (section 5) gives every video payload.
 */
public abstract class VideoPayloadFormat implements PayloadFormat {
    public static final int CLOCK_RATE = 90_000;

    private final String encodingName;

    protected VideoPayloadFormat(String encodingName) {
        this.encodingName = encodingName;
    }

    @Override
    public final Set<String> encodingNames() {
        return Set.of(encodingName);
    }

    @Override
    public final MediaKind kind() {
        return MediaKind.VIDEO;
    }

    /** The SDP format {@code <encodingName>/90000} at {@code payloadType} with these fmtp parameters. */
    protected static MediaFormat mediaFormat(int payloadType, String encodingName, Map<String, String> fmtp) {
        return new MediaFormat(MediaKind.VIDEO, payloadType, encodingName, CLOCK_RATE, 1, fmtp);
    }
}
