package io.gscam.media.h264;

import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.PayloadFormat;
import io.gscam.media.rtp.PayloadFormats;
import io.gscam.media.rtp.RtpPayload;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class H264PayloadFormatTest {
    private static MediaFormat h264(Map<String, String> fmtp) {
        return new MediaFormat(MediaKind.VIDEO, 96, "H264", 90000, 1, fmtp);
    }

    @Test
    void standardRegistry_findsH264ByRtpmapNameInAnyCase() {
        assertThat(PayloadFormats.standard().find("h264")).get().isInstanceOf(H264PayloadFormat.class);
        assertThat(PayloadFormats.standard().find(h264(Map.of()))).get().extracting(PayloadFormat::kind).isEqualTo(MediaKind.VIDEO);
    }

    @Test
    void newReader_seedsParameterSetsFromTheSpecsSprop() {
        MediaFormat format = h264(Map.of("packetization-mode", "1", "sprop-parameter-sets", "Z0LgHtoCwPRA,aM4wpIA="));

        H264PayloadReader reader = (H264PayloadReader) new H264PayloadFormat().newReader(format, s -> { });

        assertThat(reader.parameterSets()).hasValueSatisfying(ps -> {
            assertThat(ps.sps()).isEqualTo(NalUnit.ofHex("6742e01eda02c0f440"));
            assertThat(ps.pps()).isEqualTo(NalUnit.ofHex("68ce30a480"));
        });
    }

    @Test
    void newReader_brokenOrEmptySprop_isIgnored() {
        for (String sprop : List.of("", ",", "!!notbase64,aM4wpIA=")) {
            H264PayloadReader reader = (H264PayloadReader) new H264PayloadFormat()
                    .newReader(h264(Map.of("sprop-parameter-sets", sprop)), s -> { });
            assertThat(reader.parameterSets()).as(sprop).isEmpty();
        }
    }

    @Test
    void newWriter_usesTheConfiguredFragmentSize() {
        byte[] au = new byte[4 + 1 + 3000];
        java.util.Arrays.fill(au, (byte) 0x11);
        au[0] = 0;
        au[1] = 0;
        au[2] = 0;
        au[3] = 1;
        au[4] = 0x65;

        List<RtpPayload> spec = new H264PayloadFormat().newWriter(h264(Map.of())).payloads(MediaSample.video(0, au, true));
        List<RtpPayload> custom = new H264PayloadFormat(1400).newWriter(h264(Map.of())).payloads(MediaSample.video(0, au, true));

        assertThat(spec).extracting(p -> p.bytes().length).containsExactly(1026, 1026, 954);
        assertThat(custom).extracting(p -> p.bytes().length).containsExactly(1402, 1402, 202);
    }
}
