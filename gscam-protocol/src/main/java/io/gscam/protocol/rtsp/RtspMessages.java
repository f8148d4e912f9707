package io.gscam.protocol.rtsp;

import io.gscam.protocol.ParseException;

import java.util.List;

/**
 * Pure one-shot parsing of a single RTSP message held in full, for fixtures, tests and tools. A
 * connection's stream goes through {@link RtspMessageDecoder} instead.
 */
public final class RtspMessages {
    private RtspMessages() {
    }

    /**
     * Parses exactly one request or response. Blank lines around it are allowed; a missing part
     * (headers not ended, body shorter than its Content-Length), a second frame or anything else
     * after it is a {@link ParseException}.
     */
    public static RtspMessage parse(byte[] bytes) throws ParseException {
        RtspMessageDecoder decoder = new RtspMessageDecoder();
        List<RtspFrame> frames = decoder.feed(bytes);
        if (!decoder.isAtFrameBoundary()) {
            throw new ParseException(frames.isEmpty()
                    ? "input ends inside the message (headers not ended or body shorter than Content-Length)"
                    : "input continues after the message with an incomplete frame", bytes.length);
        }
        if (frames.size() != 1 || !(frames.get(0) instanceof RtspMessage message)) {
            throw new ParseException("expected exactly one RTSP message, found " + describe(frames), 0);
        }
        return message;
    }

    /** {@link #parse(byte[])}, requiring a request. */
    public static RtspRequest parseRequest(byte[] bytes) throws ParseException {
        if (parse(bytes) instanceof RtspRequest request) {
            return request;
        }
        throw new ParseException("expected an RTSP request, found a response", 0);
    }

    /** {@link #parse(byte[])}, requiring a response. */
    public static RtspResponse parseResponse(byte[] bytes) throws ParseException {
        if (parse(bytes) instanceof RtspResponse response) {
            return response;
        }
        throw new ParseException("expected an RTSP response, found a request", 0);
    }

    private static String describe(List<RtspFrame> frames) {
        if (frames.isEmpty()) {
            return "none";
        }
        long interleaved = frames.stream().filter(f -> f instanceof InterleavedFrame).count();
        return (frames.size() - interleaved) + " messages and " + interleaved + " interleaved frames";
    }
}
