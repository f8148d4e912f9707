package io.gscam.protocol.auth;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.protocol.ParseException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.gscam.testkit.FuzzChecks.check;
import static io.gscam.testkit.FuzzChecks.checkEqual;

/**
 * The camera's Digest check under arbitrary Authorization values: it never throws, and it accepts
 * (or calls merely stale) only a response that is the right MD5 for the account's password, computed
 * here independently of {@link DigestCalculator}. The fuzzer cannot forge MD5, so what it probes is
 * everything around the comparison: parsing, case, algorithm and qop variants, realm and user checks.
 */
class DigestVerifierFuzzTest {
    private static final String REALM = "Surveillance Server";
    private static final String USER = "admin";
    private static final String PASSWORD = "admin";
    private static final List<String> METHODS = List.of("DESCRIBE", "SETUP", "PLAY", "TEARDOWN", "OPTIONS",
            "GET_PARAMETER", "describe", "X");

    /**
     * Input: one control byte (bits 0-2 the request's method, bit 3 the firmware's DESCRIBE leniency),
     * then the Authorization value as UTF-8. The verifier has issued the spec's nonce 30507280.
     */
    @FuzzTest
    void verify_arbitraryAuthorization_neverThrowsAndAcceptsOnlyTheRightDigest(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        String method = METHODS.get(input[0] & 0x07);
        boolean lenient = (input[0] & 0x08) != 0;
        String header = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        DigestVerifier verifier = new DigestVerifier(REALM, Accounts.of(new Credentials(USER, PASSWORD)),
                new NonceSource(new FixedRandom(30_507_280)), lenient);
        verifier.challenge();

        AuthResult result = verifier.verify(method, Optional.of(header));

        check(result != null, "a result");
        if (result == AuthResult.OK || result == AuthResult.UNKNOWN_NONCE) {
            DigestAuthorization a = DigestAuthorization.parse(header);
            checkEqual(a.username(), USER, "the accepted user");
            checkEqual(a.realm(), REALM, "the accepted realm");
            boolean right = a.response().equalsIgnoreCase(expected(a, method))
                    || lenient && a.response().equalsIgnoreCase(expected(a, "DESCRIBE"));
            check(right, "accepted response " + a.response() + " for " + header);
            checkEqual(a.nonce().equals("30507280"), result == AuthResult.OK, "OK exactly for the nonce issued");
        }
    }

    /** RFC 2069 without qop, RFC 2617 with qop=auth (MD5 or MD5-sess); null for what is not computable. */
    private static String expected(DigestAuthorization a, String method) throws ParseException {
        String algorithm = a.algorithm().orElse("MD5").toUpperCase(Locale.ROOT);
        if (!algorithm.equals("MD5") && !algorithm.equals("MD5-SESS")) {
            return null;
        }
        String ha2 = md5(method + ":" + a.uri());
        String ha1 = md5(a.username() + ":" + a.realm() + ":" + PASSWORD);
        if (a.qop().isEmpty()) {
            return algorithm.equals("MD5") ? md5(ha1 + ":" + a.nonce() + ":" + ha2) : null;
        }
        if (!a.qop().get().equalsIgnoreCase("auth") || a.cnonce().isEmpty() || a.nonceCount().isEmpty()) {
            return null;
        }
        String cnonce = a.cnonce().get();
        if (algorithm.equals("MD5-SESS")) {
            ha1 = md5(ha1 + ":" + a.nonce() + ":" + cnonce);
        }
        return md5(ha1 + ":" + a.nonce() + ":" + String.format("%08x", a.nonceCount().getAsLong()) + ":" + cnonce
                + ":" + a.qop().get() + ":" + ha2);
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
