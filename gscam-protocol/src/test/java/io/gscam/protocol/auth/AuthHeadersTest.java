package io.gscam.protocol.auth;

import io.gscam.protocol.ParseException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static io.gscam.protocol.auth.SpecFixtures.CHALLENGE;
import static io.gscam.testkit.FuzzChecks.check;
import static io.gscam.testkit.FuzzChecks.checkBetween;
import static io.gscam.testkit.FuzzChecks.checkEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WWW-Authenticate and Authorization values: parsing, writing, and the ways cameras bend them. */
class AuthHeadersTest {

    @Test
    void digestChallenge_specFixture_parsesAndFormatsVerbatim() throws Exception {
        DigestChallenge c = DigestChallenge.parse(CHALLENGE);

        assertThat(c).isEqualTo(DigestChallenge.of("Surveillance Server", "30507280"));
        assertThat(c.qop()).isEmpty();
        assertThat(c.stale()).isFalse();
        assertThat(c.format()).isEqualTo(CHALLENGE);
    }

    @Test
    void digestChallenge_fullRfc2617Form_readsEveryParameter() throws Exception {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", "
                + "algorithm=MD5, stale=TRUE, domain=\"/a /b\"");

        assertThat(c.realm()).isEqualTo("testrealm@host.com");
        assertThat(c.nonce()).isEqualTo("dcd98b7102dd2f0e8b11d0f600bfb0c093");
        assertThat(c.qop()).containsExactly("auth", "auth-int");
        assertThat(c.offersQopAuth()).isTrue();
        assertThat(c.opaque()).contains("5ccc069c403ebaf9f0171e9517f40e41");
        assertThat(c.algorithm()).contains("MD5");
        assertThat(c.stale()).isTrue();
        assertThat(c.extensions()).containsExactly(new AuthParam("domain", "/a /b"));
        assertThat(c.format()).isEqualTo("Digest realm=\"testrealm@host.com\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", "
                + "algorithm=MD5, qop=\"auth,auth-int\", stale=true, domain=\"/a /b\"");
    }

    @Test
    void digestChallenge_unquotedValuesExtraSpacesAndCase_areTolerated() throws Exception {
        DigestChallenge c = DigestChallenge.parse("  digest   NONCE = 30507280 ,REALM=\"Surveillance Server\" , ");

        assertThat(c).isEqualTo(DigestChallenge.of("Surveillance Server", "30507280"));
    }

    @Test
    void authChallenge_parseAll_splitsDigestAndBasicInOneHeader() throws Exception {
        List<AuthChallenge> all = AuthChallenge.parseAll(
                "Digest realm=\"cam\", nonce=\"1\", Basic realm=\"cam\", Bearer realm=\"x\", error=\"y\", NTLM");

        assertThat(all).containsExactly(DigestChallenge.of("cam", "1"), new BasicChallenge("cam"),
                new OtherChallenge("Bearer", Optional.empty(),
                        List.of(new AuthParam("realm", "x"), new AuthParam("error", "y"))),
                new OtherChallenge("NTLM", Optional.empty(), List.of()));
    }

    @Test
    void authChallenge_parseAll_token68FollowedByParameters_raisesParseError() {
        // Found by the arbitrary-text property: "Foo abc, x=y" gave an IllegalArgumentException.
        assertThatThrownBy(() -> AuthChallenge.parseAll("Foo abc, x=y"))
                .isInstanceOf(ParseException.class).hasMessageContaining("token68");
    }

    @Test
    void authChallenge_parseAll_readsSeveralHeaders() throws Exception {
        List<AuthChallenge> all = AuthChallenge.parseAll(List.of("Basic realm=\"IPCAM\"", CHALLENGE));

        assertThat(all).containsExactly(new BasicChallenge("IPCAM"),
                DigestChallenge.of("Surveillance Server", "30507280"));
        assertThat(all.get(0).format()).isEqualTo("Basic realm=\"IPCAM\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Digest", "Digest realm=\"x\"", "Digest nonce=\"1\"", "realm=\"x\", Digest",
            "Digest realm=\"x, nonce=1", "Digest realm=\"x\" nonce=\"1\"", "Digest realm=x, nonce", "Basic realm=\"x\"",
            "Digest realm=\"x\", nonce=\"1\", qop=\"a b\"", "Digest realm=\"x\", nonce=\"1\", algorithm=\"a b\"",
            "Digest realm=\"x\", nonce=\"1\", Digest realm=\"y\", nonce=\"2\"", "Digest abc=="})
    void digestChallenge_malformed_throwsParseException(String value) {
        assertThatThrownBy(() -> DigestChallenge.parse(value)).isInstanceOf(ParseException.class);
    }

    @Test
    void digestAuthorization_specFoldedHeader_parsesAndFormatsOnOneLine() throws Exception {
        DigestAuthorization a = DigestAuthorization.parse(
                SpecFixtures.foldedAuthorization(SpecFixtures.SETUP_RESPONSE));

        assertThat(a).isEqualTo(DigestAuthorization.of("admin", "Surveillance Server", "30507280",
                "rtsp://192.168.86.232:554/0", "3f215bf93e81b5d1e1f7beb83d038dac"));
        assertThat(a.format()).isEqualTo(SpecFixtures.authorization(SpecFixtures.SETUP_RESPONSE));
    }

    @Test
    void digestAuthorization_qopForm_anyOrderQuotedOrNot() throws Exception {
        DigestAuthorization a = DigestAuthorization.parse("Digest qop=\"auth\",nc=\"00000002\", response="
                + "6629FAE49393A05397450978507C4EF1, cnonce=0a4f113b,uri=\"/dir/index.html\" ,opaque=\"5ccc\","
                + "algorithm=\"MD5\",username=Mufasa,realm=\"testrealm@host.com\",nonce=\"dcd98b\",x-extra=1");

        assertThat(a).isEqualTo(new DigestAuthorization("Mufasa", "testrealm@host.com", "dcd98b", "/dir/index.html",
                "6629FAE49393A05397450978507C4EF1", Optional.of("MD5"), Optional.of("0a4f113b"), OptionalLong.of(2),
                Optional.of("auth"), Optional.of("5ccc"), List.of(new AuthParam("x-extra", "1"))));
        assertThat(a.format()).isEqualTo("Digest username=\"Mufasa\", realm=\"testrealm@host.com\", "
                + "nonce=\"dcd98b\", uri=\"/dir/index.html\", response=\"6629FAE49393A05397450978507C4EF1\", "
                + "algorithm=MD5, cnonce=\"0a4f113b\", nc=00000002, qop=auth, opaque=\"5ccc\", x-extra=\"1\"");
    }

    @Test
    void digestAuthorization_escapedQuoteInUsername_isUnescaped() throws Exception {
        DigestAuthorization a = DigestAuthorization.parse(
                "Digest username=\"a\\\"b\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\"");

        assertThat(a.username()).isEqualTo("a\"b");
        assertThat(a.format()).startsWith("Digest username=\"a\\\"b\", ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Digest", "Basic YWRtaW46YWRtaW4=",
            "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\"",
            "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", nc=123456789",
            "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", nc=xyz",
            // found by fuzzing: Long.parseLong took the sign, and the value -1 threw IllegalArgumentException
            "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", nc=-0000001",
            "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", nc=+0000001",
            "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", nc=\uFF10\uFF10\uFF11",
            "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\", qop=\"a b\"",
            "Digest username=\"a\nb\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\""})
    void digestAuthorization_malformed_throwsParseException(String value) {
        assertThatThrownBy(() -> DigestAuthorization.parse(value)).isInstanceOf(ParseException.class);
    }

    @Test
    void basicCredentials_encodeAndDecode_admin() throws Exception {
        assertThat(BasicCredentials.encode(SpecFixtures.ADMIN)).isEqualTo("Basic YWRtaW46YWRtaW4=");
        assertThat(BasicCredentials.decode("basic  YWRtaW46YWRtaW4=")).isEqualTo(SpecFixtures.ADMIN);
    }

    @Test
    void basicCredentials_passwordWithColonAndUtf8_survive() throws Exception {
        Credentials c = new Credentials("jörg", "pa:ss wörd");

        assertThat(BasicCredentials.decode(BasicCredentials.encode(c))).isEqualTo(c);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Basic", "Basic !!!!", "Basic YWRtaW4=", "Digest YWRtaW46YWRtaW4=",
            "Basic realm=\"x\"", "Basic YWRtaW46YWRtaW4=, Basic YWRtaW46YWRtaW4="})
    void basicCredentials_malformed_throwsParseException(String value) {
        assertThatThrownBy(() -> BasicCredentials.decode(value)).isInstanceOf(ParseException.class);
    }

    @Test
    void credentials_toString_hidesPassword() {
        assertThat(new Credentials("admin", "s3cret").toString()).contains("admin").doesNotContain("s3cret");
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("challenges")
    void digestChallenge_parseOfFormat_isIdentity(DigestChallenge c) throws Exception {
        assertThat(DigestChallenge.parse(c.format())).isEqualTo(c);
        assertThat(AuthChallenge.parseAll(c.format() + ", " + new BasicChallenge(c.realm()).format()))
                .containsExactly(c, new BasicChallenge(c.realm()));
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("authorizations")
    void digestAuthorization_parseOfFormat_isIdentity(DigestAuthorization a)
            throws Exception {
        assertThat(DigestAuthorization.parse(a.format())).isEqualTo(a);
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("credentials")
    void basicCredentials_decodeOfEncode_isIdentity(Credentials c) throws Exception {
        assertThat(BasicCredentials.decode(BasicCredentials.encode(c))).isEqualTo(c);
    }

    @FuzzTest
    void parse_arbitraryText_parsesOrThrowsParseException(byte[] input) throws ParseException {
        String value = new String(input, StandardCharsets.UTF_8);
        try {
            List<AuthChallenge> all = AuthChallenge.parseAll(value);
            check(!all.isEmpty(), "no challenge parsed");
        } catch (ParseException expected) {
            checkBetween(expected.offset(), 0, value.length(), "failure offset");
        }
        DigestAuthorization a = null;
        try {
            a = DigestAuthorization.parse(value);
        } catch (ParseException expected) {
            checkBetween(expected.offset(), 0, value.length(), "failure offset");
        }
        if (a != null) {
            checkEqual(DigestAuthorization.parse(a.format()), a, "formatted and parsed again"); // outside the try: must not fail at all
        }
        try {
            BasicCredentials.decode(value);
        } catch (ParseException expected) {
            checkBetween(expected.offset(), 0, value.length(), "failure offset");
        }
    }

    static String quotable(SplittableRandom r) {
        return Generators.string(r, ' ', '~', "\té", "", 0, 20);
    }

    static String token(SplittableRandom r) {
        return Generators.string(r, '!', '~', "", "()<>@,;:\\\"/[]?={}", 1, 10);
    }

    private static List<AuthParam> extensions(SplittableRandom r, List<String> modelled) {
        return Generators.list(r, 0, 2, e -> {
            String name;
            do {
                name = token(e);
            } while (modelled.contains(name.toLowerCase()));
            return new AuthParam(name, quotable(e));
        });
    }

    private static DigestChallenge challenge(SplittableRandom r) {
        return new DigestChallenge(quotable(r), quotable(r), Generators.optional(r, 0.8, AuthHeadersTest::quotable),
                Generators.optional(r, 0.8, a -> a.nextBoolean() ? Generators.oneOf(a, "MD5", "MD5-sess", "SHA-256") : token(a)),
                Generators.list(r, 0, 3, q -> q.nextBoolean() ? Generators.oneOf(q, "auth", "auth-int") : token(q)),
                r.nextBoolean(), extensions(r, List.of("realm", "nonce", "opaque", "algorithm", "qop", "stale")));
    }

    static Stream<DigestChallenge> challenges() {
        return Generators.cases(1000, AuthHeadersTest::challenge);
    }

    static Stream<DigestAuthorization> authorizations() {
        return Generators.cases(1000, r -> new DigestAuthorization(quotable(r), quotable(r), quotable(r), quotable(r),
                quotable(r), Generators.optional(r, 0.8, a -> Generators.oneOf(a, "MD5", "MD5-sess")),
                Generators.optional(r, 0.8, AuthHeadersTest::quotable),
                r.nextInt(5) == 0 ? OptionalLong.empty() : OptionalLong.of(Generators.between(r, 0L, 0xFFFF_FFFFL)),
                Generators.optional(r, 0.8, a -> Generators.oneOf(a, "auth", "auth-int")),
                Generators.optional(r, 0.8, AuthHeadersTest::quotable),
                extensions(r, List.of("username", "realm", "nonce", "uri", "response", "algorithm", "cnonce", "nc", "qop",
                        "opaque"))));
    }

    /** Any text but lone surrogates, which no byte encoding carries. */
    static Stream<Credentials> credentials() {
        return Generators.cases(1000, r -> new Credentials(noSurrogates(r, ":"), noSurrogates(r, "")));
    }

    private static String noSurrogates(SplittableRandom r, String excluded) {
        String s;
        do {
            s = Generators.anyString(r, 0, 20);
        } while (s.chars().anyMatch(c -> excluded.indexOf(c) >= 0 || Character.isSurrogate((char) c)));
        return s;
    }
}
