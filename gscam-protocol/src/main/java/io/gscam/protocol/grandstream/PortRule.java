package io.gscam.protocol.grandstream;

/**
 * The spec's port rule (RTSP note 1): the RTSP port is 554 when the web HTTP port is 80, else
 * 2000 + the HTTP port.
 */
public final class PortRule {
    public static final int DEFAULT_HTTP_PORT = 80;
    public static final int DEFAULT_RTSP_PORT = 554;
    public static final int OFFSET = 2000;

    private PortRule() {
    }

    /** @throws IllegalArgumentException when the HTTP port is not 1..63535 (so 2000 + P is a port) */
    public static int rtspPortFor(int httpPort) {
        if (httpPort == DEFAULT_HTTP_PORT) {
            return DEFAULT_RTSP_PORT;
        }
        if (httpPort < 1 || httpPort > 65535 - OFFSET) {
            throw new IllegalArgumentException("HTTP port " + httpPort + " not in 1..63535: 2000 + P must be a TCP port");
        }
        return OFFSET + httpPort;
    }
}
