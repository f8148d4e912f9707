package io.gscam.protocol.rtsp;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A binary frame interleaved in the RTSP TCP stream (RFC 2326 section 10.12): {@code $}, a channel
 * byte, a 16-bit big-endian length, then that many bytes of RTP or RTCP.
 *
 * @param channel the interleaved channel, 0..255 (as the Transport header's {@code interleaved=})
 * @param payload the RTP or RTCP packet, at most 65535 bytes
 */
public record InterleavedFrame(int channel, byte[] payload) implements RtspFrame {
    /** The byte that starts a frame where a message could start. */
    public static final byte MAGIC = '$';
    public static final int HEADER_SIZE = 4;
    public static final int MAX_PAYLOAD = 0xFFFF;

    public InterleavedFrame {
        if (channel < 0 || channel > 0xFF) {
            throw new IllegalArgumentException("interleaved channel out of 0..255: " + channel);
        }
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("interleaved payload over 65535 bytes: " + payload.length);
        }
        payload = payload.clone();
    }

    /**
     * The 4-byte header alone, for a writer that sends one shared payload buffer to many readers and
     * only prefixes each copy with its own channel.
     */
    public static byte[] header(int channel, int payloadLength) {
        if (channel < 0 || channel > 0xFF) {
            throw new IllegalArgumentException("interleaved channel out of 0..255: " + channel);
        }
        if (payloadLength < 0 || payloadLength > MAX_PAYLOAD) {
            throw new IllegalArgumentException("interleaved payload length out of 0..65535: " + payloadLength);
        }
        return new byte[] {MAGIC, (byte) channel, (byte) (payloadLength >>> 8), (byte) payloadLength};
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    /** A read-only view of the payload, for readers that would otherwise copy it once more. */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    @Override
    public byte[] toBytes() {
        byte[] out = Arrays.copyOf(header(channel, payload.length), HEADER_SIZE + payload.length);
        System.arraycopy(payload, 0, out, HEADER_SIZE, payload.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InterleavedFrame f && channel == f.channel && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return 31 * channel + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 16));
        return "InterleavedFrame[channel=" + channel + ", " + payload.length + " bytes: " + hex
                + (payload.length > 16 ? "..." : "") + ']';
    }
}
