package io.gscam.protocol.auth;

import io.gscam.testkit.Generators;
import io.gscam.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static io.gscam.protocol.auth.SpecFixtures.ADMIN;
import static io.gscam.protocol.auth.SpecFixtures.REALM;
import static io.gscam.protocol.auth.SpecFixtures.URI;
import static org.assertj.core.api.Assertions.assertThat;

/** The camera's side: NonceSource, DigestVerifier, BasicVerifier and AuthVerifier. */
class VerifierTest {

    /** A verifier whose first nonce is the spec's 30507280. */
    private static DigestVerifier specCamera(boolean acceptDescribe) {
        NonceSource nonces = new NonceSource(new FixedRandom(30_507_280, 42));
        return new DigestVerifier(REALM, Accounts.of(ADMIN), nonces, acceptDescribe);
    }

    @Test
    void challenge_specCamera_isTheSpecsWwwAuthenticate() {
        DigestVerifier v = specCamera(true);

        assertThat(v.challenge().format()).isEqualTo(SpecFixtures.CHALLENGE);
        assertThat(v.challenge().format()).isEqualTo("Digest realm=\"Surveillance Server\", nonce=\"00000042\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.gscam.protocol.auth.SpecFixtures#specDigests")
    void verify_specRequests_areAccepted(String method, String response) {
        DigestVerifier v = specCamera(false);
        v.challenge();

        assertThat(v.verify(method, Optional.of(SpecFixtures.foldedAuthorization(response)))).isEqualTo(AuthResult.OK);
    }

    @Test
    void verify_usesHeaderUriNotRequestLine_soSetupOfATrackSignedOverTheBaseUrlPasses() {
        // the SETUP request line is .../0/trackID=0 but its digest covers uri=rtsp://...:554/0
        DigestVerifier v = specCamera(false);
        v.challenge();

        assertThat(v.verify("SETUP", Optional.of(SpecFixtures.authorization(SpecFixtures.SETUP_RESPONSE))))
                .isEqualTo(AuthResult.OK);
    }

    @Test
    void verify_describeDigestOnPlay_acceptedOnlyWithTheFirmwareOption() {
        DigestVerifier lenient = specCamera(true);
        lenient.challenge();
        DigestVerifier strict = specCamera(false);
        strict.challenge();
        Optional<String> describeDigest = Optional.of(SpecFixtures.authorization(SpecFixtures.DESCRIBE_RESPONSE));

        assertThat(lenient.verify("PLAY", describeDigest)).isEqualTo(AuthResult.OK);
        assertThat(strict.verify("PLAY", describeDigest)).isEqualTo(AuthResult.WRONG_CREDENTIALS);
        // the option widens DESCRIBE only: a PLAY digest is not good for SETUP
        assertThat(lenient.verify("SETUP", Optional.of(SpecFixtures.authorization(SpecFixtures.PLAY_RESPONSE))))
                .isEqualTo(AuthResult.WRONG_CREDENTIALS);
    }

    @Test
    void verify_wrongPasswordUserOrRealm_isWrongCredentials() {
        DigestVerifier v = specCamera(true);
        String nonce = v.challenge().nonce();

        assertThat(v.verify("PLAY", Optional.of(sign("admin", "nimda", REALM, nonce, "PLAY"))))
                .isEqualTo(AuthResult.WRONG_CREDENTIALS);
        assertThat(v.verify("PLAY", Optional.of(sign("root", "admin", REALM, nonce, "PLAY"))))
                .isEqualTo(AuthResult.WRONG_CREDENTIALS);
        assertThat(v.verify("PLAY", Optional.of(sign("admin", "admin", "Other Realm", nonce, "PLAY"))))
                .isEqualTo(AuthResult.WRONG_CREDENTIALS);
    }

    @Test
    void verify_rightPasswordWithANonceNeverIssued_isUnknownNonceAndGetsAStaleChallenge() {
        DigestVerifier v = specCamera(true);

        AuthResult result = v.verify("PLAY", Optional.of(sign("admin", "admin", REALM, "99999999", "PLAY")));

        assertThat(result).isEqualTo(AuthResult.UNKNOWN_NONCE);
        DigestChallenge again = v.challenge(result);
        assertThat(again.stale()).isTrue();
        assertThat(again.format()).isEqualTo("Digest realm=\"Surveillance Server\", nonce=\"30507280\", stale=true");
    }

    @Test
    void verify_missingGarbledOrOtherScheme_areToldApart() {
        DigestVerifier v = specCamera(true);

        assertThat(v.verify("PLAY", Optional.empty())).isEqualTo(AuthResult.MISSING);
        assertThat(v.verify("PLAY", Optional.of("  "))).isEqualTo(AuthResult.MISSING);
        assertThat(v.verify("PLAY", Optional.of("Digest username=\"admin\""))).isEqualTo(AuthResult.MALFORMED);
        assertThat(v.verify("PLAY", Optional.of("Digest username=\"admin\", realm=\"" + REALM + "\", nonce=\"1\", "
                + "uri=\"u\", response=\"r\", qop=auth-int, nc=1, cnonce=\"c\""))).isEqualTo(AuthResult.MALFORMED);
        assertThat(v.verify("PLAY", Optional.of("Basic YWRtaW46YWRtaW4="))).isEqualTo(AuthResult.UNSUPPORTED_SCHEME);
    }

    @Test
    void verify_upperCaseHexResponse_isAccepted() {
        DigestVerifier v = specCamera(false);
        v.challenge();

        assertThat(v.verify("PLAY", Optional.of(SpecFixtures.authorization(SpecFixtures.PLAY_RESPONSE.toUpperCase()))))
                .isEqualTo(AuthResult.OK);
    }

    @Test
    void verify_clientUsingQopAuth_isAccepted() throws Exception {
        DigestVerifier v = new DigestVerifier(REALM, Accounts.of(ADMIN), new NonceSource(new SplittableRandom(7)));
        DigestChallenge offered = v.challenge();
        DigestChallenge withQop = new DigestChallenge(offered.realm(), offered.nonce(), Optional.empty(),
                Optional.empty(), List.of("auth"), false, List.of());
        Authenticator client = Authenticator.forChallenges(ADMIN, List.of(withQop), () -> "c0ffee").orElseThrow();

        assertThat(v.verify("OPTIONS", Optional.of(client.authorize("OPTIONS", URI)))).isEqualTo(AuthResult.OK);
        assertThat(v.verify("TEARDOWN", Optional.of(client.authorize("TEARDOWN", URI)))).isEqualTo(AuthResult.OK);
    }

    @Test
    void nonceSource_forgetsTheOldestPastCapacity() {
        NonceSource nonces = new NonceSource(new FixedRandom(1, 2, 3), 2);

        assertThat(nonces.issue()).isEqualTo("00000001");
        assertThat(nonces.issue()).isEqualTo("00000002");
        assertThat(nonces.issue()).isEqualTo("00000003");
        assertThat(nonces.wasIssued("00000001")).isFalse();
        assertThat(nonces.wasIssued("00000002")).isTrue();
        assertThat(nonces.wasIssued("00000003")).isTrue();
        assertThat(nonces.wasIssued("00000004")).isFalse();
    }

    @Test
    void nonceSource_forgetsANonceOlderThanSixtySeconds() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        NonceSource nonces = new NonceSource(new FixedRandom(1, 2), clock);
        String first = nonces.issue();

        clock.advance(Duration.ofSeconds(60));
        assertThat(nonces.wasIssued(first)).as("60 s old").isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(nonces.wasIssued(first)).as("just past 60 s").isFalse();
        String second = nonces.issue();
        assertThat(nonces.wasIssued(second)).isTrue();
        assertThat(nonces.wasIssued(first)).as("still refused once forgotten").isFalse();
    }

