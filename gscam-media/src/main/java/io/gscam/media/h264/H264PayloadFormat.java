package io.gscam.media.h264;

import io.gscam.media.container.Track;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.RtpPayloadReader;
import io.gscam.media.rtp.RtpPayloadWriter;
import io.gscam.media.rtp.SampleSink;
import io.gscam.media.rtp.StreamFormat;
import io.gscam.media.rtp.VideoPayloadFormat;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.sdp.SpropParameterSets;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * H.264 over RTP (RFC 6184), rtpmap name {@code H264}, packetization-mode 1. The reader starts with
 * the SPS and PPS of the SDP's {@code sprop-parameter-sets} when given (a broken value is ignored:
 * the stream repeats them in-band), so a recorder has its codec configuration before the first IDR.
 */
public final class H264PayloadFormat extends VideoPayloadFormat {
    public static final String ENCODING_NAME = "H264";

    private final int maxFragmentPayload;
    private final H264PayloadReader.LossRecovery recovery;

    /** The spec's FU-A size, 1024 bytes. */
    public H264PayloadFormat() {
        this(FuAFragmenter.DEFAULT_MAX_FRAGMENT_PAYLOAD);
    }

    public H264PayloadFormat(int maxFragmentPayload) {
        this(maxFragmentPayload, H264PayloadReader.LossRecovery.NEXT_ACCESS_UNIT);
    }

    private H264PayloadFormat(int maxFragmentPayload, H264PayloadReader.LossRecovery recovery) {
        super(ENCODING_NAME);
        new FuAFragmenter(maxFragmentPayload); // validates now rather than at the first stream
        this.maxFragmentPayload = maxFragmentPayload;
        this.recovery = recovery;
    }

    /** Readers that drop everything after a loss up to the next IDR: what a recorder wants. */
    public static H264PayloadFormat resumingAtKeyframes() {
        return new H264PayloadFormat(FuAFragmenter.DEFAULT_MAX_FRAGMENT_PAYLOAD, H264PayloadReader.LossRecovery.NEXT_KEYFRAME);
    }

    @Override
    public RtpPayloadReader newReader(MediaFormat format, SampleSink sink) {
        return new H264PayloadReader(sink, recovery,
                H264PayloadReader.DEFAULT_MAX_ACCESS_UNIT_SIZE, spropParameterSets(format));
    }

    @Override
    public RtpPayloadWriter newWriter(MediaFormat format) {
        return new H264PayloadWriter(maxFragmentPayload, false);
    }

    /** H.264 as it is, with the first SPS and PPS of the codec configuration (the writer takes later ones in-band). */
    @Override
    public Optional<Track> containerTrack(MediaFormat format, StreamFormat stream) {
        return Optional.of(Track.h264(stream.width(), stream.height(),
                first(stream.codecConfig(), NalUnit.TYPE_SPS), first(stream.codecConfig(), NalUnit.TYPE_PPS)));
    }

    private static byte[] first(List<byte[]> nalUnits, int type) {
        for (byte[] nal : nalUnits) {
            if (nal.length > 0 && (nal[0] & 0x1F) == type) {
                return nal;
            }
        }
        return null;
    }

    /**
     * The SDP format of a packetization-mode 1 stream with these parameter sets (NAL units without
     * start codes): {@code H264/90000}, {@code profile-level-id} from the SPS and
     * {@code sprop-parameter-sets}.
     */
    public static MediaFormat mediaFormat(int payloadType, byte[] sps, byte[] pps) {
        if (sps.length < 4) {
            throw new IllegalArgumentException("SPS of " + sps.length + " bytes is too short");
        }
        Map<String, String> fmtp = new LinkedHashMap<>();
        fmtp.put("packetization-mode", "1");
        fmtp.put("profile-level-id", HexFormat.of().withUpperCase().formatHex(sps, 1, 4));
        fmtp.put("sprop-parameter-sets", SpropParameterSets.of(sps, pps).format());
        return mediaFormat(payloadType, ENCODING_NAME, fmtp);
    }

    /** The NAL units of {@code sprop-parameter-sets} (RFC 6184 8.1: comma-separated base64), or none. */
    static List<NalUnit> spropParameterSets(MediaFormat format) {
        String sprop = format.fmtpParameter("sprop-parameter-sets");
        if (sprop == null) {
            return List.of();
        }
        try {
            return SpropParameterSets.parse(sprop).nalUnits().stream().map(NalUnit::new).toList();
        } catch (ParseException brokenSprop) {
            return List.of(); // cameras send broken sprops; the in-band SPS/PPS will do
        }
    }
}
