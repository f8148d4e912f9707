package io.gscam.camera;

import io.gscam.media.MediaKind;
import io.gscam.media.g711.G711Law;
import io.gscam.camera.source.BuiltInLoops;
import io.gscam.camera.source.Clip;
import io.gscam.camera.source.FileSource;
import io.gscam.camera.source.MediaSource;
import io.gscam.camera.source.TimedSample;
import io.gscam.camera.source.TrackInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What each channel's configuration opens, without sockets. */
class ChannelSourcesTest {
    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-01-01T12:00:00Z"));
    private final List<MediaSource> opened = new ArrayList<>();
    private ChannelSources sources;

    @AfterEach
    void close() {
        opened.forEach(MediaSource::close);
        if (sources != null) {
            sources.close();
        }
    }

    private MediaSource open(CameraConfig.Builder config, int channel) throws Exception {
        sources = new ChannelSources(config.build(), clock, System::nanoTime, Optional.empty());
        MediaSource s = sources.open(channel);
        opened.add(s);
        return s;
    }

    private static CameraConfig.Builder config() {
        return CameraConfig.defaults().toBuilder();
    }

    @Test
    void open_default_isTheH264LoopAndPcmu() throws Exception {
        List<TrackInfo> tracks = open(config(), 0).tracks();
        assertThat(tracks).extracting(TrackInfo::encodingName).containsExactly("H264", "PCMU");
        assertThat(tracks).extracting(TrackInfo::payloadType).containsExactly(96, 0);
        assertThat(tracks.get(0).width()).isEqualTo(704);
    }

    @Test
    void open_mjpegWithG726_rendersJpegKeyframesOnPt26AndG726OnPt97() throws Exception {
        CameraConfig.Builder c = config();
        c.channel(0, c.media(0).withVideo("mjpeg").withAudio("g726-32"));
        MediaSource s = open(c, 0);
        TrackInfo video = s.tracks().get(0);
        assertThat(video.encodingName()).isEqualTo("JPEG");
        assertThat(video.payloadType()).isEqualTo(26);
        assertThat(video.clockRate()).isEqualTo(90000);
        assertThat(video.width()).isEqualTo(704);
        assertThat(video.height()).isEqualTo(480);
        assertThat(video.frameRate().rounded()).isEqualTo(30);
        assertThat(video.bitrateKbps()).as("measured JPEG rate").isGreaterThan(1000);
        TrackInfo audio = s.tracks().get(1);
        assertThat(audio.encodingName()).isEqualTo("G726-32");
        assertThat(audio.payloadType()).isEqualTo(97);
        TimedSample first = nextOfTrack(s, 0);
        assertThat(first.sample().keyframe()).isTrue();
        assertThat(first.sample().data()).startsWith((byte) 0xFF, (byte) 0xD8);
        TimedSample second = nextOfTrack(s, 0);
        assertThat(second.sample().keyframe()).isTrue();
        assertThat(second.sample().rtpTimestamp() - first.sample().rtpTimestamp()).isEqualTo(3000);
        assertThat(nextOfTrack(s, 1).sample().data()).hasSize(80);
    }

    @Test
    void open_secondaryMjpeg_is352x240At15() throws Exception {
        CameraConfig.Builder c = config();
        c.channel(5, c.media(5).withVideo("mjpeg").withAudio("none"));
        List<TrackInfo> tracks = open(c, 5).tracks();
        assertThat(tracks).hasSize(1);
        assertThat(tracks.get(0).width()).isEqualTo(352);
        assertThat(tracks.get(0).height()).isEqualTo(240);
        assertThat(tracks.get(0).frameRate().rounded()).isEqualTo(15);
    }

    @Test
    void open_aal2G726_announcesTheAal2Name() throws Exception {
        CameraConfig.Builder c = config();
        c.channel(1, c.media(1).withAudio("aal2-g726-40"));
        assertThat(open(c, 1).tracks().get(1).encodingName()).isEqualTo("AAL2-G726-40");
    }

