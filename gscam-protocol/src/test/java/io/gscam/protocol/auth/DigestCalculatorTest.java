package io.gscam.protocol.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static io.gscam.protocol.auth.SpecFixtures.NONCE;
import static io.gscam.protocol.auth.SpecFixtures.REALM;
import static io.gscam.protocol.auth.SpecFixtures.URI;
import static org.assertj.core.api.Assertions.assertThat;

class DigestCalculatorTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("io.gscam.protocol.auth.SpecFixtures#specDigests")
    void response_specRequests_reproduceTheSpecDigests(String method, String expected) {
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, "admin", REALM, "admin", NONCE, "");
        String response = DigestCalculator.response(ha1, NONCE, DigestCalculator.ha2(method, URI));

        assertThat(response).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("io.gscam.protocol.auth.SpecFixtures#specDigests")
    void expectedResponse_specAuthorizationHeader_matchesItsResponse(String method, String expected) throws Exception {
        DigestAuthorization header = DigestAuthorization.parse(SpecFixtures.foldedAuthorization(expected));

        assertThat(DigestCalculator.expectedResponse(header, "admin", method)).contains(expected);
        assertThat(DigestCalculator.expectedResponse(header, "wrong", method)).isNotEqualTo(Optional.of(expected));
    }

    @Test
    void expectedResponse_rfc2617Example_qopAuth() {
        // RFC 2617 section 3.5
        DigestAuthorization a = new DigestAuthorization("Mufasa", "testrealm@host.com",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "/dir/index.html", "", Optional.empty(),
                Optional.of("0a4f113b"), OptionalLong.of(1), Optional.of("auth"),
                Optional.of("5ccc069c403ebaf9f0171e9517f40e41"), List.of());

        assertThat(DigestCalculator.expectedResponse(a, "Circle Of Life", "GET"))
                .contains("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void expectedResponse_md5Sess_hashesNonceAndCnonceIntoHa1() {
        // reference value computed independently with Python's hashlib
        DigestAuthorization a = new DigestAuthorization("Mufasa", "testrealm@host.com",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "/dir/index.html", "", Optional.of("MD5-sess"),
                Optional.of("0a4f113b"), OptionalLong.of(1), Optional.of("auth"), Optional.empty(), List.of());

        assertThat(DigestCalculator.expectedResponse(a, "Circle Of Life", "GET"))
                .contains("8e3825c57e897f5a0dec6c2d4e5059d0");
    }

    @Test
    void expectedResponse_variantsNotComputed_areEmpty() {
        DigestAuthorization base = DigestAuthorization.of("admin", REALM, NONCE, URI, "");

        assertThat(DigestCalculator.expectedResponse(
                new DigestAuthorization("admin", REALM, NONCE, URI, "", Optional.of("SHA-256"), Optional.empty(),
                        OptionalLong.empty(), Optional.empty(), Optional.empty(), List.of()), "admin", "PLAY")).isEmpty();
        assertThat(DigestCalculator.expectedResponse(
                new DigestAuthorization("admin", REALM, NONCE, URI, "", Optional.empty(), Optional.of("c"),
                        OptionalLong.of(1), Optional.of("auth-int"), Optional.empty(), List.of()), "admin", "PLAY"))
                .isEmpty();
        assertThat(DigestCalculator.expectedResponse(
                new DigestAuthorization("admin", REALM, NONCE, URI, "", Optional.empty(), Optional.empty(),
                        OptionalLong.empty(), Optional.of("auth"), Optional.empty(), List.of()), "admin", "PLAY"))
                .isEmpty();
        assertThat(DigestCalculator.expectedResponse(
                new DigestAuthorization("admin", REALM, NONCE, URI, "", Optional.of("MD5-sess"), Optional.empty(),
                        OptionalLong.empty(), Optional.empty(), Optional.empty(), List.of()), "admin", "PLAY"))
                .isEmpty();
        assertThat(DigestCalculator.expectedResponse(base, "admin", "PLAY")).contains(SpecFixtures.PLAY_RESPONSE);
    }

    @Test
    void md5Hex_emptyString_isTheKnownDigest() {
        assertThat(DigestCalculator.md5Hex("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }
}
