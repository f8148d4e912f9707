package io.gscam.client.internal.session;

import io.gscam.client.CameraOptions;
import io.gscam.client.TrackInfo;
import io.gscam.media.MediaKind;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.PayloadFormats;
import io.gscam.protocol.grandstream.StreamInfo;
import io.gscam.protocol.sdp.Bandwidth;
import io.gscam.protocol.sdp.MediaDescription;
import io.gscam.protocol.sdp.RtpMap;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One audio or video section of an SDP (from DESCRIBE or from an SDP file) as the client reports it
 * ({@link TrackInfo}) and as its payload reader reads it ({@link MediaFormat}). The first payload
 * type of the m= line is the one received; static payload types without an rtpmap take their RFC
 * 3551 names (0 PCMU, 8 PCMA, 26 JPEG).
 *
 * @param info   the track; {@code setUp} when it is wanted and the registry reads its codec
 * @param format what the payload reader is made for
 */
record DescribedTrack(TrackInfo info, MediaFormat format) {

    /**
     * Describes {@code md} as track {@code index}; empty for a section that is neither audio nor
     * video or has no payload type.
     *
     * @param controlUrl the URL SETUP goes to (for an SDP file, the file's URL)
     * @param serverInfo the Grandstream Server header's {@code W*H*FPS*KBPS}, which fills what the SDP leaves out
     */
    static Optional<DescribedTrack> of(MediaDescription md, int index, String controlUrl, Optional<StreamInfo> serverInfo,
                                       CameraOptions options, PayloadFormats registry) {
        MediaKind kind = switch (md.media().toLowerCase(Locale.ROOT)) {
            case "video" -> MediaKind.VIDEO;
            case "audio" -> MediaKind.AUDIO;
            default -> null;
        };
        if (kind == null || md.payloadTypes().isEmpty()) {
            return Optional.empty();
        }
        int pt = md.payloadTypes().get(0);
        Optional<RtpMap> rtpmap = md.rtpMapFor(pt);
        String codec = rtpmap.map(RtpMap::encodingName).orElse("PT" + pt);
        int clockRate = rtpmap.map(RtpMap::clockRate).orElse(kind == MediaKind.VIDEO ? 90000 : 8000);
        int channels = kind == MediaKind.AUDIO ? rtpmap.map(RtpMap::channelCount).orElse(1) : 0;
        Map<String, String> fmtp = md.fmtp(pt);
        int kbps = (int) md.bandwidths().stream().filter(b -> b.type().equalsIgnoreCase("AS"))
                .mapToLong(Bandwidth::value).findFirst().orElse(0);
        int width = 0;
        int height = 0;
        double fps = md.framerate().orElse(0);
        if (kind == MediaKind.VIDEO && serverInfo.isPresent()) {
            width = serverInfo.get().width();
            height = serverInfo.get().height();
            fps = fps > 0 ? fps : serverInfo.get().fps();
            kbps = kbps > 0 ? kbps : serverInfo.get().kbps();
        }
        boolean wanted = kind == MediaKind.VIDEO ? options.video() : options.audio();
        boolean readable = rtpmap.isPresent() && registry.find(codec).isPresent();
        TrackInfo info = new TrackInfo(index, kind, codec, pt, clockRate, width, height, fps, kbps,
                kind == MediaKind.AUDIO ? clockRate : 0, channels, controlUrl, wanted && readable, fmtp);
        return Optional.of(new DescribedTrack(info, new MediaFormat(kind, pt, codec, clockRate, Math.max(1, channels), fmtp)));
    }

    /** Whether the caller wanted this track though no payload format reads it (worth a log line). */
    boolean wantedButUnreadable(CameraOptions options) {
        boolean wanted = info.isVideo() ? options.video() : options.audio();
        return wanted && !info.setUp();
    }
}
