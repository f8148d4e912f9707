package io.gscam.client;

import io.gscam.protocol.Checks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the camera serves, as learnt by DESCRIBE, SETUP and PLAY. Delivered on every (re)connection
 * before the first frame, and again when an in-band SPS changes a video track's size.
 *
 * @param url            the request URL (no credentials)
 * @param server         the camera's Server header of the DESCRIBE answer (e.g.
 *                       {@code GrandStream Rtsp Server 704*480*30*1024}), or "" when absent
 * @param sessionId      the RTSP session id, "" when no track was set up
 * @param sessionTimeout the session timeout the camera gave (60 s when it gave none, RFC 2326)
 * @param transport      the transport in use: TCP or UDP, never AUTO
 * @param tracks         every media section of the SDP, set up or not, in SDP order
 * @param heartbeat      whether the MCTP heartbeat was registered ({@link CameraOptions#heartbeatMode()})
 */
public record StreamInfo(String url, String server, String sessionId, Duration sessionTimeout, Transport transport,
                         List<TrackInfo> tracks, HeartbeatStatus heartbeat) implements CameraEvent {
    public StreamInfo {
        Checks.nonNull("heartbeat", heartbeat, "url", url, "server", server, "sessionId", sessionId,
                "sessionTimeout", sessionTimeout, "transport", transport);
        tracks = List.copyOf(tracks);
    }

    /** A stream without a heartbeat ({@link HeartbeatStatus#NOT_OPENED}). */
    public StreamInfo(String url, String server, String sessionId, Duration sessionTimeout, Transport transport,
                      List<TrackInfo> tracks) {
        this(url, server, sessionId, sessionTimeout, transport, tracks, HeartbeatStatus.NOT_OPENED);
    }

    /** The first video track that was set up. */
    public Optional<TrackInfo> video() {
        return tracks.stream().filter(t -> t.isVideo() && t.setUp()).findFirst();
    }

    /** The first audio track that was set up. */
    public Optional<TrackInfo> audio() {
        return tracks.stream().filter(t -> t.isAudio() && t.setUp()).findFirst();
    }

    public StreamInfo withHeartbeat(HeartbeatStatus status) {
        return new StreamInfo(url, server, sessionId, sessionTimeout, transport, tracks, status);
    }

    public StreamInfo withTrack(TrackInfo track) {
        List<TrackInfo> list = new java.util.ArrayList<>(tracks);
        list.set(track.index(), track);
        return new StreamInfo(url, server, sessionId, sessionTimeout, transport, list, heartbeat);
    }
}
