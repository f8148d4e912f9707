package io.gscam.camera.http;

import io.gscam.media.source.FrameRate;
import io.gscam.media.source.TestPatternRenderer;
import io.gscam.protocol.grandstream.DeviceModel;
import io.gscam.protocol.grandstream.GrandstreamChannel;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Snapshots rendered by the camera's test-pattern renderer: the picture the live MJPEG source of a
 * channel shows (channel number, moving bars, wall clock), at the channel's size: 704x480 for a
 * primary stream, 352x240 for a secondary one. H.264 channels play a pre-encoded loop that cannot be
 * decoded here without a decoder, so they get a freshly rendered test-pattern frame too. One
 * renderer per channel, made on first use.
 */
public final class TestPatternSnapshots implements SnapshotSource, AutoCloseable {
    private final DeviceModel model;
    private final InstantSource clock;
    private final ConcurrentHashMap<Integer, TestPatternRenderer> renderers = new ConcurrentHashMap<>();

    public TestPatternSnapshots(DeviceModel model, InstantSource clock) {
        this.model = Objects.requireNonNull(model, "model");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The picture size of a channel: primary streams D1 NTSC, secondary CIF. */
    public static int[] size(int channel) {
        return GrandstreamChannel.of(channel).isPrimary() ? new int[] {704, 480} : new int[] {352, 240};
    }

    @Override
    public Optional<byte[]> jpeg(int channel) {
        if (channel < GrandstreamChannel.MIN || channel > GrandstreamChannel.MAX
                || !model.serves(GrandstreamChannel.of(channel))) {
            return Optional.empty();
        }
        TestPatternRenderer r = renderers.computeIfAbsent(channel, ch -> {
            int[] wh = size(ch);
            return new TestPatternRenderer(ch, wh[0], wh[1], FrameRate.of(GrandstreamChannel.of(ch).isPrimary() ? 30 : 15));
        });
        Instant now = clock.instant();
        // The frame index only moves the pattern; derive it from the clock so snapshots differ over time.
        long frame = now.toEpochMilli() / 33;
        return Optional.of(r.renderJpeg(frame, now));
    }

    @Override
    public void close() {
        renderers.values().forEach(TestPatternRenderer::close);
        renderers.clear();
    }
}
