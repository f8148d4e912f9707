package io.gscam.camera.http;

import io.gscam.camera.stream.StreamProfile;
import io.gscam.camera.source.TestPatternRenderer;
import io.gscam.protocol.grandstream.DeviceModel;
import io.gscam.protocol.grandstream.GrandstreamChannel;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Snapshots rendered by the camera's test-pattern renderer: the picture the live MJPEG source of a
 * channel shows (channel number, moving bars, wall clock), at the channel's {@link StreamProfile}
 * size: 704x480 for a primary stream, 352x240 for a secondary one. H.264 channels play a
 * pre-encoded loop that cannot be decoded here without a decoder, so they get a freshly rendered
 * test-pattern frame too. The frame number shown counts the channel's frames since this source was
 * made (the camera's start), at the channel's frame rate. One renderer per channel, made on first use.
 */
public final class TestPatternSnapshots implements SnapshotSource, AutoCloseable {
    private final DeviceModel model;
    private final InstantSource clock;
    private final Instant started;
    private final ConcurrentHashMap<Integer, TestPatternRenderer> renderers = new ConcurrentHashMap<>();

    public TestPatternSnapshots(DeviceModel model, InstantSource clock) {
        this.model = Objects.requireNonNull(model, "model");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.started = clock.instant();
    }

    @Override
    public Optional<byte[]> jpeg(int channel) {
        if (channel < GrandstreamChannel.MIN || channel > GrandstreamChannel.MAX
                || !model.serves(GrandstreamChannel.of(channel))) {
            return Optional.empty();
        }
        StreamProfile profile = StreamProfile.of(channel);
        TestPatternRenderer r = renderers.computeIfAbsent(channel,
                ch -> new TestPatternRenderer(ch, profile.width(), profile.height(), profile.frameRate()));
        Instant now = clock.instant();
        long frame = profile.frameRate().framesIn(Duration.between(started, now));
        return Optional.of(r.renderJpeg(frame, now));
    }

    @Override
    public void close() {
        renderers.values().forEach(TestPatternRenderer::close);
        renderers.clear();
    }
}
