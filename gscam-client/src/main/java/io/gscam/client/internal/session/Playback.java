package io.gscam.client.internal.session;

import io.gscam.client.CameraException;
import io.gscam.client.HeartbeatStatus;
import io.gscam.client.StreamInfo;
import io.gscam.client.internal.rtp.MediaTrack;
import io.gscam.protocol.mctp.MctpMessage;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One attempt at receiving a stream, run by {@link CameraSessionImpl}: an RTSP session with a camera
 * ({@link RtspPlayback}) or the RTP/UDP session an SDP file describes ({@link SdpPlayback}). It never
 * retries by itself: it reports a loss to its {@link Owner}, which decides. Confined to one event loop.
 */
interface Playback {
    /** What a playback reports to the session that owns it. */
    interface Owner extends MediaTrack.Output {
        void onAlarm(MctpMessage.Alarm alarm, String rawText);

        void onLoss(int trackIndex, long packetsLost, long framesDropped, long totalLost);

        /** The heartbeat registration that started once playing ended so ({@link io.gscam.client.Heartbeat#AUTO}). */
        void onHeartbeat(Playback playback, HeartbeatStatus status);

        /** Lost after PLAYING (never called for a failure of {@link #start()}, nor after {@link #close(boolean)}). */
        void onPlaybackLost(Playback playback, CameraException cause);
    }

    /** Starts receiving; completes with the stream info once media may flow. */
    CompletableFuture<StreamInfo> start();

    /** The tracks being received (for statistics). */
    List<MediaTrack> tracks();

    /** Stops: tells the sender when {@code goodbye} and the protocol has a way (RTSP TEARDOWN), then closes every socket. */
    void close(boolean goodbye);
}