    @Test
    void verify_rightPasswordWithAnExpiredNonce_isAStaleChallengeAndTheRetryPasses() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        DigestVerifier v = new DigestVerifier(REALM, Accounts.of(ADMIN), new NonceSource(new FixedRandom(7, 8), clock));
        Authenticator client = Authenticator.forChallenges(ADMIN, List.of(v.challenge()), () -> "c").orElseThrow();
        assertThat(v.verify("DESCRIBE", Optional.of(client.authorize("DESCRIBE", URI)))).isEqualTo(AuthResult.OK);

        clock.advance(Duration.ofSeconds(61));
        AuthResult stale = v.verify("PLAY", Optional.of(client.authorize("PLAY", URI)));
        assertThat(stale).isEqualTo(AuthResult.UNKNOWN_NONCE);
        DigestChallenge fresh = v.challenge(stale);
        assertThat(fresh.stale()).isTrue();
        assertThat(fresh.nonce()).isEqualTo("00000008");
        Authenticator retry = Authenticator.forChallenges(ADMIN, List.of(fresh), () -> "c").orElseThrow();
        assertThat(v.verify("PLAY", Optional.of(retry.authorize("PLAY", URI)))).isEqualTo(AuthResult.OK);
        assertThat(v.verify("PLAY", Optional.of(sign("admin", "wrong", REALM, fresh.nonce(), "PLAY"))))
                .as("a wrong password over a fresh nonce is no stale nonce").isEqualTo(AuthResult.WRONG_CREDENTIALS);
    }

    @Test
    void basicVerifier_checksUserAndPassword() {
        BasicVerifier v = new BasicVerifier(REALM, Accounts.of(ADMIN));

        assertThat(v.verify(Optional.of("Basic YWRtaW46YWRtaW4="))).isEqualTo(AuthResult.OK);
        assertThat(v.verify(Optional.of(BasicCredentials.encode(new Credentials("admin", "x")))))
                .isEqualTo(AuthResult.WRONG_CREDENTIALS);
        assertThat(v.verify(Optional.of(BasicCredentials.encode(new Credentials("nobody", "")))))
                .isEqualTo(AuthResult.WRONG_CREDENTIALS);
        assertThat(v.verify(Optional.of("Basic ***"))).isEqualTo(AuthResult.MALFORMED);
        assertThat(v.verify(Optional.of(SpecFixtures.authorization(SpecFixtures.PLAY_RESPONSE))))
                .isEqualTo(AuthResult.UNSUPPORTED_SCHEME);
        assertThat(v.verify(Optional.empty())).isEqualTo(AuthResult.MISSING);
        assertThat(v.challenge().format()).isEqualTo("Basic realm=\"Surveillance Server\"");
    }

    @Test
    void authVerifier_digestOnly_rejectsBasicAndChallengesWithDigestAlone() {
        AuthVerifier v = AuthVerifier.digestOnly(specCamera(true));

        assertThat(v.verify("DESCRIBE", Optional.of("Basic YWRtaW46YWRtaW4="))).isEqualTo(AuthResult.UNSUPPORTED_SCHEME);
        assertThat(v.challenges(AuthResult.MISSING)).extracting(AuthChallenge::format)
                .containsExactly(SpecFixtures.CHALLENGE);
        assertThat(v.verify("DESCRIBE", Optional.of(SpecFixtures.authorization(SpecFixtures.DESCRIBE_RESPONSE))))
                .isEqualTo(AuthResult.OK);
    }

    @Test
    void authVerifier_withBasic_acceptsBothAndOffersDigestFirst() {
        AuthVerifier v = new AuthVerifier(specCamera(true),
                Optional.of(new BasicVerifier(REALM, Accounts.of(ADMIN))));

        List<AuthChallenge> challenges = v.challenges(AuthResult.MISSING);
        assertThat(challenges).extracting(AuthChallenge::scheme).containsExactly("Digest", "Basic");
        assertThat(v.verify("DESCRIBE", Optional.of("Basic YWRtaW46YWRtaW4="))).isEqualTo(AuthResult.OK);
        assertThat(v.verify("DESCRIBE", Optional.of(SpecFixtures.authorization(SpecFixtures.DESCRIBE_RESPONSE))))
                .isEqualTo(AuthResult.OK);
        assertThat(v.verify("DESCRIBE", Optional.of("Bearer abc"))).isEqualTo(AuthResult.UNSUPPORTED_SCHEME);
        assertThat(v.verify("DESCRIBE", Optional.empty())).isEqualTo(AuthResult.MISSING);
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("passwordPairs")
    void authenticatorAgainstVerifier_rightPasswordPassesWrongOneFails(
            String password, String other, String method, boolean qop) throws Exception {
        Credentials account = new Credentials("user", password);
        DigestVerifier server = new DigestVerifier("realm", Accounts.of(account),
                new NonceSource(new SplittableRandom(password.hashCode())), false);
        DigestChallenge c = server.challenge();
        List<AuthChallenge> offered = List.of(qop ? new DigestChallenge(c.realm(), c.nonce(), Optional.empty(),
                Optional.empty(), List.of("auth"), false, List.of()) : c);

        String good = Authenticator.forChallenges(account, offered, () -> "cn").orElseThrow().authorize(method, URI);
        String bad = Authenticator.forChallenges(new Credentials("user", other), offered, () -> "cn").orElseThrow()
                .authorize(method, URI);

        assertThat(server.verify(method, Optional.of(good))).isEqualTo(AuthResult.OK);
        assertThat(server.verify(method, Optional.of(bad)))
                .isEqualTo(other.equals(password) ? AuthResult.OK : AuthResult.WRONG_CREDENTIALS);
    }

    /** A password and another one, the same one now and then, so that case is checked too. */
    static Stream<Arguments> passwordPairs() {
        return Generators.arguments(300, r -> {
            String password = Generators.string(r, ' ', '~', "", "", 0, 12);
            String other = r.nextInt(10) == 0 ? password : Generators.string(r, ' ', '~', "", "", 0, 12);
            return new Object[] {password, other,
                    Generators.oneOf(r, "OPTIONS", "DESCRIBE", "SETUP", "PLAY", "PAUSE", "TEARDOWN", "GET_PARAMETER"),
                    r.nextBoolean()};
        });
    }

    private static String sign(String user, String password, String realm, String nonce, String method) {
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, user, realm, password, nonce, "");
        String response = DigestCalculator.response(ha1, nonce, DigestCalculator.ha2(method, URI));
        return DigestAuthorization.of(user, realm, nonce, URI, response).format();
    }
}
