package io.gscam.protocol.sdp;

import io.gscam.protocol.ParseException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.gscam.testkit.FuzzChecks.checkNotBlank;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SdpValuesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rtpmap_withAndWithoutChannels_isRead() throws Exception {
        assertThat(RtpMap.parse("96 H264/90000")).isEqualTo(new RtpMap(96, "H264", 90000, 0));
        assertThat(RtpMap.parse(" 97  MPEG4-GENERIC/48000/2 ")).isEqualTo(new RtpMap(97, "MPEG4-GENERIC", 48000, 2));
        assertThat(RtpMap.parse("0 PCMU/8000").channelCount()).isEqualTo(1);
        assertThat(RtpMap.parse("97 G726-32/8000").format()).isEqualTo("97 G726-32/8000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"96", "96 H264", "x H264/90000", "128 H264/90000", "96 H264/fast", "96 H264/0",
            "96 /90000", "96 H264/90000/2/1"})
    void rtpmap_malformed_raisesParseError(String value) {
        assertThatThrownBy(() -> RtpMap.parse(value)).isInstanceOf(ParseException.class);
    }

    @Test
    void staticPayloadTypes_followRfc3551() {
        assertThat(StaticPayloadTypes.lookup(0)).hasValue(new RtpMap(0, "PCMU", 8000, 1));
        assertThat(StaticPayloadTypes.lookup(8)).hasValue(new RtpMap(8, "PCMA", 8000, 1));
        assertThat(StaticPayloadTypes.lookup(14)).hasValue(new RtpMap(14, "MPA", 90000));
        assertThat(StaticPayloadTypes.lookup(26)).hasValue(new RtpMap(26, "JPEG", 90000));
        assertThat(StaticPayloadTypes.lookup(10)).hasValue(new RtpMap(10, "L16", 44100, 2));
        assertThat(StaticPayloadTypes.lookup(2)).isEmpty();
        assertThat(StaticPayloadTypes.lookup(96)).isEmpty();
    }

    @Test
    void formatParameters_spacesTrailingSemicolonAndPadding_areTolerated() {
        assertThat(FormatParameters.parse(" packetization-mode=1; sprop-parameter-sets=Z0LgHtoCwPRA,aM4wpIA= ;Profile-Level-Id=42e01e;"))
                .containsExactly(Map.entry("packetization-mode", "1"),
                        Map.entry("sprop-parameter-sets", "Z0LgHtoCwPRA,aM4wpIA="),
                        Map.entry("profile-level-id", "42e01e"));
        assertThat(FormatParameters.parse("0-15")).containsExactly(Map.entry("0-15", ""));
        assertThat(FormatParameters.parse("a=1;a=2")).containsExactly(Map.entry("a", "1"));
        assertThat(FormatParameters.parse("")).isEmpty();
    }

    @Test
    void formatParameters_format_usesTheCamerasSeparator() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("packetization-mode", "1");
        m.put("sprop-parameter-sets", "Z0LgHtoCwPRA,aM4wpIA=");
        assertThat(FormatParameters.format(m)).isEqualTo("packetization-mode=1; sprop-parameter-sets=Z0LgHtoCwPRA,aM4wpIA=");
        assertThat(FormatParameters.parse(FormatParameters.format(m))).isEqualTo(m);
    }

    @Test
    void sprop_theSpecsValue_decodesToSpsAndPps() throws Exception {
        SpropParameterSets s = SpropParameterSets.parse("Z0LgHtoCwPRA,aM4wpIA=");
        assertThat(s.nalUnits()).hasSize(2);
        assertThat(HEX.formatHex(s.nalUnits().get(0))).isEqualTo("6742e01eda02c0f440");
        assertThat(HEX.formatHex(s.nalUnits().get(1))).isEqualTo("68ce30a480");
        assertThat(s.format()).isEqualTo("Z0LgHtoCwPRA,aM4wpIA=");
    }

    @Test
    void sprop_sloppyValues_areTolerated() throws Exception {
        SpropParameterSets expected = SpropParameterSets.parse("Z0LgHtoCwPRA,aM4wpIA=");
        assertThat(SpropParameterSets.parse(" Z0LgHtoCwPRA , aM4wpIA ,")).isEqualTo(expected);
        assertThat(SpropParameterSets.parse("Z0Lg HtoC wPRA,aM4wpIA=,,")).isEqualTo(expected);
        assertThat(SpropParameterSets.parse("").isEmpty()).isTrue();
        assertThat(SpropParameterSets.parse(" , ").isEmpty()).isTrue();
        assertThat(SpropParameterSets.parse("aM4wpIA=").sps()).isEmpty();
    }

    @Test
    void sprop_notBase64_raisesParseErrorAtTheEntry() {
        assertThatThrownBy(() -> SpropParameterSets.parse("Z0LgHtoCwPRA,a!!"))
                .isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(((ParseException) e).offset()).isEqualTo(13));
        assertThatThrownBy(() -> SpropParameterSets.parse("Z")).isInstanceOf(ParseException.class);
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("nalLists")
    void sprop_parseOfFormat_isIdentity(List<byte[]> nals) throws Exception {
        SpropParameterSets s = SpropParameterSets.of(nals);
        assertThat(SpropParameterSets.parse(s.format())).isEqualTo(s);
    }

    @FuzzTest
    void sprop_arbitraryText_parsesOrRaisesParseError(byte[] input) {
        try {
            SpropParameterSets.parse(new String(input, StandardCharsets.UTF_8));
        } catch (ParseException expected) {
            checkNotBlank(expected.reason(), "reason");
        }
    }

    static Stream<List<byte[]>> nalLists() {
        return Generators.cases(1000, r -> Generators.list(r, 0, 4, n -> Generators.bytes(n, 1, 64)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rtsp://192.168.86.232/0 | trackID=0 | rtsp://192.168.86.232/0/trackID=0",
            "rtsp://192.168.86.232:554/0/ | trackID=1 | rtsp://192.168.86.232:554/0/trackID=1",
            "rtsp://192.168.86.232/0 | * | rtsp://192.168.86.232/0",
            "rtsp://192.168.86.232/0 | '' | rtsp://192.168.86.232/0",
            "rtsp://cam/live | rtsp://10.0.0.9:8554/onvif/track1 | rtsp://10.0.0.9:8554/onvif/track1",
            "rtsp://cam/live | RTSP://10.0.0.9/x | RTSP://10.0.0.9/x",
            "rtsp://cam:554/stream | ?ctype=video | rtsp://cam:554/stream?ctype=video",
            "rtsp://cam:554/a/b | /c/track1 | rtsp://cam:554/c/track1",
            "rtsp://cam/live?ch=1 | trackID=2 | rtsp://cam/live?ch=1/trackID=2",
            "rtsp://cam/ | streamid=0 | rtsp://cam/streamid=0",
            "rtsp://cam/x | track:1 | rtsp://cam/x/track:1"})
    void controlUrl_resolvesLikeFfmpegAndGortsplib(String base, String control, String expected) {
        assertThat(ControlUrl.resolve(base.trim(), control.trim())).isEqualTo(expected.trim());
    }

    @Test
    void controlUrl_base_prefersContentBaseThenLocationThenRequest() {
        assertThat(ControlUrl.base("rtsp://192.168.86.232/0", "rtsp://x/loc", "rtsp://192.168.86.232:554/0"))
                .isEqualTo("rtsp://192.168.86.232/0");
        assertThat(ControlUrl.base(null, "rtsp://x/loc", "rtsp://r/0")).isEqualTo("rtsp://x/loc");
        assertThat(ControlUrl.base(" ", null, "rtsp://r/0")).isEqualTo("rtsp://r/0");
        assertThat(ControlUrl.resolve("rtsp://r/0", null)).isEqualTo("rtsp://r/0");
    }

    @Test
    void origin_oddShapes_areReadBestEffort() {
        assertThat(Origin.parse("- 14665860 31787219 1 IN IP4 192.168.4.226"))
                .hasValue(new Origin("- 14665860", "31787219", "1", "IN", "IP4", "192.168.4.226"));
        assertThat(Origin.parse(" 2890842807 IN IP4 192.168.0.1"))
                .hasValue(new Origin("", "", "2890842807", "IN", "IP4", "192.168.0.1"));
        assertThat(Origin.parse("nothing here")).isEmpty();
        assertThat(Origin.of("1", "::1").format()).isEqualTo("- 1 1 IN IP6 ::1");
    }

    @Test
    void bandwidth_andConnection_readOrGiveEmpty() {
        assertThat(Bandwidth.parse("AS:1024")).hasValue(new Bandwidth("AS", 1024));
        assertThat(Bandwidth.parse("X-YZ:128")).hasValue(new Bandwidth("X-YZ", 128));
        assertThat(Bandwidth.parse("AS:")).isEmpty();
        assertThat(Bandwidth.parse(" :1")).isEmpty();
        assertThat(ConnectionData.parse("In IP4 0.0.0.0")).hasValue(new ConnectionData("IN", "IP4", "0.0.0.0"));
        assertThat(ConnectionData.parse("IN IP4")).isEmpty();
    }
}
