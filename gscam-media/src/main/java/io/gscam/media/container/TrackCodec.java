package io.gscam.media.container;

import io.gscam.media.MediaKind;

/** The codecs a recording or a file source can hold, in the forms {@link io.gscam.media.MediaSample} carries them. */
public enum TrackCodec {
    /** H.264; samples are Annex-B access units. */
    H264(MediaKind.VIDEO),
    /** Motion JPEG; samples are complete JFIF images. */
    MJPEG(MediaKind.VIDEO),
    /** G.711 mu-law, one byte per sample. */
    PCMU(MediaKind.AUDIO),
    /** G.711 A-law, one byte per sample. */
    PCMA(MediaKind.AUDIO),
    /** G.726 ADPCM, 2..5 bits per sample, packed as {@link Track#g726Packing()} says. */
    G726(MediaKind.AUDIO),
    /** Linear PCM, signed 16-bit little-endian, channels interleaved. */
    PCM_S16LE(MediaKind.AUDIO),
    /**
     * FLAC, 16-bit; each sample one frame of {@link io.gscam.media.flac.FlacEncoder#FRAME_SAMPLES}
     * samples per channel (the last may be shorter): how audio browsers cannot play goes into MP4.
     */
    FLAC(MediaKind.AUDIO);

    private final MediaKind kind;

    TrackCodec(MediaKind kind) {
        this.kind = kind;
    }

    public MediaKind kind() {
        return kind;
    }
}
