package io.gscam.media.jpeg;

import io.gscam.media.MediaSample;
import io.gscam.media.rtp.RtpPayload;
import io.gscam.media.rtp.RtpPayloadWriter;
import io.gscam.protocol.ParseException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The RTP/JPEG packetizer (RFC 2435): a baseline JFIF frame in, its scan in fragments out, each
 * behind the main JPEG header (and the restart marker header for types 64/65). Quantisation tables
 * go in-band with Q 255 in the first packet, as ffmpeg and live555 send them; optionally, when the
 * frame's tables are exactly RFC 2435's scaled standard tables for some Q in 1..99, that Q is sent
 * instead and the tables are left out. The last packet carries the marker. A frame RTP/JPEG cannot
 * carry (progressive, 4:4:4, 12-bit, over 2040 pixels, custom Huffman tables) is an
 * IllegalArgumentException naming why. Stateless; thread safe.
 */
public final class JpegPayloadWriter implements RtpPayloadWriter {
    /** Payload bytes per packet by default: an RTP packet of 1412 bytes fits any Ethernet path. */
    public static final int DEFAULT_MAX_PAYLOAD_SIZE = 1400;
    private static final int RESTART_HEADER_SIZE = 4;
    private static final int TABLE_HEADER_SIZE = 4;
    private static final int Q_IN_BAND = 255;
    /** Restart count 0x3FFF with F and L set: fragments are not aligned to restart intervals. */
    private static final int UNALIGNED_RESTART_COUNT = 0xFFFF;

    private final int maxPayloadSize;
    private final boolean preferStandardQ;

    public JpegPayloadWriter() {
        this(DEFAULT_MAX_PAYLOAD_SIZE, false);
    }

    /**
     * @param maxPayloadSize  largest payload, headers included; at least 300, which fits two
     *                        16-bit tables and some data
     * @param preferStandardQ send Q 1..99 without tables when the frame's tables are standard scaled ones
     */
    public JpegPayloadWriter(int maxPayloadSize, boolean preferStandardQ) {
        if (maxPayloadSize < 300) {
            throw new IllegalArgumentException("max payload size " + maxPayloadSize + " below 300");
        }
        this.maxPayloadSize = maxPayloadSize;
        this.preferStandardQ = preferStandardQ;
    }

    @Override
    public List<RtpPayload> payloads(MediaSample sample) {
        JpegFrame frame;
        try {
            frame = JpegFrame.parse(sample.data());
        } catch (ParseException e) {
            throw new IllegalArgumentException("JPEG frame cannot be sent over RTP: " + e.getMessage(), e);
        }
        return payloads(frame);
    }

    /** The payloads of a parsed frame. */
    public List<RtpPayload> payloads(JpegFrame frame) {
        if (frame.scanLength() > 0xFFFFFF) {
            throw new IllegalArgumentException("JPEG scan of " + frame.scanLength() + " bytes exceeds the 24-bit fragment offset");
        }
        boolean restart = frame.restartInterval() > 0;
        int type = frame.type() + (restart ? RtpJpegHeader.RESTART_TYPE_FLAG : 0);
        int q = preferStandardQ ? standardQ(frame) : Q_IN_BAND;
        int width = (frame.width() + 7) / 8;
        int height = (frame.height() + 7) / 8;
        List<RtpPayload> out = new ArrayList<>();
        int offset = 0;
        do {
            boolean first = offset == 0;
            int headers = RtpJpegHeader.SIZE + (restart ? RESTART_HEADER_SIZE : 0)
                    + (first && q >= 128 ? TABLE_HEADER_SIZE + frame.quantizationTables().length : 0);
            int chunk = Math.min(maxPayloadSize - headers, frame.scanLength() - offset);
            ByteBuffer p = ByteBuffer.allocate(headers + chunk);
            new RtpJpegHeader(0, offset, type, q, width, height).writeTo(p);
            if (restart) {
                p.putShort((short) frame.restartInterval());
                p.putShort((short) UNALIGNED_RESTART_COUNT);
            }
            if (first && q >= 128) {
                p.put((byte) 0);                      // MBZ
                p.put((byte) frame.precision());
                p.putShort((short) frame.quantizationTables().length);
                p.put(frame.quantizationTables());
            }
            p.put(frame.data(), frame.scanOffset() + offset, chunk);
            offset += chunk;
            out.add(new RtpPayload(p.array(), offset == frame.scanLength()));
        } while (offset < frame.scanLength());
        return out;
    }

    /** The Q whose standard tables are exactly the frame's, or 255 (tables in-band) when none is. */
    private static int standardQ(JpegFrame frame) {
        if (frame.precision() != 0 || frame.quantizationTables().length != 128) {
            return Q_IN_BAND;
        }
        for (int q = 1; q <= 99; q++) {
            if (Arrays.equals(JpegTables.scaledQuantizationTables(q), frame.quantizationTables())) {
                return q;
            }
        }
        return Q_IN_BAND;
    }
}
