package io.gscam.protocol.rtp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An RTCP source description, SDES (RFC 3550 section 6.5): up to 31 chunks, each an SSRC with its
 * items (CNAME, NAME, ...). Each chunk is written with its null terminator and padded to 32 bits.
 */
public record SourceDescription(List<Chunk> chunks) implements RtcpPacket {
    public static final int CNAME = 1;
    public static final int NAME = 2;
    public static final int EMAIL = 3;
    public static final int PHONE = 4;
    public static final int LOC = 5;
    public static final int TOOL = 6;
    public static final int NOTE = 7;
    public static final int PRIV = 8;

    public SourceDescription {
        chunks = List.copyOf(Objects.requireNonNull(chunks, "chunks"));
        RtcpChecks.count(chunks.size(), "SDES chunks");
    }

    /** The SDES every sender and receiver sends in each compound packet: one chunk with its CNAME. */
    public static SourceDescription cname(long ssrc, String cname) {
        return new SourceDescription(List.of(new Chunk(ssrc, List.of(new Item(CNAME, cname)))));
    }

    /** The CNAME given for a source, if any. */
    public Optional<String> cnameOf(long ssrc) {
        return chunks.stream().filter(c -> c.ssrc() == ssrc).flatMap(c -> c.items().stream())
                .filter(i -> i.type() == CNAME).map(Item::text).findFirst();
    }

    @Override
    public int packetType() {
        return TYPE_SOURCE_DESCRIPTION;
    }

    @Override
    public int size() {
        return RtcpChecks.HEADER_SIZE + chunks.stream().mapToInt(Chunk::size).sum();
    }

    @Override
    public void writeTo(ByteBuffer out) {
        RtcpChecks.writeHeader(out, chunks.size(), TYPE_SOURCE_DESCRIPTION, size());
        chunks.forEach(c -> c.writeTo(out));
    }

    /** One source's items. */
    public record Chunk(long ssrc, List<Item> items) {
        public Chunk {
            RtcpChecks.u32(ssrc, "SSRC");
            items = List.copyOf(Objects.requireNonNull(items, "items"));
        }

        /** SSRC, items, at least one null octet, padded to a 32-bit boundary. */
        int size() {
            int bytes = 4 + items.stream().mapToInt(i -> 2 + i.encoded().length).sum() + 1;
            return (bytes + 3) & ~3;
        }

        void writeTo(ByteBuffer out) {
            int start = out.position();
            out.putInt((int) ssrc);
            for (Item i : items) {
                byte[] v = i.encoded();
                out.put((byte) i.type()).put((byte) v.length).put(v);
            }
            int end = start + size();
            while (out.position() < end) {
                out.put((byte) 0);
            }
        }
    }

    /**
     * One item: a type (1..255; 0 ends a chunk's list) and UTF-8 text of at most 255 bytes. A PRIV
     * item's text is its prefix length octet, prefix and value, as on the wire.
     */
    public record Item(int type, String text) {
        public Item {
            Objects.requireNonNull(text, "text");
            if (type < 1 || type > 255) {
                throw new IllegalArgumentException("SDES item type " + type + " not in 1..255");
            }
            if (text.getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new IllegalArgumentException("SDES item longer than 255 bytes");
            }
        }

        byte[] encoded() {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
