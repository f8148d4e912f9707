package io.gscam.protocol.auth;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static io.gscam.protocol.auth.SpecFixtures.ADMIN;
import static io.gscam.protocol.auth.SpecFixtures.URI;
import static org.assertj.core.api.Assertions.assertThat;

class AuthenticatorTest {
    private static final Supplier<String> CNONCE = () -> "0a4f113b";

    private static Authenticator forChallenges(String... headers) throws Exception {
        return Authenticator.forChallenges(ADMIN, AuthChallenge.parseAll(List.of(headers)), CNONCE).orElseThrow();
    }

    @Test
    void authorize_specChallenge_writesTheSpecsAuthorizationForEachRequest() throws Exception {
        Authenticator auth = forChallenges(SpecFixtures.CHALLENGE);

        assertThat(auth.authorize("DESCRIBE", URI)).isEqualTo(SpecFixtures.authorization(SpecFixtures.DESCRIBE_RESPONSE));
        assertThat(auth.authorize("SETUP", URI)).isEqualTo(SpecFixtures.authorization(SpecFixtures.SETUP_RESPONSE));
        assertThat(auth.authorize("PLAY", URI)).isEqualTo(SpecFixtures.authorization(SpecFixtures.PLAY_RESPONSE));
    }

    @Test
    void authorize_qopAuthOffered_sendsCnonceAndIncrementingNonceCount() throws Exception {
        Authenticator auth = forChallenges("Digest realm=\"testrealm@host.com\", qop=\"auth-int,auth\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");

        DigestAuthorization first = DigestAuthorization.parse(auth.authorize("DESCRIBE", "rtsp://cam/0"));
        DigestAuthorization second = DigestAuthorization.parse(auth.authorize("SETUP", "rtsp://cam/0/trackID=0"));

        assertThat(first.qop()).contains("auth");
        assertThat(first.cnonce()).contains("0a4f113b");
        assertThat(first.nonceCountHex()).contains("00000001");
        assertThat(first.opaque()).contains("5ccc069c403ebaf9f0171e9517f40e41");
        assertThat(second.nonceCountHex()).contains("00000002");
        assertThat(second.uri()).isEqualTo("rtsp://cam/0/trackID=0");
        assertThat(DigestCalculator.expectedResponse(second, "admin", "SETUP")).contains(second.response());
    }

    @Test
    void authorize_rfc2617Example_givesTheRfcResponse() throws Exception {
        Authenticator auth = Authenticator.forChallenges(new Credentials("Mufasa", "Circle Of Life"),
                AuthChallenge.parseAll("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                        + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
                        + "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""), CNONCE).orElseThrow();

        assertThat(DigestAuthorization.parse(auth.authorize("GET", "/dir/index.html")).response())
                .isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void forChallenges_basicListedFirst_stillPrefersDigest() throws Exception {
        Authenticator auth = forChallenges("Basic realm=\"Surveillance Server\"", SpecFixtures.CHALLENGE);

        assertThat(auth.challenge()).isInstanceOf(DigestChallenge.class);
        assertThat(auth.authorize("DESCRIBE", URI)).startsWith("Digest ");
    }

    @Test
    void forChallenges_basicOnly_sendsBasicCredentials() throws Exception {
        Authenticator auth = forChallenges("Basic realm=\"cam\"");

        assertThat(auth.authorize("DESCRIBE", URI)).isEqualTo("Basic YWRtaW46YWRtaW4=");
    }

    @Test
    void forChallenges_unanswerableDigest_fallsBackToTheNextOne() throws Exception {
        Authenticator auth = forChallenges("Digest realm=\"r\", nonce=\"1\", algorithm=SHA-256",
                "Digest realm=\"r\", nonce=\"2\", qop=\"auth-int\"",
                "Digest realm=\"r\", nonce=\"3\", algorithm=MD5-sess",
                "Digest realm=\"r\", nonce=\"4\", algorithm=MD5-sess, qop=\"auth\"");

        assertThat(((DigestChallenge) auth.challenge()).nonce()).isEqualTo("4");
        DigestAuthorization a = DigestAuthorization.parse(auth.authorize("PLAY", URI));
        assertThat(a.algorithm()).contains("MD5-sess");
        assertThat(DigestCalculator.expectedResponse(a, "admin", "PLAY")).contains(a.response());
    }

    @Test
    void forChallenges_nothingAnswerable_isEmpty() throws Exception {
        assertThat(Authenticator.forChallenges(ADMIN,
                AuthChallenge.parseAll("Digest realm=\"r\", nonce=\"1\", algorithm=SHA-256, Bearer realm=\"x\""),
                CNONCE)).isEmpty();
        assertThat(Authenticator.forChallenges(ADMIN, List.of(), CNONCE)).isEmpty();
        assertThat(Authenticator.forChallenges(new Credentials("a:b", "c"), List.of(new BasicChallenge("r")), CNONCE))
                .isEmpty();
    }

    @Test
    void randomCnonces_areSixteenHexDigitsFromTheInjectedGenerator() {
        assertThat(Authenticator.randomCnonces(new FixedRandom()).get()).isEqualTo("0123456789abcdef");
        assertThat(Optional.of(Authenticator.randomCnonces(new java.util.SplittableRandom(1)).get()))
                .hasValueSatisfying(c -> assertThat(c).matches("[0-9a-f]{16}"));
    }
}
