package io.gscam.media.container;

/**
 * Maps one track's RTP timestamps onto the file's timeline. Tracks of an RTSP session have
 * unrelated random timestamp origins, so a track's first sample (or its first after
 * {@link #rebase()}) is placed at the file time the writer is at when it arrives; from then on
 * the track's own clock decides.
 */
final class TrackTimeline {
    private final long clockRate;
    private RtpTimestampUnwrapper unwrapper = new RtpTimestampUnwrapper();
    private boolean anchored;
    private long originTicks;
    private long offsetTicks;

    TrackTimeline(int clockRate) {
        this.clockRate = clockRate;
    }

    boolean anchored() {
        return anchored;
    }

    /**
     * The sample's time in track ticks on the file timeline.
     *
     * @param rtpTimestamp   the sample's 32-bit timestamp
     * @param fileNowMicros  where the file is now, used only to anchor the first sample
     */
    long ticks(long rtpTimestamp, long fileNowMicros) {
        long t = unwrapper.unwrap(rtpTimestamp);
        if (!anchored) {
            anchored = true;
            originTicks = t;
            offsetTicks = Math.floorDiv(fileNowMicros * clockRate + 999_999, 1_000_000L);
        }
        return t - originTicks + offsetTicks;
    }

    long toMicros(long ticks) {
        return Math.floorDiv(ticks * 1_000_000L, clockRate);
    }

    long toMillis(long ticks) {
        return Math.floorDiv(ticks * 1000L, clockRate);
    }

    /** Forget the origin (a reconnect restarted the RTP clock): the next sample anchors again. */
    void rebase() {
        anchored = false;
        unwrapper = new RtpTimestampUnwrapper();
    }
}
