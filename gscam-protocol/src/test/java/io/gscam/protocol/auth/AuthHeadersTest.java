package io.gscam.protocol.auth;

import io.gscam.protocol.ParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static io.gscam.protocol.auth.SpecFixtures.CHALLENGE;
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

    @Property
    void digestChallenge_parseOfFormat_isIdentity(@ForAll("challenges") DigestChallenge c) throws Exception {
        assertThat(DigestChallenge.parse(c.format())).isEqualTo(c);
        assertThat(AuthChallenge.parseAll(c.format() + ", " + new BasicChallenge(c.realm()).format()))
                .containsExactly(c, new BasicChallenge(c.realm()));
    }

    @Property
    void digestAuthorization_parseOfFormat_isIdentity(@ForAll("authorizations") DigestAuthorization a)
            throws Exception {
        assertThat(DigestAuthorization.parse(a.format())).isEqualTo(a);
    }

    @Property
    void basicCredentials_decodeOfEncode_isIdentity(@ForAll("credentials") Credentials c) throws Exception {
        assertThat(BasicCredentials.decode(BasicCredentials.encode(c))).isEqualTo(c);
    }

    @Property(tries = 3000)
    void parse_arbitraryText_parsesOrThrowsParseException(@ForAll("authish") String value) throws ParseException {
        try {
            List<AuthChallenge> all = AuthChallenge.parseAll(value);
            assertThat(all).isNotEmpty();
        } catch (ParseException expected) {
            assertThat(expected.offset()).isBetween(0L, (long) value.length());
        }
        DigestAuthorization a = null;
        try {
            a = DigestAuthorization.parse(value);
        } catch (ParseException expected) {
            assertThat(expected.offset()).isBetween(0L, (long) value.length());
        }
        if (a != null) {
            assertThat(DigestAuthorization.parse(a.format())).isEqualTo(a); // outside the try: must not fail at all
        }
        try {
            BasicCredentials.decode(value);
        } catch (ParseException expected) {
            assertThat(expected.offset()).isBetween(0L, (long) value.length());
        }
    }

    @Provide
    Arbitrary<String> authish() {
        Arbitrary<String> syntax = Arbitraries.strings()
                .withChars("DigestBasicrealmnoqpuh=\",\\ \t\r\n/+0123456789").ofMaxLength(80);
        Arbitrary<String> mutated = Combinators.combine(challenges(), Arbitraries.integers().between(0, 200),
                        Arbitraries.strings().withChars(",=\" \\x").ofMaxLength(3))
                .as((c, at, insert) -> {
                    String s = c.format();
                    int i = Math.min(at, s.length());
                    return s.substring(0, i) + insert + s.substring(i);
                });
        return Arbitraries.oneOf(syntax, mutated, Arbitraries.strings().ofMaxLength(80));
    }

    static Arbitrary<String> quotable() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('\t', 'é').ofMaxLength(20);
    }

    static Arbitrary<String> token() {
        return Arbitraries.strings().withCharRange('!', '~').excludeChars('(', ')', '<', '>', '@', ',', ';', ':',
                '\\', '"', '/', '[', ']', '?', '=', '{', '}').ofMinLength(1).ofMaxLength(10);
    }

    private static Arbitrary<List<AuthParam>> extensions(List<String> modelled) {
        return Combinators.combine(token().filter(n -> !modelled.contains(n.toLowerCase())), quotable())
                .as(AuthParam::new).list().ofMaxSize(2);
    }

    @Provide
    Arbitrary<DigestChallenge> challenges() {
        return Builders.withBuilder(() -> new Object[7])
                .use(quotable()).in((a, v) -> set(a, 0, v))
                .use(quotable()).in((a, v) -> set(a, 1, v))
                .use(quotable().optional()).in((a, v) -> set(a, 2, v))
                .use(Arbitraries.oneOf(Arbitraries.of("MD5", "MD5-sess", "SHA-256"), token()).optional())
                .in((a, v) -> set(a, 3, v))
                .use(Arbitraries.oneOf(Arbitraries.of("auth", "auth-int"), token()).list().ofMaxSize(3))
                .in((a, v) -> set(a, 4, v))
                .use(Arbitraries.of(true, false)).in((a, v) -> set(a, 5, v))
                .use(extensions(List.of("realm", "nonce", "opaque", "algorithm", "qop", "stale")))
                .in((a, v) -> set(a, 6, v))
                .build(AuthHeadersTest::challenge);
    }

    @SuppressWarnings("unchecked")
    private static DigestChallenge challenge(Object[] a) {
        return new DigestChallenge((String) a[0], (String) a[1], (Optional<String>) a[2], (Optional<String>) a[3],
                (List<String>) a[4], (Boolean) a[5], (List<AuthParam>) a[6]);
    }

    @Provide
    Arbitrary<DigestAuthorization> authorizations() {
        Arbitrary<DigestAuthorization> required = Combinators.combine(quotable(), quotable(), quotable(),
                quotable(), quotable()).as(DigestAuthorization::of);
        return Combinators.combine(required, Arbitraries.of("MD5", "MD5-sess").optional(), quotable().optional(),
                        Arbitraries.longs().between(0, 0xFFFF_FFFFL).optional(),
                        Arbitraries.of("auth", "auth-int").optional(), quotable().optional(),
                        extensions(List.of("username", "realm", "nonce", "uri", "response", "algorithm", "cnonce",
                                "nc", "qop", "opaque")))
                .as((r, alg, cnonce, nc, qop, opaque, ext) -> new DigestAuthorization(r.username(), r.realm(),
                        r.nonce(), r.uri(), r.response(), alg, cnonce,
                        nc.map(OptionalLong::of).orElse(OptionalLong.empty()), qop, opaque, ext));
    }

    @Provide
    Arbitrary<Credentials> credentials() {
        return Combinators.combine(Arbitraries.strings().excludeChars(':').ofMaxLength(20),
                Arbitraries.strings().ofMaxLength(20)).as(Credentials::new)
                .filter(c -> c.username().codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE)
                        && c.password().codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE));
    }

    private static Object[] set(Object[] a, int i, Object v) {
        a[i] = v;
        return a;
    }
}
