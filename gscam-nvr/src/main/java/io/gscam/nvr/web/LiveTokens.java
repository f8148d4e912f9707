package io.gscam.nvr.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived tokens for the live view: the page, authenticated with Basic, asks for one and puts
 * it in the WebSocket (or MJPEG) URL, since a browser's WebSocket cannot set an Authorization
 * header and not every browser replays cached Basic credentials on the upgrade. A token is good
 * for {@link #LIFETIME}, for any number of connections opened within it; it names no camera
 * credentials.
 */
public final class LiveTokens {
    static final Duration LIFETIME = Duration.ofSeconds(60);

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    public LiveTokens(Clock clock) {
        this.clock = clock;
    }

    /** A new token, 128 random bits in hex. */
    public String issue() {
        Instant now = clock.instant();
        expiries.values().removeIf(e -> e.isBefore(now));
        byte[] b = new byte[16];
        random.nextBytes(b);
        String token = HexFormat.of().formatHex(b);
        expiries.put(token, now.plus(LIFETIME));
        return token;
    }

    /** Whether {@code token} was issued and has not expired. */
    public boolean valid(String token) {
        if (token == null) {
            return false;
        }
        Instant e = expiries.get(token);
        return e != null && !e.isBefore(clock.instant());
    }
}
