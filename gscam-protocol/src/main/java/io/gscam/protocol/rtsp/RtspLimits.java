package io.gscam.protocol.rtsp;

/**
 * The most {@link RtspMessageDecoder} buffers for one message. Past a limit the decoder raises a
 * {@link io.gscam.protocol.ParseException} instead of growing, so a hostile or broken peer costs at most
 * these many bytes per connection.
 *
 * @param maxStartLineLength bytes in the request or status line, without its line ending
 * @param maxHeaderBytes     bytes of all header lines of one message, line endings included
 * @param maxBodyLength      bytes of one message body (the Content-Length it may announce)
 */
public record RtspLimits(int maxStartLineLength, int maxHeaderBytes, int maxBodyLength) {
    /** Start line 8 KiB, headers 64 KiB, body 1 MiB. */
    public static final RtspLimits DEFAULT = new RtspLimits(8 * 1024, 64 * 1024, 1024 * 1024);

    public RtspLimits {
        if (maxStartLineLength <= 0 || maxHeaderBytes <= 0 || maxBodyLength < 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxStartLineLength + ", "
                    + maxHeaderBytes + ", " + maxBodyLength);
        }
    }
}
