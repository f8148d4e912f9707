package io.gscam.protocol.rtp;

import io.gscam.protocol.ParseException;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * An RTP data packet (RFC 3550 section 5.1). Immutable: build one with {@link #builder()} or
 * {@link #parse(byte[], int, int)}; {@link #toBytes()} writes it back. Padding is removed on parse
 * and never written (the payload is what the sender meant); everything else round-trips.
 *
 * <p>A receiver that hands each packet on before it reads the next can {@link #parseBorrowed borrow}
 * its payload from the bytes it read instead of copying it: such a packet is valid only while
 * those bytes are, and whatever keeps it longer keeps a {@link #detach() detached} copy.
 */
public final class RtpPacket {
    public static final int VERSION = 2;
    public static final int FIXED_HEADER_SIZE = 12;
    public static final int MAX_SEQUENCE = 0xFFFF;
    private static final long[] NO_CSRCS = new long[0];

    private final boolean marker;
    private final int payloadType;
    private final int sequenceNumber;
    private final long timestamp;
    private final long ssrc;
    private final long[] csrcs;
    private final RtpHeaderExtension extension;
    /** The payload is {@code payload[payloadOffset, payloadOffset + payloadLength)}. */
    private final byte[] payload;
    private final int payloadOffset;
    private final int payloadLength;
    /** The payload lies in a caller's array that it will reuse (see {@link #parseBorrowed}). */
    private final boolean borrowed;

    private RtpPacket(Builder b) {
        this.marker = b.marker;
        this.payloadType = b.payloadType;
        this.sequenceNumber = b.sequenceNumber;
        this.timestamp = b.timestamp;
        this.ssrc = b.ssrc;
        this.csrcs = b.csrcs.clone();
        this.extension = b.extension;
        this.payload = b.payload;
        this.payloadOffset = 0;
        this.payloadLength = b.payload.length;
        this.borrowed = false;
    }

    /** Fields as parsed: every value is in range by construction, so the builder's checks are skipped. */
    private RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc, long[] csrcs,
                      RtpHeaderExtension extension, byte[] payload, int payloadOffset, int payloadLength,
                      boolean borrowed) {
        this.marker = marker;
        this.payloadType = payloadType;
        this.sequenceNumber = sequenceNumber;
        this.timestamp = timestamp;
        this.ssrc = ssrc;
        this.csrcs = csrcs;
        this.extension = extension;
        this.payload = payload;
        this.payloadOffset = payloadOffset;
        this.payloadLength = payloadLength;
        this.borrowed = borrowed;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().marker(marker).payloadType(payloadType).sequenceNumber(sequenceNumber)
                .timestamp(timestamp).ssrc(ssrc).csrcs(csrcs).extension(extension).payload(payload());
    }

    public static RtpPacket parse(byte[] data) throws ParseException {
        return parse(data, 0, data.length);
    }

    /** Parses {@code length} bytes at {@code offset}: exactly one RTP packet, as carried by UDP or a $ frame. */
    public static RtpPacket parse(byte[] data, int offset, int length) throws ParseException {
        return parse(data, offset, length, false);
    }

    /**
     * Parses as {@link #parse(byte[], int, int)} does, but the payload is not copied: the packet reads
     * it from {@code data}, so it is valid only until the caller changes those bytes (a decoder's
     * reused array, for one). Hand it on within that time; {@link #detach()} it to keep it. Its
     * {@link #payload()} is a copy.
     */
    public static RtpPacket parseBorrowed(byte[] data, int offset, int length) throws ParseException {
        return parse(data, offset, length, true);
    }

    private static RtpPacket parse(byte[] data, int offset, int length, boolean borrow) throws ParseException {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length < FIXED_HEADER_SIZE) {
            throw new ParseException("RTP packet shorter than its 12-byte header: " + length + " bytes", 0);
        }
        ByteBuffer in = ByteBuffer.wrap(data, offset, length);
        int b0 = in.get() & 0xFF;
        int version = b0 >>> 6;
        if (version != VERSION) {
            throw new ParseException("RTP version " + version + ", expected 2", 0);
        }
        boolean padding = (b0 & 0x20) != 0;
        boolean hasExtension = (b0 & 0x10) != 0;
        int csrcCount = b0 & 0x0F;
        int b1 = in.get() & 0xFF;
        int sequenceNumber = in.getShort() & 0xFFFF;
        long timestamp = in.getInt() & 0xFFFFFFFFL;
        long ssrc = in.getInt() & 0xFFFFFFFFL;
        if (in.remaining() < csrcCount * 4) {
            throw new ParseException("RTP CSRC list runs past the packet (" + csrcCount + " CSRCs)", FIXED_HEADER_SIZE);
        }
        long[] csrcs = csrcCount == 0 ? NO_CSRCS : new long[csrcCount];
        for (int i = 0; i < csrcCount; i++) {
            csrcs[i] = in.getInt() & 0xFFFFFFFFL;
        }
        RtpHeaderExtension extension = null;
        if (hasExtension) {
            int at = in.position() - offset;
            if (in.remaining() < 4) {
                throw new ParseException("RTP header extension truncated", at);
            }
            int profile = in.getShort() & 0xFFFF;
            int words = in.getShort() & 0xFFFF;
            if (in.remaining() < words * 4) {
                throw new ParseException("RTP header extension of " + words + " words runs past the packet", at);
            }
            byte[] ext = new byte[words * 4];
            in.get(ext);
            extension = new RtpHeaderExtension(profile, ext);
        }
        int payloadLength = in.remaining();
        if (padding) {
            if (payloadLength == 0) {
                throw new ParseException("RTP padding bit set but no padding count", length - 1);
            }
            int pad = data[offset + length - 1] & 0xFF;
            if (pad == 0 || pad > payloadLength) {
                throw new ParseException("RTP padding count " + pad + " does not fit a payload of " + payloadLength, length - 1);
            }
            payloadLength -= pad;
        }
        // Straight to the fields: the builder's range checks cannot fail on parsed values, and their
        // messages cost a string per packet.
        boolean marker = (b1 & 0x80) != 0;
        if (borrow) {
            return new RtpPacket(marker, b1 & 0x7F, sequenceNumber, timestamp, ssrc, csrcs, extension,
                    data, in.position(), payloadLength, true);
        }
        byte[] payload = new byte[payloadLength];
        in.get(payload);
        return new RtpPacket(marker, b1 & 0x7F, sequenceNumber, timestamp, ssrc, csrcs, extension,
                payload, 0, payloadLength, false);
    }

    /** This packet if it owns its payload; else the same packet with its payload copied, to keep. */
    public RtpPacket detach() {
        if (!borrowed) {
            return this;
        }
        return new RtpPacket(marker, payloadType, sequenceNumber, timestamp, ssrc, csrcs, extension,
                payload(), 0, payloadLength, false);
    }

    /** Size of {@link #toBytes()}. */
    public int size() {
        return headerSize() + payloadLength;
    }

    public int headerSize() {
        return FIXED_HEADER_SIZE + csrcs.length * 4 + (extension == null ? 0 : 4 + extension.data().length);
    }

    public byte[] toBytes() {
        byte[] out = new byte[size()];
        writeTo(ByteBuffer.wrap(out));
        return out;
    }

    /** Writes the packet at the buffer's position and advances it. */
    public void writeTo(ByteBuffer out) {
        out.put((byte) ((VERSION << 6) | (extension != null ? 0x10 : 0) | csrcs.length));
        out.put((byte) ((marker ? 0x80 : 0) | payloadType));
        out.putShort((short) sequenceNumber);
        out.putInt((int) timestamp);
        out.putInt((int) ssrc);
        for (long csrc : csrcs) {
            out.putInt((int) csrc);
        }
        if (extension != null) {
            out.putShort((short) extension.profile());
            out.putShort((short) (extension.data().length / 4));
            out.put(extension.data());
        }
        out.put(payload, payloadOffset, payloadLength);
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    /** 16-bit sequence number, 0..65535. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** 32-bit media timestamp, 0..2^32-1. */
    public long timestamp() {
        return timestamp;
    }

    public long ssrc() {
        return ssrc;
    }

    public long[] csrcs() {
        return csrcs.clone();
    }

    /** The header extension, or null when the X bit is clear. */
    public RtpHeaderExtension extension() {
        return extension;
    }

    /**
     * The payload without padding. The array is shared: do not modify it. A borrowed packet's is a
     * copy, made at each call: read it in place with {@link #payloadLength}, {@link #payloadByte}
     * and {@link #copyPayload}.
     */
    public byte[] payload() {
        return borrowed ? Arrays.copyOfRange(payload, payloadOffset, payloadOffset + payloadLength) : payload;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** The payload's byte at {@code index}, 0-based. */
    public byte payloadByte(int index) {
        Objects.checkIndex(index, payloadLength);
        return payload[payloadOffset + index];
    }

    /** Copies {@code length} payload bytes from {@code from} into {@code dst} at {@code at}. */
    public void copyPayload(int from, byte[] dst, int at, int length) {
        Objects.checkFromIndexSize(from, length, payloadLength);
        System.arraycopy(payload, payloadOffset + from, dst, at, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPacket p && marker == p.marker && payloadType == p.payloadType
                && sequenceNumber == p.sequenceNumber && timestamp == p.timestamp && ssrc == p.ssrc
                && Arrays.equals(csrcs, p.csrcs) && Objects.equals(extension, p.extension)
                && Arrays.equals(payload, payloadOffset, payloadOffset + payloadLength,
                        p.payload, p.payloadOffset, p.payloadOffset + p.payloadLength);
    }

    @Override
    public int hashCode() {
        return Objects.hash(marker, payloadType, sequenceNumber, timestamp, ssrc, extension)
                + 31 * Arrays.hashCode(csrcs) + 17 * payloadHash();
    }

    /** {@link Arrays#hashCode(byte[])} of the payload, wherever it lies. */
    private int payloadHash() {
        int h = 1;
        for (int i = payloadOffset; i < payloadOffset + payloadLength; i++) {
            h = 31 * h + payload[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "RtpPacket{pt=" + payloadType + ", seq=" + sequenceNumber + ", ts=" + timestamp
                + ", ssrc=" + Long.toHexString(ssrc) + (marker ? ", M" : "") + ", payload=" + payloadLength + "B}";
    }

    /** A validating builder: out-of-range fields fail at build time, not on the wire. */
    public static final class Builder {
        private boolean marker;
        private int payloadType;
        private int sequenceNumber;
        private long timestamp;
        private long ssrc;
        private long[] csrcs = new long[0];
        private RtpHeaderExtension extension;
        private byte[] payload = new byte[0];

        private Builder() {
        }

        public Builder marker(boolean marker) {
            this.marker = marker;
            return this;
        }

        public Builder payloadType(int payloadType) {
            this.payloadType = payloadType;
            return this;
        }

        public Builder sequenceNumber(int sequenceNumber) {
            this.sequenceNumber = sequenceNumber;
            return this;
        }

        public Builder timestamp(long timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder ssrc(long ssrc) {
            this.ssrc = ssrc;
            return this;
        }

        public Builder csrcs(long... csrcs) {
            this.csrcs = csrcs.clone();
            return this;
        }

        public Builder extension(RtpHeaderExtension extension) {
            this.extension = extension;
            return this;
        }

        /** The array is taken as is, not copied: the caller hands it over. */
        public Builder payload(byte[] payload) {
            this.payload = Objects.requireNonNull(payload, "payload");
            return this;
        }

        public RtpPacket build() {
            check(payloadType >= 0 && payloadType <= 127, "payload type " + payloadType + " not in 0..127");
            check(sequenceNumber >= 0 && sequenceNumber <= MAX_SEQUENCE, "sequence number " + sequenceNumber + " not in 0..65535");
            check(timestamp >= 0 && timestamp <= 0xFFFFFFFFL, "timestamp " + timestamp + " not a 32-bit unsigned value");
            check(ssrc >= 0 && ssrc <= 0xFFFFFFFFL, "SSRC " + ssrc + " not a 32-bit unsigned value");
            check(csrcs.length <= 15, "at most 15 CSRCs, got " + csrcs.length);
            for (long c : csrcs) {
                check(c >= 0 && c <= 0xFFFFFFFFL, "CSRC " + c + " not a 32-bit unsigned value");
            }
            return new RtpPacket(this);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