    @Test
    void open_fileWithPcmuBeside_sendsItAsIs_orReencodesToTheChannelsCodec(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("clip.h264");
        ByteArrayOutputStream annexB = new ByteArrayOutputStream();
        Clip loop = BuiltInLoops.clip(4);
        loop.samples().forEach(s -> annexB.writeBytes(s.data()));
        Files.write(video, annexB.toByteArray());
        byte[] mulaw = new byte[8000 * 10];
        for (int i = 0; i < mulaw.length; i++) {
            mulaw[i] = G711Law.MU_LAW.encode((short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        Files.write(dir.resolve("clip.pcmu"), mulaw);

        CameraConfig.Builder c = config();
        c.channel(2, c.media(2).withSource(video));
        MediaSource asIs = open(c, 2);
        assertThat(asIs).isInstanceOf(FileSource.class);
        assertThat(asIs.tracks()).extracting(TrackInfo::encodingName).containsExactly("H264", "PCMU");
        assertThat(asIs.tracks().get(0).width()).isEqualTo(352);

        c.channel(2, c.media(2).withAudio("g726-24"));
        MediaSource reencoded = open(c, 2);
        assertThat(reencoded.tracks()).extracting(TrackInfo::encodingName).containsExactly("H264", "G726-24");
        assertThat(nextOfTrack(reencoded, 1).sample().data()).hasSize(60);

        c.channel(2, c.media(2).withAudio("none"));
        assertThat(open(c, 2).tracks()).extracting(TrackInfo::kind).containsExactly(MediaKind.VIDEO);
    }

    @Test
    void open_missingFile_isAnIOExceptionNamingIt(@TempDir Path dir) {
        CameraConfig.Builder c = config();
        c.channel(0, c.media(0).withSource(dir.resolve("nothing.h264")));
        assertThatThrownBy(() -> open(c, 0)).isInstanceOf(java.io.IOException.class).hasMessageContaining("nothing.h264");
    }

    @Test
    void constructor_unknownVideoCodec_namesTheChannel() {
        CameraConfig.Builder c = config();
        c.channel(3, c.media(3).withVideo("h265"));
        assertThatThrownBy(() -> new ChannelSources(c.build(), clock, System::nanoTime, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("channel 3: video codec h265 is not h264 or mjpeg");
    }

    @Test
    void constructor_unknownAudioCodec_namesTheChannel() {
        CameraConfig.Builder c = config();
        c.channel(6, c.media(6).withAudio("g729"));
        assertThatThrownBy(() -> new ChannelSources(c.build(), clock, System::nanoTime, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("channel 6: audio codec g729");
    }

    @Test
    void constructor_mjpegFromAFile_isRefused() {
        CameraConfig.Builder c = config();
        c.channel(0, c.media(0).withVideo("mjpeg").withSource(Path.of("clip.mp4")));
        assertThatThrownBy(() -> new ChannelSources(c.build(), clock, System::nanoTime, Optional.empty()))
                .hasMessageContaining("--source plays the file's H.264");
    }

    @Test
    void constructor_ffmpegEncoderWithoutFfmpeg_saysHowToFixIt() {
        CameraConfig c = config().encoder("ffmpeg").build();
        assertThatThrownBy(() -> new ChannelSources(c, clock, System::nanoTime, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--encoder ffmpeg needs an ffmpeg executable on PATH (apt-get install ffmpeg); without it use --encoder builtin");
    }

    @Test
    void constructor_unknownEncoder_isRefused() {
        CameraConfig c = config().encoder("x264").build();
        assertThatThrownBy(() -> new ChannelSources(c, clock, System::nanoTime, Optional.empty()))
                .hasMessage("--encoder must be builtin or ffmpeg, not x264");
    }

    private static TimedSample nextOfTrack(MediaSource s, int track) {
        for (int i = 0; i < 1000; i++) {
            TimedSample t = s.next();
            if (t != null && t.track() == track) {
                return t;
            }
        }
        throw new AssertionError("no sample of track " + track + " in 1000");
    }
}
