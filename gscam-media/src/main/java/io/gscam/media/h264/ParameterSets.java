package io.gscam.media.h264;

import io.gscam.protocol.ParseException;

import java.util.List;
import java.util.Objects;

/**
 * The codec configuration of an H.264 stream: the latest sequence and picture parameter sets, as a
 * recorder needs them for an MP4 {@code avcC} or a Matroska CodecPrivate.
 */
public record ParameterSets(NalUnit sps, NalUnit pps) {
    public ParameterSets {
        Objects.requireNonNull(sps, "sps");
        Objects.requireNonNull(pps, "pps");
        if (!sps.isSps() || !pps.isPps()) {
            throw new IllegalArgumentException("expected an SPS (type 7) and a PPS (type 8), got types "
                    + sps.type() + " and " + pps.type());
        }
    }

    /** SPS then PPS, each after a 4-byte start code. */
    public byte[] toAnnexB() {
        return AnnexB.join(List.of(sps, pps));
    }

    /** The SPS parsed: width, height, profile, level, frame rate. */
    public SequenceParameterSet parseSps() throws ParseException {
        return SpsParser.parse(sps);
    }
}
