package io.gscam.protocol.rtp;

import io.gscam.protocol.ParseException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and writes RTCP compound packets (RFC 3550 section 6.1): RTCP packets back to back in one
 * UDP datagram or {@code $} frame. Reading accepts any sequence of valid packets (a lone BYE or APP
 * too, as sent by real servers), honours the padding bit on any of them, and skips profile
 * extensions; types it does not interpret come back as {@link UnknownRtcp}. Writing never pads
 * except to complete an {@link UnknownRtcp} payload.
 */
public final class RtcpCompound {
    /** The length field counts 32-bit words minus one in 16 bits. */
    public static final int MAX_PACKET_SIZE = 0x10000 * 4;

    private RtcpCompound() {
    }

    public static List<RtcpPacket> parse(byte[] data) throws ParseException {
        return parse(data, 0, data.length);
    }

    /** Reads {@code length} bytes at {@code offset}: one compound packet. */
    public static List<RtcpPacket> parse(byte[] data, int offset, int length) throws ParseException {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length == 0) {
            throw new ParseException("empty RTCP packet", 0);
        }
        List<RtcpPacket> out = new ArrayList<>();
        int pos = 0;
        while (pos < length) {
            if (length - pos < RtcpChecks.HEADER_SIZE) {
                throw new ParseException("RTCP header truncated: " + (length - pos) + " bytes left", pos);
            }
            int b0 = data[offset + pos] & 0xFF;
            if (b0 >>> 6 != 2) {
                throw new ParseException("RTCP version " + (b0 >>> 6) + ", expected 2", pos);
            }
            int count = b0 & 0x1F;
            int type = data[offset + pos + 1] & 0xFF;
            int size = (((data[offset + pos + 2] & 0xFF) << 8 | (data[offset + pos + 3] & 0xFF)) + 1) * 4;
            if (size > length - pos) {
                throw new ParseException("RTCP packet of " + size + " bytes runs past the " + (length - pos) + " left", pos);
            }
            int bodyLength = size - RtcpChecks.HEADER_SIZE;
            if ((b0 & 0x20) != 0) {
                int pad = data[offset + pos + size - 1] & 0xFF;
                if (pad == 0 || pad > bodyLength) {
                    throw new ParseException("RTCP padding count " + pad + " does not fit a body of " + bodyLength, pos + size - 1);
                }
                bodyLength -= pad;
            }
            ByteBuffer body = ByteBuffer.wrap(data, offset + pos + RtcpChecks.HEADER_SIZE, bodyLength).slice();
            out.add(read(type, count, body, pos + RtcpChecks.HEADER_SIZE));
            pos += size;
        }
        return List.copyOf(out);
    }

    /** Writes the packets back to back. */
    public static byte[] write(List<? extends RtcpPacket> packets) {
        int size = 0;
        for (RtcpPacket p : packets) {
            size += p.size();
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        packets.forEach(p -> p.writeTo(out));
        return out.array();
    }

    private static RtcpPacket read(int type, int count, ByteBuffer body, int at) throws ParseException {
        return switch (type) {
            case RtcpPacket.TYPE_SENDER_REPORT -> readSenderReport(count, body, at);
            case RtcpPacket.TYPE_RECEIVER_REPORT -> readReceiverReport(count, body, at);
            case RtcpPacket.TYPE_SOURCE_DESCRIPTION -> readSourceDescription(count, body, at);
            case RtcpPacket.TYPE_GOODBYE -> readGoodbye(count, body, at);
            default -> {
                byte[] payload = new byte[body.remaining()];
                body.get(payload);
                yield new UnknownRtcp(type, count, payload);
            }
        };
    }

    private static void need(ByteBuffer body, int bytes, String what, int at) throws ParseException {
        if (body.remaining() < bytes) {
            throw new ParseException(what + " needs " + bytes + " bytes, " + body.remaining() + " left", at + body.position());
        }
    }

    private static SenderReport readSenderReport(int count, ByteBuffer body, int at) throws ParseException {
        need(body, SenderReport.FIXED_SIZE + count * ReportBlock.SIZE, "SR with " + count + " report blocks", at);
        long ssrc = RtcpChecks.u32(body);
        long ntp = body.getLong();
        long rtp = RtcpChecks.u32(body);
        long packets = RtcpChecks.u32(body);
        long octets = RtcpChecks.u32(body);
        return new SenderReport(ssrc, ntp, rtp, packets, octets, readBlocks(count, body));
    }

    private static ReceiverReport readReceiverReport(int count, ByteBuffer body, int at) throws ParseException {
        need(body, 4 + count * ReportBlock.SIZE, "RR with " + count + " report blocks", at);
        long ssrc = RtcpChecks.u32(body);
        return new ReceiverReport(ssrc, readBlocks(count, body));
    }

    private static List<ReportBlock> readBlocks(int count, ByteBuffer body) {
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocks.add(ReportBlock.read(body));
        }
        return blocks;
    }

    private static SourceDescription readSourceDescription(int count, ByteBuffer body, int at) throws ParseException {
        List<SourceDescription.Chunk> chunks = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            // Chunks start on 32-bit boundaries; the body itself starts on one.
            int aligned = (body.position() + 3) & ~3;
            if (aligned > body.limit()) { // padding can end the body off a boundary
                throw new ParseException("SDES chunk " + c + " of " + count + " past the end of the packet", at);
            }
            body.position(aligned);
            need(body, 4, "SDES chunk", at);
            long ssrc = RtcpChecks.u32(body);
            List<SourceDescription.Item> items = new ArrayList<>();
            while (body.hasRemaining()) {
                int itemType = body.get() & 0xFF;
                if (itemType == 0) {
                    break;
                }
                need(body, 1, "SDES item length", at);
                int len = body.get() & 0xFF;
                need(body, len, "SDES item", at);
                byte[] text = new byte[len];
                body.get(text);
                items.add(new SourceDescription.Item(itemType, utf8(text)));
            }
            // A chunk that ends with the packet and no null octet is tolerated.
            chunks.add(new SourceDescription.Chunk(ssrc, items));
        }
        return new SourceDescription(chunks);
    }

    private static Goodbye readGoodbye(int count, ByteBuffer body, int at) throws ParseException {
        need(body, 4 * count, "BYE with " + count + " SSRCs", at);
        List<Long> ssrcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ssrcs.add(RtcpChecks.u32(body));
        }
        Optional<String> reason = Optional.empty();
        if (body.hasRemaining()) {
            int len = body.get() & 0xFF;
            need(body, len, "BYE reason", at);
            byte[] text = new byte[len];
            body.get(text);
            reason = Optional.of(utf8(text));
        }
        return new Goodbye(ssrcs, reason);
    }

    /**
     * Decodes UTF-8, replacing malformed input; re-encoding can then exceed the 255-byte item limit,
     * so the result is cut back to fit.
     */
    private static String utf8(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        while (s.getBytes(StandardCharsets.UTF_8).length > 255) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
