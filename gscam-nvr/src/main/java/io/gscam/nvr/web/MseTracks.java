package io.gscam.nvr.web;

import io.gscam.client.StreamInfo;
import io.gscam.client.TrackInfo;
import io.gscam.media.container.Track;
import io.gscam.media.container.TrackCodec;
import io.gscam.media.flac.FlacTranscoder;
import io.gscam.media.h264.SpsParser;
import io.gscam.nvr.record.RecordedTracks;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.sdp.SpropParameterSets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a camera is served to Media Source Extensions as: its H.264 as the camera sent it and its
 * audio, when browsers cannot play it (G.711, G.726), transcoded to FLAC; and the MIME type with
 * RFC 6381 codecs the page's SourceBuffer is made with (from the SPS, by gscam-media).
 *
 * @param video         the H.264 track, picture size known
 * @param videoIndex    its index in {@link StreamInfo#tracks()}
 * @param audio         the camera's audio track as recorded, when it can be served as FLAC
 * @param audioIndex    its index, -1 without audio
 */
record MseTracks(Track video, int videoIndex, Optional<Track> audio, int audioIndex) {

    /**
     * The tracks of {@code info}, or empty when its video is not H.264 or its SPS is not known yet
     * ({@code codecConfig}: the latest SPS and PPS the client saw; when empty, the SDP's
     * {@code sprop-parameter-sets}).
     */
    static Optional<MseTracks> of(StreamInfo info, List<byte[]> codecConfig) {
        TrackInfo v = info.video().orElse(null);
        if (v == null) {
            return Optional.empty();
        }
        Optional<Track> video = RecordedTracks.of(v, codecConfig.isEmpty() ? sprop(v) : codecConfig)
                .filter(t -> t.codec() == TrackCodec.H264 && !t.sps().isEmpty() && !t.pps().isEmpty());
        if (video.isEmpty()) {
            return Optional.empty();
        }
        Track vt = video.get();
        if (vt.width() <= 0 || vt.height() <= 0) {
            try {
                var sps = SpsParser.parse(vt.sps().get(0));
                vt = Track.h264(sps.width(), sps.height(), vt.sps().get(0), vt.pps().get(0));
            } catch (ParseException e) {
                return Optional.empty();
            }
        }
        TrackInfo a = info.audio().orElse(null);
        Optional<Track> audio = a == null ? Optional.empty()
                : RecordedTracks.of(a, List.of()).filter(FlacTranscoder::canTranscode);
        return Optional.of(new MseTracks(vt, v.index(), audio, audio.isPresent() ? a.index() : -1));
    }

    private static List<byte[]> sprop(TrackInfo v) {
        String value = v.fmtp().get("sprop-parameter-sets");
        try {
            return value == null ? List.of() : SpropParameterSets.parse(value).nalUnits();
        } catch (ParseException broken) {
            return List.of(); // the in-band SPS will do
        }
    }

    /** A transcoder for this viewer's audio (each has its own encoder state). */
    Optional<FlacTranscoder> transcoder() {
        return audio.map(FlacTranscoder::of);
    }

    /** The tracks of the init segment: video first (track id 1), then FLAC audio (id 2). */
    List<Track> served() {
        List<Track> out = new ArrayList<>(List.of(video));
        audio.map(a -> Track.flac(a.clockRate(), a.sampleRate(), a.channels())).ifPresent(out::add);
        return out;
    }

    /** {@code video/mp4; codecs="avc1.42c01e,flac"}: what {@code MediaSource.isTypeSupported} is asked. */
    String mime() {
        return "video/mp4; codecs=\"" + served().stream().map(t -> t.rfc6381Codec().orElseThrow())
                .collect(Collectors.joining(",")) + "\"";
    }
}
