package io.gscam.camera.rtsp;

import io.gscam.camera.stream.LiveStream;
import io.gscam.media.MediaKind;
import io.gscam.camera.source.TrackInfo;
import io.gscam.protocol.sdp.ConnectionData;
import io.gscam.protocol.sdp.MediaDescription;
import io.gscam.protocol.sdp.Origin;
import io.gscam.protocol.sdp.RtpMap;
import io.gscam.protocol.sdp.SessionDescription;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The DESCRIBE answer of a channel, in the spec's shape: a complete session part (v=, o=, s=, c=,
 * t=, which the spec's sample omits but RFC 4566 requires and ffmpeg, GStreamer and VLC expect),
 * then per track {@code m=<kind> 0 RTP/AVP <pt>}, {@code a=control:trackID=<n>}, rtpmap, fmtp
 * (packetization-mode, profile-level-id and sprop-parameter-sets of the stream actually sent) and,
 * for audio, {@code a=ptime:20}.
 */
final class StreamSdp {
    /** The spec's audio packets are 20 ms (160 samples at 8 kHz). */
    static final int AUDIO_PTIME_MS = 20;

    private StreamSdp() {
    }

    static String describe(LiveStream stream, InetSocketAddress server, int fuaSize) {
        String address = server.getAddress().getHostAddress();
        SessionDescription.Builder sdp = SessionDescription.builder()
                .standardHeader(Origin.of(Long.toString(stream.track(0).ssrc()), address), "GrandStream Rtsp Session")
                .connection(ConnectionData.of("0.0.0.0"))
                .control("*")
                .range("npt=0-");
        for (LiveStream.Track t : stream.tracks()) {
            TrackInfo info = t.info();
            String kind = info.kind() == MediaKind.VIDEO ? "video" : "audio";
            MediaDescription.Builder m = MediaDescription.builder(kind, 0, "RTP/AVP")
                    .format(info.payloadType())
                    .control("trackID=" + t.index())
                    .rtpmap(new RtpMap(info.payloadType(), info.encodingName(), info.clockRate(), info.format().channels()));
            Map<String, String> fmtp = info.fmtp();
            if (!fmtp.isEmpty()) {
                m.fmtp(info.payloadType(), fmtp);
            }
            if (info.kind() == MediaKind.AUDIO) {
                m.ptime(AUDIO_PTIME_MS);
            }
            sdp.media(m.build());
        }
        return sdp.build().format();
    }
}
