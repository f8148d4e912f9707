package io.gscam.protocol.sdp;

import io.gscam.protocol.ParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionDescriptionPropertiesTest {

    @Property
    void parseOfFormat_isIdentity(@ForAll("descriptions") SessionDescription sdp) throws Exception {
        assertThat(SessionDescription.parse(sdp.format())).isEqualTo(sdp);
    }

    @Property
    void parseStrictOfFormat_withStandardHeader_isIdentity(@ForAll("strictDescriptions") SessionDescription sdp) throws Exception {
        assertThat(SessionDescription.parse(sdp.format(), SdpCompliance.STRICT)).isEqualTo(sdp);
    }

    @Property
    void arbitraryText_parsesOrRaisesParseError(@ForAll String text) {
        for (SdpCompliance mode : SdpCompliance.values()) {
            try {
                SessionDescription sdp = SessionDescription.parse(text, mode);
                assertThat(sdp.lines().size() + sdp.media().size()).isPositive();
            } catch (ParseException expected) {
                assertThat(expected.reason()).isNotBlank();
            }
        }
    }

    @Property
    void sdpLikeLines_parseOrRaiseParseError_andReparseStably(@ForAll("sdpLikeText") String text) throws Exception {
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(text);
        } catch (ParseException expected) {
            assertThat(expected.reason()).isNotBlank();
            return;
        }
        assertThat(SessionDescription.parse(sdp.format())).isEqualTo(sdp);
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

    @Provide
    Arbitrary<String> sdpLikeText() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("v=0", "o=- 1 1 IN IP4 1.2.3.4", "o=", "o=IN", "s=", "t=0 0", "c=IN IP4 0.0.0.0", "c=", "c=IN c=",
                        "b=AS:", "b=AS:12", "b=:1", "m=video 0 RTP/AVP 96", "m=audio 5/2 RTP/AVP 0 8", "m=x", "m=a 1 b",
                        "a=rtpmap:96 H264/90000", "a=rtpmap:96", "a=rtpmap:96 /", "a=rtpmap:x y/z", "a=rtpmap:0 PCMU/8000/1",
                        "a=fmtp:96 a=1;;b", "a=fmtp:96", "a=fmtp:", "a=ptime:20.5", "a=ptime:x", "a=framerate:NaN",
                        "a=control:*", "a=", "=", "", " ", "\t", "x", "m=video\t0 RTP/AVP 96", "m=\u0000 1 x", "m=v 1\u000b/2 p"),
                Arbitraries.strings().ofMaxLength(20).map(s -> "a=" + s),
                Arbitraries.strings().ofMaxLength(20));
        Arbitrary<String> eol = Arbitraries.of("\r\n", "\n", "\r", " \r\n");
        return Combinators.combine(line, eol).as((l, e) -> l + e).list().ofMaxSize(12).map(l -> String.join("", l));
    }

    private static Arbitrary<String> text() {
        // Values the parser keeps as they are: no line breaks, no surrounding whitespace.
        return Arbitraries.strings().withCharRange(' ', '~').withChars('é', '中').ofMinLength(1).ofMaxLength(24)
                .map(String::trim).filter(s -> !s.isEmpty());
    }

    private static Arbitrary<String> token() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-', '/', '.')
                .ofMinLength(1).ofMaxLength(10);
    }

    private static Arbitrary<String> attributeName() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('-', '_').ofMinLength(1).ofMaxLength(10);
    }

    @Provide
    Arbitrary<SessionDescription> descriptions() {
        return Combinators.combine(header(), attributes(), media().list().ofMaxSize(4))
                .as((h, attrs, media) -> {
                    SessionDescription.Builder b = h ? standard(SessionDescription.builder()) : SessionDescription.builder();
                    attrs.forEach(a -> b.attribute(a.name(), a.value()));
                    media.forEach(b::media);
                    return b.build();
                }).filter(s -> !s.format().isEmpty()); // an empty text is not a description
    }

    @Provide
    Arbitrary<SessionDescription> strictDescriptions() {
        return Combinators.combine(attributes(), media().list().ofMaxSize(4), text())
                .as((attrs, media, name) -> {
                    SessionDescription.Builder b = standard(SessionDescription.builder()).sessionName(name);
                    attrs.forEach(a -> b.attribute(a.name(), a.value()));
                    media.forEach(b::media);
                    return b.build();
                }).filter(s -> s.media().stream().allMatch(m -> !m.formats().isEmpty()));
    }

    private static SessionDescription.Builder standard(SessionDescription.Builder b) {
        return b.standardHeader(new Origin("-", "16379793953309178445", "1", "IN", "IP4", "10.0.0.1"), "gscam")
                .connection(ConnectionData.of("0.0.0.0"))
                .bandwidth(new Bandwidth("AS", 1024));
    }

    private static Arbitrary<Boolean> header() {
        return Arbitraries.of(true, false);
    }

    private static Arbitrary<List<SdpAttribute>> attributes() {
        Arbitrary<SdpAttribute> a = Combinators.combine(attributeName(), text().injectNull(0.3))
                .as((n, v) -> new SdpAttribute(n, v == null ? "" : v));
        return a.list().ofMaxSize(4);
    }

    private static Arbitrary<MediaDescription> media() {
        Arbitrary<RtpMap> rtpmap = Combinators.combine(Arbitraries.integers().between(0, 127),
                        Arbitraries.strings().withCharRange('A', 'Z').withChars('-').ofMinLength(1).ofMaxLength(8),
                        Arbitraries.integers().between(1, 200_000), Arbitraries.integers().between(0, 8))
                .as(RtpMap::new);
        return Combinators.combine(Arbitraries.of("video", "audio", "application"), Arbitraries.integers().between(0, 65535),
                        Arbitraries.of("RTP/AVP", "RTP/AVP/TCP", "RTP/SAVP"), rtpmap.list().ofMaxSize(3),
                        token().list().ofMaxSize(2), attributes(), text().injectNull(0.7))
                .as((type, port, proto, maps, extraFormats, attrs, info) -> {
                    MediaDescription.Builder m = MediaDescription.builder(type, port, proto);
                    if (info != null) {
                        m.information(info);
                    }
                    maps.forEach(r -> m.rtpmap(r).fmtp(r.payloadType(), "packetization-mode=1"));
                    extraFormats.forEach(m::format);
                    attrs.forEach(a -> m.attribute(a.name(), a.value()));
                    return m.control("trackID=" + port).build();
                });
    }
}
