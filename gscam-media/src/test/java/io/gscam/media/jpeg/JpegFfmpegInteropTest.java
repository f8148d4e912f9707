package io.gscam.media.jpeg;

import io.gscam.testkit.PeerResult;
import io.gscam.testkit.Peers;
import io.gscam.media.MediaSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The frames the depacketizer rebuilds decode in ffmpeg without a word on stderr. */
class JpegFfmpegInteropTest {

    @Test
    void rebuiltFrames_withAndWithoutRestartMarkers_decodeCleanlyInFfmpeg(@TempDir Path dir) throws Exception {
        Peers.assumeInstalled("ffmpeg");
        for (int dri : new int[] {0, 7}) {
            for (int sampling : new int[] {0x21, 0x22}) {
                byte[] jpeg = TestJpegs.jpeg(TestJpegs.pattern(352, 240, dri + sampling), sampling, dri, 0.8f, false);
                List<MediaSample> out = JpegRoundTripTest.transmit(new JpegPayloadWriter(), MediaSample.video(0, jpeg, true));
                Path file = dir.resolve("rtpjpeg-" + dri + "-" + Integer.toHexString(sampling) + ".jpg");
                Files.write(file, out.get(0).data());
                PeerResult r = Peers.run(dir, "ffmpeg", "-nostdin", "-hide_banner", "-v", "error",
                        "-i", file.toString(), "-f", "null", "-");
                String output = r.stdout() + r.stderr();
                assertThat(r.exit()).as(output).isZero();
                assertThat(output).as("dri %d sampling %x", dri, sampling).isEmpty();
            }
        }
    }

}
