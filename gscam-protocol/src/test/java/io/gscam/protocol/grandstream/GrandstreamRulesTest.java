package io.gscam.protocol.grandstream;

import io.gscam.protocol.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrandstreamRulesTest {
    @ParameterizedTest(name = "channel {0} is input {1}, primary {2}")
    @CsvSource({"0,1,true", "1,2,true", "2,3,true", "3,4,true", "4,1,false", "5,2,false", "6,3,false", "7,4,false"})
    void channel_inputAndStream(int number, int input, boolean primary) {
        GrandstreamChannel c = GrandstreamChannel.of(number);

        assertThat(c.input()).isEqualTo(input);
        assertThat(c.isPrimary()).isEqualTo(primary);
        assertThat(GrandstreamChannel.of(input, primary)).isEqualTo(c);
        assertThat(c.sibling().input()).isEqualTo(input);
        assertThat(c.sibling().isPrimary()).isEqualTo(!primary);
        assertThat(c.path()).isEqualTo("/" + number);
    }

    @Test
    void channel_outOfRange_isRejected() {
        assertThatThrownBy(() -> GrandstreamChannel.of(8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrandstreamChannel.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrandstreamChannel.of(5, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"/0,0", "/0/,0", "/0/trackID=1,0", "/7,7", "/4/trackID=0,4", "rtsp://192.168.86.232:554/0,0",
            "rtsp://192.168.86.232:554/0/trackID=0,0", "rtsp://admin:admin@h/5?x=1,5", "/3?t=1,3"})
    void parsePath_channelFromPathOrUrl(String path, int channel) throws ParseException {
        assertThat(GrandstreamChannel.parsePath(path).number()).isEqualTo(channel);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "/8", "/00", "/-1", "/a", "0", "/10/trackID=0", "rtsp://h:554", "rtsp://h:554/"})
    void parsePath_notAChannel_throwsParseException(String path) {
        assertThatThrownBy(() -> GrandstreamChannel.parsePath(path)).isInstanceOf(ParseException.class);
    }

    @Test
    void deviceModel_channels() {
        assertThat(DeviceModel.DVS.channels()).extracting(GrandstreamChannel::number).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(DeviceModel.IPCAM.channels()).extracting(GrandstreamChannel::number).containsExactly(0, 4);
        assertThat(DeviceModel.IPCAM.serves(GrandstreamChannel.of(4))).isTrue();
        assertThat(DeviceModel.IPCAM.serves(GrandstreamChannel.of(1))).isFalse();
        assertThat(DeviceModel.DVS.serves(GrandstreamChannel.of(7))).isTrue();
    }

    @Test
    void portRule_http80IsRtsp554_elseTwoThousandPlusP() {
        assertThat(PortRule.rtspPortFor(80)).isEqualTo(554);
        assertThat(PortRule.rtspPortFor(6554)).isEqualTo(8554);
        assertThat(PortRule.rtspPortFor(8080)).isEqualTo(10080);
        assertThat(PortRule.rtspPortFor(1)).isEqualTo(2001);
        assertThat(PortRule.rtspPortFor(63535)).isEqualTo(65535);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -80, 63536, 65535, 70000})
    void portRule_portWithoutAnRtspPort_isRejected(int http) {
        assertThatThrownBy(() -> PortRule.rtspPortFor(http)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serverHeader_specDescribeValue_isWidthHeightFpsKbps() throws ParseException {
        Optional<StreamInfo> info = ServerHeader.parseStreamInfo("GrandStream Rtsp Server 704*480*30*1024");

        assertThat(info).contains(new StreamInfo(704, 480, 30, 1024));
        assertThat(ServerHeader.format(new StreamInfo(704, 480, 30, 1024))).isEqualTo("GrandStream Rtsp Server 704*480*30*1024");
    }

    @Test
    void serverHeader_specPlainValue_hasNoStreamInfo() throws ParseException {
        assertThat(ServerHeader.PLAIN).isEqualTo("GrandStream Rtsp Server V100R001");
        assertThat(ServerHeader.isGrandstream(ServerHeader.PLAIN)).isTrue();
        assertThat(ServerHeader.parseStreamInfo("GrandStream Rtsp Server V100R001")).isEmpty();
        assertThat(ServerHeader.parseStreamInfo("GStreamer RTSP server")).isEmpty();
        assertThat(ServerHeader.isGrandstream("GStreamer RTSP server")).isFalse();
    }

    @Test
    void serverHeader_tolerantOfCaseAndSpaces() throws ParseException {
        assertThat(ServerHeader.parseStreamInfo("  Grandstream RTSP Server   352*240*15*256 ")).contains(new StreamInfo(352, 240, 15, 256));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GrandStream Rtsp Server 704*480", "GrandStream Rtsp Server 704*480*30*x",
            "GrandStream Rtsp Server 0*480*30*1024", "GrandStream Rtsp Server 704*480*30*1024*9", "GrandStream Rtsp Server 99999999*1*1*1"})
    void serverHeader_brokenStreamInfo_throwsParseException(String value) {
        assertThatThrownBy(() -> ServerHeader.parseStreamInfo(value)).isInstanceOf(ParseException.class);
    }
}
