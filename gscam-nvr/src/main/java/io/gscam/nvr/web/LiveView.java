package io.gscam.nvr.web;

import io.gscam.client.StreamInfo;
import io.gscam.media.container.TrackCodec;
import io.gscam.nvr.record.RecordedTracks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the dashboard shows a camera live, decided here from the camera's tracks so that the page
 * holds no codec names: {@code mse} (fMP4 over the WebSocket {@code /api/live/C} into a
 * {@code <video>}, with the MIME type when the SDP already gave the SPS) or {@code mjpeg}
 * (multipart {@code /api/live/C.mjpeg} into an {@code <img>}). The {@code live} field of each
 * camera in {@code /api/cameras}.
 *
 * @param kind {@link #MSE} or {@link #MJPEG}
 * @param mime for MSE, the MIME type with codecs; null when the SPS comes in-band (the socket's
 *             {@code init} message always carries it)
 */
record LiveView(String kind, String mime) {
    static final String MSE = "mse";
    static final String MJPEG = "mjpeg";

    /** The view for {@code info}'s video, or empty for a camera without video the page can show. */
    static Optional<LiveView> of(StreamInfo info) {
        Optional<TrackCodec> codec = info.video().flatMap(v -> RecordedTracks.of(v, List.of())).map(t -> t.codec());
        if (codec.isEmpty()) {
            return Optional.empty();
        }
        return switch (codec.get()) {
            case H264 -> Optional.of(new LiveView(MSE, MseTracks.of(info, List.of()).map(MseTracks::mime).orElse(null)));
            case MJPEG -> Optional.of(new LiveView(MJPEG, null));
            default -> Optional.empty();
        };
    }

    /** Whether frames of this stream are served as MJPEG parts. */
    static boolean isMjpeg(StreamInfo info) {
        return of(info).map(v -> v.kind.equals(MJPEG)).orElse(false);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        if (mime != null) {
            m.put("mime", mime);
        }
        return m;
    }
}
