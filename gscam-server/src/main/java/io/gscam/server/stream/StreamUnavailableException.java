package io.gscam.server.stream;

import java.io.IOException;

/**
 * The stream exists but cannot be served now (a relayed camera that has not played yet, or is
 * reconnecting): the server answers {@code 503 Service Unavailable}, and the client may try again
 * later. The message is logged; it must hold no credentials.
 */
public final class StreamUnavailableException extends IOException {
    public StreamUnavailableException(String message) {
        super(message);
    }
}
