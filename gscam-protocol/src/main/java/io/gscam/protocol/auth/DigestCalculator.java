package io.gscam.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Digest responses (RFC 2617 section 3.2.2.1), MD5 and MD5-sess:
 * <ul>
 *   <li>without qop, RFC 2069 as the spec's camera expects: {@code MD5(HA1:nonce:HA2)};</li>
 *   <li>with {@code qop=auth}: {@code MD5(HA1:nonce:nc:cnonce:qop:HA2)};</li>
 * </ul>
 * where {@code HA1 = MD5(user:realm:password)} (MD5-sess: {@code MD5(that:nonce:cnonce)}) and
 * {@code HA2 = MD5(method:uri)}. Strings are hashed as UTF-8 (RFC 7616's charset; plain ASCII for
 * every camera seen). {@code auth-int} is not computed: RTSP requests that need auth carry no body.
 */
public final class DigestCalculator {
    private static final HexFormat HEX = HexFormat.of();

    private DigestCalculator() {
    }

    /** Lower-case hex MD5 of the UTF-8 bytes of {@code s}. */
    public static String md5Hex(String s) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HEX.formatHex(md5.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide MD5", e);
        }
    }

    /** HA1; {@code cnonce} is used only by MD5-sess. */
    public static String ha1(DigestAlgorithm algorithm, String username, String realm, String password,
                             String nonce, String cnonce) {
        String ha1 = md5Hex(username + ":" + realm + ":" + password);
        return algorithm == DigestAlgorithm.MD5_SESS ? md5Hex(ha1 + ":" + nonce + ":" + cnonce) : ha1;
    }

    /** HA2 for {@code qop} absent or {@code auth}. */
    public static String ha2(String method, String uri) {
        return md5Hex(method + ":" + uri);
    }

    /** The RFC 2069 response (no qop). */
    public static String response(String ha1, String nonce, String ha2) {
        return md5Hex(ha1 + ":" + nonce + ":" + ha2);
    }

    /** The RFC 2617 response with qop; {@code nc} is written as 8 lower-case hex digits. */
    public static String response(String ha1, String nonce, long nc, String cnonce, String qop, String ha2) {
        return md5Hex(ha1 + ":" + nonce + ":" + String.format(Locale.ROOT, "%08x", nc) + ":" + cnonce + ":" + qop
                + ":" + ha2);
    }

    /**
     * The response that {@code authorization} should carry for a request with {@code method}, given
     * the user's password: the one computation both the client (to fill it in) and the server (to
     * check it) make. Empty when the header asks for something not computed here: an unknown
     * algorithm, a qop other than {@code auth}, qop without {@code cnonce} and {@code nc}, or
     * MD5-sess without qop.
     */
    public static Optional<String> expectedResponse(DigestAuthorization authorization, String password,
                                                    String method) {
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.of(authorization.algorithm());
        if (algorithm.isEmpty()) {
            return Optional.empty();
        }
        String ha2 = ha2(method, authorization.uri());
        if (authorization.qop().isEmpty()) {
            if (algorithm.get() == DigestAlgorithm.MD5_SESS) {
                return Optional.empty();
            }
            String ha1 = ha1(DigestAlgorithm.MD5, authorization.username(), authorization.realm(), password,
                    authorization.nonce(), "");
            return Optional.of(response(ha1, authorization.nonce(), ha2));
        }
        if (!authorization.qop().get().equalsIgnoreCase("auth") || authorization.cnonce().isEmpty()
                || authorization.nonceCount().isEmpty()) {
            return Optional.empty();
        }
        String cnonce = authorization.cnonce().get();
        String ha1 = ha1(algorithm.get(), authorization.username(), authorization.realm(), password,
                authorization.nonce(), cnonce);
        return Optional.of(response(ha1, authorization.nonce(), authorization.nonceCount().getAsLong(), cnonce,
                authorization.qop().get(), ha2));
    }
}
