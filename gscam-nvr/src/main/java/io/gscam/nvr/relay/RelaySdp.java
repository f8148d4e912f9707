package io.gscam.nvr.relay;

import io.gscam.client.TrackInfo;
import io.gscam.protocol.grandstream.ServerHeader;
import io.gscam.protocol.grandstream.StreamInfo;
import io.gscam.protocol.sdp.MediaDescription;
import io.gscam.protocol.sdp.RtpMap;
import io.gscam.protocol.sdp.SpropParameterSets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the relay's DESCRIBE says of a camera, in the dialect's shape (as the emulator writes it):
 * per track {@code m=<kind> 0 RTP/AVP <pt>}, {@code a=control:trackID=<n>}, the rtpmap as the camera
 * wrote it ({@code H264/90000}, {@code PCMU/8000}: no channel count for mono) and its fmtp, with
 * {@code packetization-mode=1} (the relay sends FU-A whatever the camera did) and
 * {@code sprop-parameter-sets} first, as the spec orders them. The Server header is the Grandstream
 * one with the camera's picture size, rate and bit rate, since the relay speaks the whole dialect
 * (Digest, 8-digit sessions, the MCTP heartbeat); the plain form when one of those is unknown.
 */
final class RelaySdp {
    private static final List<String> SPEC_FMTP_ORDER = List.of("packetization-mode", "sprop-parameter-sets");

    private RelaySdp() {
    }

    /** The media section of {@code track}; {@code codecConfig} (SPS, PPS) supplies a sprop the camera did not send. */
    static MediaDescription mediaSection(RelayTrack track, List<byte[]> codecConfig) {
        TrackInfo info = track.info();
        boolean audio = info.isAudio();
        int channels = audio && info.channels() > 1 ? info.channels() : 0;
        MediaDescription.Builder m = MediaDescription.builder(audio ? "audio" : "video", 0, "RTP/AVP")
                .format(info.payloadType())
                .control("trackID=" + track.index())
                .rtpmap(new RtpMap(info.payloadType(), info.codec(), info.clockRate(), channels));
        Map<String, String> fmtp = new LinkedHashMap<>(info.fmtp());
        if (RelayStream.isH264(info)) {
            fmtp.put("packetization-mode", "1");
            if (!fmtp.containsKey("sprop-parameter-sets") && codecConfig.size() >= 2) {
                fmtp.put("sprop-parameter-sets", SpropParameterSets.of(codecConfig).format());
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String first : SPEC_FMTP_ORDER) {
            if (fmtp.containsKey(first)) {
                ordered.put(first, fmtp.get(first));
            }
        }
        fmtp.forEach(ordered::putIfAbsent);
        if (!ordered.isEmpty()) {
            m.fmtp(info.payloadType(), ordered);
        }
        return m.build();
    }

    /** {@code GrandStream Rtsp Server W*H*FPS*KBPS} of the video track, or the plain form. */
    static String serverHeader(List<RelayTrack> tracks) {
        for (RelayTrack t : tracks) {
            TrackInfo v = t.info();
            int fps = (int) Math.round(v.fps());
            if (v.isVideo() && v.width() > 0 && v.height() > 0 && fps > 0 && v.kbps() > 0) {
                return ServerHeader.format(new StreamInfo(v.width(), v.height(), fps, v.kbps()));
            }
        }
        return ServerHeader.PLAIN;
    }
}
