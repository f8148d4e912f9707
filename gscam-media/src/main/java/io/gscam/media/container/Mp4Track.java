package io.gscam.media.container;

import io.gscam.media.MediaKind;

import java.util.List;

/**
 * One track of an MP4/MOV file as {@link Mp4Reader} found it: what it holds and its sample table,
 * expanded to one entry per sample. For PCM-style audio (G.711, {@code sowt}), where the file
 * counts every audio sample as an MP4 sample, an entry is one chunk of the file instead.
 */
public final class Mp4Track {
    private final int trackId;
    private final String handlerType;
    private final String sampleEntryType;
    private final TrackCodec codec;
    private final long timescale;
    private final int width;
    private final int height;
    private final int sampleRate;
    private final int channels;
    private final AvcDecoderConfigurationRecord avcConfig;
    private final long[] offsets;
    private final int[] sizes;
    private final long[] decodeTimes;
    private final int[] compositionOffsets;
    private final long[] durations;
    private final boolean[] sync;

    Mp4Track(int trackId, String handlerType, String sampleEntryType, TrackCodec codec, long timescale, int width,
             int height, int sampleRate, int channels, AvcDecoderConfigurationRecord avcConfig, long[] offsets,
             int[] sizes, long[] decodeTimes, int[] compositionOffsets, long[] durations, boolean[] sync) {
        this.trackId = trackId;
        this.handlerType = handlerType;
        this.sampleEntryType = sampleEntryType;
        this.codec = codec;
        this.timescale = timescale;
        this.width = width;
        this.height = height;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.avcConfig = avcConfig;
        this.offsets = offsets;
        this.sizes = sizes;
        this.decodeTimes = decodeTimes;
        this.compositionOffsets = compositionOffsets;
        this.durations = durations;
        this.sync = sync;
    }

    public int trackId() {
        return trackId;
    }

    /** The hdlr handler type: {@code vide}, {@code soun}, ... */
    public String handlerType() {
        return handlerType;
    }

    /** The four-character code of the first sample entry: {@code avc1}, {@code ulaw}, {@code mp4a}, ... */
    public String sampleEntryType() {
        return sampleEntryType;
    }

    /** The codec when gscam can serve it, else null (e.g. AAC). */
    public TrackCodec codec() {
        return codec;
    }

    public MediaKind kind() {
        return handlerType.equals("vide") ? MediaKind.VIDEO : handlerType.equals("soun") ? MediaKind.AUDIO : null;
    }

    /** Ticks per second of this track's times (mdhd). */
    public long timescale() {
        return timescale;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    /** The avcC of an H.264 track, else null. */
    public AvcDecoderConfigurationRecord avcConfig() {
        return avcConfig;
    }

    public int sampleCount() {
        return sizes.length;
    }

    public long offset(int i) {
        return offsets[i];
    }

    public int size(int i) {
        return sizes[i];
    }

    public long decodeTime(int i) {
        return decodeTimes[i];
    }

    public long presentationTime(int i) {
        return decodeTimes[i] + compositionOffsets[i];
    }

    public long duration(int i) {
        return durations[i];
    }

    public boolean keyframe(int i) {
        return sync[i];
    }

    /** Sum of the sample durations, in the timescale. */
    public long totalDuration() {
        long total = 0;
        for (long d : durations) {
            total += d;
        }
        return total;
    }

    /** Frames (or entries) per second on average, from the sample durations; 0 when empty. */
    public double averageRate() {
        long total = totalDuration();
        return total == 0 ? 0 : sizes.length * (double) timescale / total;
    }

    /** This track as a {@link Track} for writers and SDP, or null when its codec is not one gscam knows. */
    public Track toTrack() {
        if (codec == null) {
            return null;
        }
        return switch (codec) {
            case H264 -> new Track(TrackCodec.H264, 90_000, width, height, 0, 0, 0, null,
                    avcConfig == null ? List.of() : avcConfig.sps(), avcConfig == null ? List.of() : avcConfig.pps());
            case MJPEG -> Track.mjpeg(width, height);
            case PCMU -> Track.pcmu(sampleRate);
            case PCMA -> Track.pcma(sampleRate);
            case PCM_S16LE -> Track.pcmS16le(sampleRate, channels);
            case G726, FLAC -> null;
        };
    }

    @Override
    public String toString() {
        return "Mp4Track{" + trackId + " " + handlerType + "/" + sampleEntryType + ", " + sizes.length + " samples, timescale " + timescale + "}";
    }
}
