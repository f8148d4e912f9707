package io.gscam.nvr.web;

import io.gscam.client.AudioFrame;
import io.gscam.client.CameraListener;
import io.gscam.client.StateChange;
import io.gscam.client.StreamInfo;
import io.gscam.client.VideoFrame;
import io.gscam.media.MediaSample;
import io.gscam.media.flac.FlacTranscoder;
import io.gscam.media.h264.AnnexB;
import io.gscam.media.h264.Avcc;
import io.gscam.media.h264.NalUnit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One viewer's live stream of one camera as fMP4 for MSE: waits for a keyframe, sends the MIME
 * type and the init segment (H.264 as the camera sent it; G.711/G.726 transcoded to FLAC), then
 * each frame as its own fragment. When the viewer cannot keep up ({@link Sink#ready()} false: its
 * socket's write buffer is above its high-water mark), frames are dropped until the next keyframe
 * that finds it ready again, so nothing queues beyond that bound. Runs on the camera's I/O thread
 * (a {@link CameraListener} of the live feed); cheap per frame: an Annex-B to AVCC copy and, for
 * audio, one FLAC frame.
 *
 * <p>Time: decode times start at 0 at the first keyframe; video follows its RTP clock, audio is
 * placed by its arrival relative to that keyframe and then follows its own RTP clock, which keeps
 * the two within the network's jitter. The capture time in each {@code prft} is the camera's own,
 * from its RTCP sender reports ({@link VideoFrame#captureTime()}); until the first report (cameras
 * send one within seconds of PLAY) it is the frame's arrival at the NVR.
 */
final class LiveStream implements CameraListener {
    /** Where fragments go: a WebSocket in production, a list in tests. */
    interface Sink {
        boolean ready();

        void text(String json);

        void binary(byte[] data);
    }

    private static final int VIDEO_ID = 1;
    private static final int AUDIO_ID = 2;

    private final Sink sink;
    private StreamInfo info;
    private boolean started;
    private boolean skipping;
    private Instant origin;
    private int sequence;
    private int videoIndex = -1;
    private int audioIndex = -1;
    private FlacTranscoder audio;
    // video timeline
    private boolean firstVideo;
    private long videoTime;
    private long lastVideoRtp;
    private long videoDuration = 3000;
    // audio timeline
    private boolean audioStarted;
    private long lastAudioRtp;
    private long audioTime;

    LiveStream(Sink sink) {
        this.sink = sink;
    }

    @Override
    public void onStreamInfo(StreamInfo newInfo) {
        info = newInfo;
        started = false; // a new session: new clocks, maybe new parameter sets: start over at a keyframe
    }

    @Override
    public void onStateChange(StateChange change) {
        sink.text("{\"type\":\"state\",\"state\":\"" + change.state().name() + "\",\"reason\":" + Json.quote(change.reason()) + "}");
    }

    @Override
    public void onVideo(VideoFrame f) {
        if (info == null || (started && f.trackIndex() != videoIndex)) {
            return;
        }
        if (!started) {
            if (!f.keyframe() || !sink.ready() || !start(f)) {
                return;
            }
        } else if (skipping || !sink.ready()) {
            if (!f.keyframe() || !sink.ready()) {
                skipping = true;
                return;
            }
            skipping = false;
        }
        if (!firstVideo) {
            long delta = (int) (f.rtpTimestamp() - lastVideoRtp); // 32-bit wrap-around
            if (delta > 0 && delta < 90_000) {
                videoDuration = delta;
            }
            videoTime += Math.max(delta, 1);
        }
        firstVideo = false;
        lastVideoRtp = f.rtpTimestamp();
        List<NalUnit> units = new ArrayList<>(AnnexB.split(f.data()));
        units.removeIf(u -> u.type() == NalUnit.TYPE_AUD);
        if (units.isEmpty()) {
            return;
        }
        sink.binary(LiveMp4.fragment(++sequence, VIDEO_ID, videoTime, videoDuration, f.keyframe(), Avcc.join(units),
                captureTime(f.captureTime(), f.receivedAt())));
    }

    @Override
    public void onAudio(AudioFrame f) {
        if (!started || skipping || audio == null || f.trackIndex() != audioIndex || f.data().length == 0) {
            return;
        }
        if (!audioStarted) {
            long sinceOrigin = Duration.between(origin, f.receivedAt()).toNanos();
            if (sinceOrigin < 0) {
                return;
            }
            audioTime = sinceOrigin * audio.output().clockRate() / 1_000_000_000L;
            audioStarted = true;
        } else {
            long delta = (int) (f.rtpTimestamp() - lastAudioRtp);
            audioTime += Math.max(delta, 1);
        }
        lastAudioRtp = f.rtpTimestamp();
        MediaSample flac = audio.transcode(MediaSample.audio(f.rtpTimestamp(), f.data()));
        long duration = audio.input().audioSamplesIn(f.data()) * audio.output().clockRate() / audio.output().sampleRate();
        sink.binary(LiveMp4.fragment(++sequence, AUDIO_ID, audioTime, duration, true, flac.data(),
                captureTime(f.captureTime(), f.receivedAt())));
    }

    /** The camera's capture time when its sender reports gave one, else the arrival at the NVR; Unix ms. */
    private static long captureTime(Optional<Instant> camera, Instant arrival) {
        return camera.orElse(arrival).toEpochMilli();
    }

    /** At a keyframe of an H.264 camera: declares the tracks and sends MIME type and init segment. */
    private boolean start(VideoFrame f) {
        Optional<MseTracks> tracks = MseTracks.of(info, f.codecConfig()).filter(t -> t.videoIndex() == f.trackIndex());
        if (tracks.isEmpty()) {
            return false;
        }
        MseTracks t = tracks.get();
        audio = t.transcoder().orElse(null);
        videoIndex = t.videoIndex();
        audioIndex = t.audioIndex();
        sink.text("{\"type\":\"init\",\"mime\":" + Json.quote(t.mime()) + ",\"width\":" + t.video().width()
                + ",\"height\":" + t.video().height() + "}");
        sink.binary(LiveMp4.init(t.served()));
        started = true;
        skipping = false;
        origin = f.receivedAt();
        firstVideo = true;
        lastVideoRtp = f.rtpTimestamp();
        videoTime = 0;
        audioStarted = false;
        return true;
    }
}
