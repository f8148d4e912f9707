package io.gscam.camera.source;

import io.gscam.media.MediaSample;
import io.gscam.media.jpeg.JpegPayloadFormat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Live MJPEG video: each {@link #next()} renders the following frame of the test pattern with the
 * current wall-clock time and encodes it as JPEG (RTP payload type 26, {@code JPEG/90000}, RFC 2435).
 * Presentation time of frame i is i / frame rate, so the {@link Pacer} releases them at the
 * channel's rate; every frame is a keyframe. Also serves the camera's snapshot
 * ({@code /snapshot/view<N>.jpg}) through {@link #snapshotJpeg()}.
 *
 * <p>{@code next()} is for the one consumer (the pacer); {@code snapshotJpeg()} may be called from
 * any thread.
 */
public final class MjpegLiveSource extends EndlessSource {
    public static final int PAYLOAD_TYPE = JpegPayloadFormat.STATIC_PAYLOAD_TYPE;
    public static final int CLOCK_RATE = JpegPayloadFormat.CLOCK_RATE;

    private record Snapshot(byte[] jpeg, Instant at) {
    }

    private final TestPatternRenderer renderer;
    private final FrameRate frameRate;
    private final InstantSource clock;
    private final Duration snapshotMaxAge;
    private volatile long frame;
    private volatile Snapshot latest;

    /**
     * @param bitrateKbps the nominal rate to announce (Server header); JPEG's real rate follows the picture
     */
    public MjpegLiveSource(TestPatternRenderer renderer, FrameRate frameRate, InstantSource clock, int bitrateKbps) {
        super(TrackInfo.video(JpegPayloadFormat.mediaFormat(PAYLOAD_TYPE), renderer.width(), renderer.height(),
                frameRate, bitrateKbps));
        this.renderer = renderer;
        this.frameRate = frameRate;
        this.clock = clock;
        this.snapshotMaxAge = frameRate.frameTime(1).multipliedBy(2);
    }

    @Override
    protected TimedSample nextSample() {
        long index = frame++;
        Instant now = clock.instant();
        byte[] jpeg = renderer.renderJpeg(index, now);
        latest = new Snapshot(jpeg, now);
        MediaSample sample = MediaSample.video(frameRate.ticks(index, CLOCK_RATE) & 0xFFFFFFFFL, jpeg, true);
        return new TimedSample(0, frameRate.frameTime(index), sample);
    }

    /**
     * A JPEG of the channel as it is now: the latest streamed frame while the channel is being
     * paced, otherwise a fresh rendering (so a snapshot of an idle channel still shows the time).
     */
    public byte[] snapshotJpeg() {
        Instant now = clock.instant();
        Snapshot s = latest;
        if (s != null && !s.at().isBefore(now.minus(snapshotMaxAge))) {
            return s.jpeg();
        }
        return renderer.renderJpeg(frame, now);
    }
}
