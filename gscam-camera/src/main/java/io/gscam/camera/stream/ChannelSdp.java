package io.gscam.camera.stream;

import io.gscam.media.MediaKind;
import io.gscam.camera.source.TrackInfo;
import io.gscam.protocol.grandstream.ServerHeader;
import io.gscam.protocol.grandstream.StreamInfo;
import io.gscam.protocol.sdp.MediaDescription;
import io.gscam.protocol.sdp.RtpMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a channel's DESCRIBE says of it, in the spec's shape: per track {@code m=<kind> 0 RTP/AVP <pt>},
 * {@code a=control:trackID=<n>}, rtpmap, fmtp (packetization-mode, profile-level-id and
 * sprop-parameter-sets of the stream actually sent) and, for audio, {@code a=ptime:20}; and the
 * Grandstream Server header with the picture size, rate and bit rate.
 *
 * <p>The rtpmap is the spec's, byte for byte (DESIGN.md): {@code H264/90000}, {@code PCMU/8000}, with
 * no channel count for mono, since RFC 4566 gives video none and NVRs that match on the spec's text
 * must see the spec's text. Only audio of more than one channel carries one.
 */
final class ChannelSdp {
    /** The spec's audio packets are 20 ms (160 samples at 8 kHz). */
    static final int AUDIO_PTIME_MS = 20;
    /** The spec's fmtp starts with these, in this order. */
    private static final List<String> SPEC_FMTP_ORDER = List.of("packetization-mode", "sprop-parameter-sets");

    private ChannelSdp() {
    }

    static List<MediaDescription> mediaSections(LiveStream stream) {
        List<MediaDescription> sections = new ArrayList<>();
        for (LiveStream.Track t : stream.tracks()) {
            TrackInfo info = t.info();
            boolean audio = info.kind() == MediaKind.AUDIO;
            int channels = audio && info.format().channels() > 1 ? info.format().channels() : 0;
            MediaDescription.Builder m = MediaDescription.builder(audio ? "audio" : "video", 0, "RTP/AVP")
                    .format(info.payloadType())
                    .control("trackID=" + t.index())
                    .rtpmap(new RtpMap(info.payloadType(), info.encodingName(), info.clockRate(), channels));
            Map<String, String> fmtp = specOrder(info.fmtp());
            if (!fmtp.isEmpty()) {
                m.fmtp(info.payloadType(), fmtp);
            }
            if (audio) {
                m.ptime(AUDIO_PTIME_MS);
            }
            sections.add(m.build());
        }
        return sections;
    }

    /**
     * The parameters in the spec's order ({@code packetization-mode=1; sprop-parameter-sets=...}),
     * the others after them in their own order.
     */
    static Map<String, String> specOrder(Map<String, String> fmtp) {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String first : SPEC_FMTP_ORDER) {
            fmtp.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(first)).findFirst()
                    .ifPresent(e -> ordered.put(e.getKey(), e.getValue()));
        }
        fmtp.forEach(ordered::putIfAbsent);
        return ordered;
    }

    /** The Grandstream Server header with the video's size, rate and bit rate; the plain form without video. */
    static String serverHeader(LiveStream stream) {
        for (LiveStream.Track t : stream.tracks()) {
            TrackInfo info = t.info();
            if (info.frameRate() != null) {
                return ServerHeader.format(new StreamInfo(info.width(), info.height(),
                        info.frameRate().rounded(), info.bitrateKbps()));
            }
        }
        return ServerHeader.PLAIN;
    }
}
