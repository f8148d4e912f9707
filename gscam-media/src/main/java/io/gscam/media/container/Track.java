package io.gscam.media.container;

import io.gscam.media.MediaKind;
import io.gscam.media.flac.FlacFrameHeader;
import io.gscam.media.flac.FlacStreamInfo;
import io.gscam.media.g726.G726Packing;
import io.gscam.media.h264.SpsParser;
import io.gscam.protocol.ParseException;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a container needs to know about one track before its first sample: the codec, the clock its
 * timestamps count in (RTP clock rate: 90000 for video, the sample rate for G.711/G.726/PCM), the
 * picture size or audio format, and for H.264 the parameter sets. An H.264 track may be declared
 * without SPS/PPS; writers then take them from the first keyframe that carries them in-band.
 *
 * @param codec            the codec
 * @param clockRate        ticks per second of the sample timestamps
 * @param width            picture width in pixels (video), else 0
 * @param height           picture height in pixels (video), else 0
 * @param sampleRate       audio samples per second (audio), else 0
 * @param channels         audio channels (audio), else 0
 * @param bitsPerSample    G.726 code word size 2..5 (16..40 kbit/s at 8 kHz); 8 for G.711, 16 for PCM and FLAC; 0 for video
 * @param g726Packing      bit packing of G.726 samples, null for other codecs
 * @param sps              H.264 sequence parameter sets (NAL units without start code), may be empty
 * @param pps              H.264 picture parameter sets (NAL units without start code), may be empty
 */
public record Track(TrackCodec codec, int clockRate, int width, int height, int sampleRate, int channels,
                    int bitsPerSample, G726Packing g726Packing, List<byte[]> sps, List<byte[]> pps) {

    public Track {
        Objects.requireNonNull(codec, "codec");
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, got " + clockRate);
        }
        if (codec.kind() == MediaKind.VIDEO && (width < 0 || height < 0)) {
            throw new IllegalArgumentException("negative picture size " + width + "x" + height);
        }
        if (codec.kind() == MediaKind.AUDIO && (sampleRate <= 0 || channels <= 0)) {
            throw new IllegalArgumentException("audio needs a sample rate and channels, got " + sampleRate + "/" + channels);
        }
        if (codec == TrackCodec.G726) {
            if (bitsPerSample < 2 || bitsPerSample > 5) {
                throw new IllegalArgumentException("G.726 code words are 2..5 bits, got " + bitsPerSample);
            }
            Objects.requireNonNull(g726Packing, "g726Packing");
        }
        if (codec == TrackCodec.FLAC && bitsPerSample != 16) {
            throw new IllegalArgumentException("FLAC tracks carry 16-bit samples, got " + bitsPerSample); // what FlacEncoder writes
        }
        sps = List.copyOf(sps);
        pps = List.copyOf(pps);
    }

    /** H.264 at the RTP clock of 90 kHz; SPS/PPS may be null when they will come in-band. */
    public static Track h264(int width, int height, byte[] sps, byte[] pps) {
        return new Track(TrackCodec.H264, 90_000, width, height, 0, 0, 0, null,
                sps == null ? List.of() : List.of(sps.clone()), pps == null ? List.of() : List.of(pps.clone()));
    }

    /** Motion JPEG at the RTP clock of 90 kHz. */
    public static Track mjpeg(int width, int height) {
        return new Track(TrackCodec.MJPEG, 90_000, width, height, 0, 0, 0, null, List.of(), List.of());
    }

    /** G.711 mu-law, mono, clocked at its sample rate (8000 for RTP payload type 0). */
    public static Track pcmu(int sampleRate) {
        return new Track(TrackCodec.PCMU, sampleRate, 0, 0, sampleRate, 1, 8, null, List.of(), List.of());
    }

    /** G.711 A-law, mono, clocked at its sample rate (8000 for RTP payload type 8). */
    public static Track pcma(int sampleRate) {
        return new Track(TrackCodec.PCMA, sampleRate, 0, 0, sampleRate, 1, 8, null, List.of(), List.of());
    }

    /** G.726 mono at 8 kHz; {@code bitsPerSample} 2, 3, 4, 5 for 16, 24, 32, 40 kbit/s. */
    public static Track g726(int bitsPerSample, G726Packing packing) {
        return new Track(TrackCodec.G726, 8000, 0, 0, 8000, 1, bitsPerSample, packing, List.of(), List.of());
    }

    /** Signed 16-bit little-endian PCM, clocked at its sample rate. */
    public static Track pcmS16le(int sampleRate, int channels) {
        return new Track(TrackCodec.PCM_S16LE, sampleRate, 0, 0, sampleRate, channels, 16, null, List.of(), List.of());
    }

    /**
     * FLAC, 16 bits per sample, clocked at {@code clockRate} (normally the sample rate, as the
     * source track it was transcoded from). Its stream info is {@link #flacStreamInfo()}.
     */
    public static Track flac(int clockRate, int sampleRate, int channels) {
        return new Track(TrackCodec.FLAC, clockRate, 0, 0, sampleRate, channels, 16, null, List.of(), List.of());
    }

    /**
     * The STREAMINFO a FLAC track declares in its container header: known before the first frame,
     * so a live stream's frames may have any block size (see {@link FlacStreamInfo#forLiveStream}).
     */
    public FlacStreamInfo flacStreamInfo() {
        if (codec != TrackCodec.FLAC) {
            throw new IllegalStateException(codec + " is not FLAC");
        }
        return FlacStreamInfo.forLiveStream(sampleRate, channels, bitsPerSample);
    }

    public MediaKind kind() {
        return codec.kind();
    }

    /**
     * This track's name in an MP4 MIME type's {@code codecs} parameter (RFC 6381), as Media Source
     * Extensions' {@code isTypeSupported} and {@code addSourceBuffer} take it: {@code avc1.PPCCLL}
     * (profile_idc, constraint flags, level_idc of the SPS), {@code flac}; empty for a codec MP4
     * players do not name, or an H.264 track whose SPS is not known or not readable.
     */
    public Optional<String> rfc6381Codec() {
        if (codec == TrackCodec.FLAC) {
            return Optional.of("flac");
        }
        if (codec != TrackCodec.H264 || sps.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of("avc1." + SpsParser.parse(sps.get(0)).profileLevelId());
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** A copy with the given parameter sets (when they arrive in-band after the track was declared). */
    public Track withParameterSets(List<byte[]> newSps, List<byte[]> newPps) {
        return new Track(codec, clockRate, width, height, sampleRate, channels, bitsPerSample, g726Packing, newSps, newPps);
    }

    /**
     * Number of audio samples (per channel) in {@code bytes} bytes of this track's audio, so audio
     * durations come from sizes instead of from the next packet's timestamp.
     */
    public long audioSamplesIn(int bytes) {
        return switch (codec) {
            case FLAC -> throw new IllegalStateException("a FLAC frame's size does not give its samples: use audioSamplesIn(byte[])");
            case PCMU, PCMA -> bytes / channels;
            case G726 -> (long) bytes * 8 / bitsPerSample / channels;
            case PCM_S16LE -> bytes / (2L * channels);
            default -> throw new IllegalStateException(codec + " is not audio");
        };
    }

    /**
     * Number of audio samples (per channel) in one sample's payload of this track: from its size,
     * or for FLAC from the frame header's block size.
     */
    public long audioSamplesIn(byte[] payload) {
        return codec == TrackCodec.FLAC ? FlacFrameHeader.blockSize(payload) : audioSamplesIn(payload.length);
    }
}
