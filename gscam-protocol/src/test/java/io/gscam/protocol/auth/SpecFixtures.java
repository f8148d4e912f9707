package io.gscam.protocol.auth;

import org.junit.jupiter.params.provider.Arguments;

import java.util.stream.Stream;

/** The spec's authentication exchange, verbatim (the spec wraps the Authorization line after the nonce). */
final class SpecFixtures {
    private SpecFixtures() {
    }

    static final String REALM = "Surveillance Server";
    static final String NONCE = "30507280";
    static final String URI = "rtsp://192.168.86.232:554/0";
    static final Credentials ADMIN = new Credentials("admin", "admin");

    static final String CHALLENGE = "Digest realm=\"Surveillance Server\", nonce=\"30507280\"";

    static final String DESCRIBE_RESPONSE = "5820de362eb72ee848e98105dfc24814";
    static final String SETUP_RESPONSE = "3f215bf93e81b5d1e1f7beb83d038dac";
    static final String PLAY_RESPONSE = "b8244f6ce442e20f3131919dfa51f4e1";

    /** The spec's three signed requests: method and digest response, for {@code @MethodSource}. */
    static Stream<Arguments> specDigests() {
        return Stream.of(Arguments.of("DESCRIBE", DESCRIBE_RESPONSE), Arguments.of("SETUP", SETUP_RESPONSE),
                Arguments.of("PLAY", PLAY_RESPONSE));
    }

    /** The Authorization value as the spec prints it, folded onto a second line. */
    static String foldedAuthorization(String response) {
        return "Digest username=\"admin\", realm=\"Surveillance Server\", nonce=\"30507280\", \r\n"
                + "uri=\"rtsp://192.168.86.232:554/0\", response=\"" + response + "\"";
    }

    /** The same value on one line, as gscam writes it. */
    static String authorization(String response) {
        return "Digest username=\"admin\", realm=\"Surveillance Server\", nonce=\"30507280\", "
                + "uri=\"rtsp://192.168.86.232:554/0\", response=\"" + response + "\"";
    }
}
