package io.gscam.protocol.rtp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An RTCP BYE (RFC 3550 section 6.6): the sources leaving, and an optional reason (UTF-8, at most 255 bytes). */
public record Goodbye(List<Long> ssrcs, Optional<String> reason) implements RtcpPacket {
    public Goodbye {
        ssrcs = List.copyOf(Objects.requireNonNull(ssrcs, "ssrcs"));
        ssrcs.forEach(s -> RtcpChecks.u32(s, "SSRC"));
        RtcpChecks.count(ssrcs.size(), "SSRCs");
        Objects.requireNonNull(reason, "reason");
        if (reason.isPresent() && reason.get().getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("BYE reason longer than 255 bytes");
        }
    }

    public static Goodbye of(long ssrc) {
        return new Goodbye(List.of(ssrc), Optional.empty());
    }

    public static Goodbye of(long ssrc, String reason) {
        return new Goodbye(List.of(ssrc), Optional.of(reason));
    }

    @Override
    public int packetType() {
        return TYPE_GOODBYE;
    }

    @Override
    public int size() {
        int bytes = RtcpChecks.HEADER_SIZE + 4 * ssrcs.size()
                + reason.map(r -> 1 + r.getBytes(StandardCharsets.UTF_8).length).orElse(0);
        return (bytes + 3) & ~3;
    }

    @Override
    public void writeTo(ByteBuffer out) {
        int end = out.position() + size();
        RtcpChecks.writeHeader(out, ssrcs.size(), TYPE_GOODBYE, size());
        ssrcs.forEach(s -> out.putInt(s.intValue()));
        reason.ifPresent(r -> {
            byte[] b = r.getBytes(StandardCharsets.UTF_8);
            out.put((byte) b.length).put(b);
        });
        while (out.position() < end) {
            out.put((byte) 0);
        }
    }
}
