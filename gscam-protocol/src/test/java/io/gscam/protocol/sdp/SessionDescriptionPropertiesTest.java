package io.gscam.protocol.sdp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.testkit.Generators;
import io.gscam.protocol.ParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static io.gscam.testkit.FuzzChecks.check;
import static io.gscam.testkit.FuzzChecks.checkEqual;
import static io.gscam.testkit.FuzzChecks.checkNotBlank;
import static org.assertj.core.api.Assertions.assertThat;

class SessionDescriptionPropertiesTest {

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("descriptions")
    void parseOfFormat_isIdentity(SessionDescription sdp) throws Exception {
        assertThat(SessionDescription.parse(sdp.format())).isEqualTo(sdp);
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("strictDescriptions")
    void parseStrictOfFormat_withStandardHeader_isIdentity(SessionDescription sdp) throws Exception {
        assertThat(SessionDescription.parse(sdp.format(), SdpCompliance.STRICT)).isEqualTo(sdp);
    }

    @FuzzTest
    void arbitraryText_parsesOrRaisesParseError(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        for (SdpCompliance mode : SdpCompliance.values()) {
            try {
                SessionDescription sdp = SessionDescription.parse(text, mode);
                check(sdp.lines().size() + sdp.media().size() > 0, "an SDP without lines");
            } catch (ParseException expected) {
                checkNotBlank(expected.reason(), "reason");
            }
        }
    }

    @FuzzTest
    void sdpLikeLines_parseOrRaiseParseError_andReparseStably(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(text);
        } catch (ParseException expected) {
            checkNotBlank(expected.reason(), "reason");
            return;
        }
        checkEqual(SessionDescription.parse(sdp.format()), sdp, "written and parsed again");
        // The typed readers must not throw on whatever the lines hold.
        sdp.origin();
        sdp.connection();
        sdp.bandwidths();
        sdp.version();
        for (MediaDescription m : sdp.media()) {
            for (int pt : m.payloadTypes()) {
                m.rtpMapFor(pt);
                m.fmtp(pt);
            }
            m.ptime();
            m.framerate();
            m.control();
        }
    }

    /** Values the parser keeps as they are: no line breaks, no surrounding whitespace. */
    private static String text(SplittableRandom r) {
        String s;
        do {
            s = Generators.string(r, ' ', '~', "é中", "", 1, 24).trim();
        } while (s.isEmpty());
        return s;
    }

    private static String token(SplittableRandom r) {
        return Generators.string(r, Generators.alphabet('a', 'z', "0123456789-/.", ""), 1, 10);
    }

    private static String attributeName(SplittableRandom r) {
        return Generators.string(r, 'a', 'z', "-_", "", 1, 10);
    }

    static Stream<SessionDescription> descriptions() {
        return Generators.cases(1000, r -> {
            SessionDescription sdp;
            do { // an empty text is not a description
                SessionDescription.Builder b = r.nextBoolean() ? standard(SessionDescription.builder())
                        : SessionDescription.builder();
                attributes(r).forEach(a -> b.attribute(a.name(), a.value()));
                Generators.list(r, 0, 4, SessionDescriptionPropertiesTest::media).forEach(b::media);
                sdp = b.build();
            } while (sdp.format().isEmpty());
            return sdp;
        });
    }

    static Stream<SessionDescription> strictDescriptions() {
        return Generators.cases(1000, r -> {
            SessionDescription sdp;
            do {
                List<SdpAttribute> attrs = attributes(r);
                List<MediaDescription> media = Generators.list(r, 0, 4, SessionDescriptionPropertiesTest::media);
                SessionDescription.Builder b = standard(SessionDescription.builder()).sessionName(text(r));
                attrs.forEach(a -> b.attribute(a.name(), a.value()));
                media.forEach(b::media);
                sdp = b.build();
            } while (!sdp.media().stream().allMatch(m -> !m.formats().isEmpty()));
            return sdp;
        });
    }

    private static SessionDescription.Builder standard(SessionDescription.Builder b) {
        return b.standardHeader(new Origin("-", "16379793953309178445", "1", "IN", "IP4", "10.0.0.1"), "gscam")
                .connection(ConnectionData.of("0.0.0.0"))
                .bandwidth(new Bandwidth("AS", 1024));
    }

    private static List<SdpAttribute> attributes(SplittableRandom r) {
        return Generators.list(r, 0, 4, a -> new SdpAttribute(attributeName(a), Generators.chance(a, 0.3) ? "" : text(a)));
    }

    private static MediaDescription media(SplittableRandom r) {
        String type = Generators.oneOf(r, "video", "audio", "application");
        int port = Generators.between(r, 0, 65535);
        MediaDescription.Builder m = MediaDescription.builder(type, port, Generators.oneOf(r, "RTP/AVP", "RTP/AVP/TCP", "RTP/SAVP"));
        List<RtpMap> maps = Generators.list(r, 0, 3, x -> new RtpMap(Generators.between(x, 0, 127),
                Generators.string(x, 'A', 'Z', "-", "", 1, 8), Generators.between(x, 1, 200_000), Generators.between(x, 0, 8)));
        List<String> extraFormats = Generators.list(r, 0, 2, SessionDescriptionPropertiesTest::token);
        List<SdpAttribute> attrs = attributes(r);
        if (Generators.chance(r, 0.3)) {
            m.information(text(r));
        }
        maps.forEach(x -> m.rtpmap(x).fmtp(x.payloadType(), "packetization-mode=1"));
        extraFormats.forEach(m::format);
        attrs.forEach(a -> m.attribute(a.name(), a.value()));
        return m.control("trackID=" + port).build();
    }
}
