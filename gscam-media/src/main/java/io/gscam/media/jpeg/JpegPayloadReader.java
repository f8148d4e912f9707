package io.gscam.media.jpeg;

import io.gscam.media.MediaSample;
import io.gscam.media.rtp.RtpPayloadReader;
import io.gscam.media.rtp.SampleSink;
import io.gscam.media.rtp.StreamFormat;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.rtp.RtpPacket;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The RTP/JPEG depacketizer (RFC 2435): gathers a frame's fragments in order and, at the marker,
 * rebuilds a complete JFIF image (Appendix B headers, the scan, EOI). Tables come from Q: 1..99
 * the standard tables scaled (Appendix A), 128..255 in-band in the first packet, and for
 * 128..254 cached, so later frames may leave them out. A frame is dropped and counted when a
 * packet is lost, a fragment offset is not where the previous fragment ended, a header is
 * truncated, Q is reserved (0, 100..127) or the type is not 0, 1, 64 or 65; the reader recovers at
 * the next frame's first fragment. Never throws on a payload. Not thread safe: one per stream.
 */
public final class JpegPayloadReader implements RtpPayloadReader {
    /** A frame larger than this is dropped rather than grown without bound. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 8 << 20;
    /** DQT's table destination is 0..3. */
    private static final int MAX_TABLES = 4;
    private static final int FIRST_SCAN_CAPACITY = 4 << 10;

    private enum State { IDLE, ASSEMBLING, DISCARDING }

    private final SampleSink sink;
    /** The picture size last reported to {@link SampleSink#onFormat}, 0 before the first frame. */
    private int reportedWidth;
    private int reportedHeight;
    private final int maxFrameSize;
    private final Map<Integer, CachedTables> tableCache = new HashMap<>();

    private State state = State.IDLE;
    private int lastSequence = -1;
    private long dropped;

    // the frame being assembled
    private long timestamp;
    private RtpJpegHeader first;
    private int restartInterval;
    private byte[] tables;
    private int precision;
    /** The scan so far; grows with the frames (doubling, from {@link #FIRST_SCAN_CAPACITY}), never past the limit. */
    private byte[] scan = new byte[0];
    private int scanLength;

    private record CachedTables(byte[] tables, int precision) {
    }

    public JpegPayloadReader(SampleSink sink) {
        this(sink, DEFAULT_MAX_FRAME_SIZE);
    }

    public JpegPayloadReader(SampleSink sink, int maxFrameSize) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    public void consume(RtpPacket packet) {
        int sequence = packet.sequenceNumber();
        boolean lost = lastSequence >= 0 && sequence != ((lastSequence + 1) & RtpPacket.MAX_SEQUENCE);
        lastSequence = sequence;
        if (lost && state == State.ASSEMBLING) {
            dropped++;
            state = State.DISCARDING;
        }
        try {
            accept(packet);
        } catch (ParseException e) {
            abandon(packet);
        }
    }

    @Override
    public long droppedSamples() {
        return dropped;
    }

    private void accept(RtpPacket packet) throws ParseException {
        byte[] payload = packet.payload();
        RtpJpegHeader header = RtpJpegHeader.parse(payload);
        int at = RtpJpegHeader.SIZE;
        if (header.fragmentOffset() == 0) {
            if (state == State.ASSEMBLING) {
                dropped++; // the previous frame never got its last fragment
            }
            state = State.IDLE; // a bad first fragment drops (and counts) this frame
            at = beginFrame(packet, header, payload, at);
            state = State.ASSEMBLING;
        } else {
            if (state != State.ASSEMBLING) {
                abandon(packet);
                return;
            }
            if (packet.timestamp() != timestamp || header.fragmentOffset() != scanLength
                    || header.type() != first.type() || header.q() != first.q()
                    || header.width() != first.width() || header.height() != first.height()) {
                throw new ParseException("fragment at offset " + header.fragmentOffset() + " does not continue the frame ("
                        + scanLength + " bytes so far)", 1);
            }
            if (header.hasRestartMarkers()) {
                at = skip(payload, at, 4, "restart marker header");
            }
        }
        append(payload, at);
        if (packet.marker()) {
            emit();
        }
    }

    private int beginFrame(RtpPacket packet, RtpJpegHeader header, byte[] payload, int at) throws ParseException {
        int baseType = header.type() & ~RtpJpegHeader.RESTART_TYPE_FLAG;
        if (header.type() >= 128 || baseType > 1) {
            throw new ParseException("RTP/JPEG type " + header.type() + " not supported (0, 1, 64, 65)", 4);
        }
        int q = header.q();
        if (q == 0 || (q >= 100 && q < 128)) {
            throw new ParseException("reserved Q " + q, 5);
        }
        if (header.width() == 0 || header.height() == 0) {
            throw new ParseException("zero width or height", 6);
        }
        restartInterval = 0;
        if (header.hasRestartMarkers()) {
            skip(payload, at, 4, "restart marker header");
            restartInterval = (payload[at] & 0xFF) << 8 | (payload[at + 1] & 0xFF);
            at += 4;
        }
        if (q < 128) {
            tables = JpegTables.scaledQuantizationTables(q);
            precision = 0;
        } else {
            skip(payload, at, 4, "quantization table header");
            int tablePrecision = payload[at + 1] & 0xFF;
            int length = (payload[at + 2] & 0xFF) << 8 | (payload[at + 3] & 0xFF);
            at += 4;
            if (length == 0) {
                CachedTables cached = q == 255 ? null : tableCache.get(q);
                if (cached == null) {
                    throw new ParseException("Q " + q + " without tables and none cached", at - 2);
                }
                tables = cached.tables();
                precision = cached.precision();
            } else {
                checkTableLength(length, tablePrecision, at - 2);
                skip(payload, at, length, "quantization tables");
                tables = Arrays.copyOfRange(payload, at, at + length);
                precision = tablePrecision;
                at += length;
                if (q < 255) {
                    tableCache.put(q, new CachedTables(tables, precision));
                }
            }
        }
        first = header;
        timestamp = packet.timestamp();
        scanLength = 0;
        return at;
    }

    /**
     * The table block must hold one to four whole tables (JPEG numbers them 0..3 in DQT), of 64 or
     * 128 bytes as the precision bits say.
     */
    private static void checkTableLength(int length, int precision, int offset) throws ParseException {
        int p = 0;
        for (int i = 0; p < length; i++) {
            if (i >= MAX_TABLES) {
                throw new ParseException("more than " + MAX_TABLES + " quantization tables", offset);
            }
            p += (precision >> i & 1) != 0 ? 128 : 64;
        }
        if (p != length) {
            throw new ParseException("quantization table length " + length + " is not whole tables", offset);
        }
    }

    private static int skip(byte[] payload, int at, int n, String what) throws ParseException {
        if (payload.length < at + n) {
            throw new ParseException(what + " truncated", at);
        }
        return at + n;
    }

    private void append(byte[] payload, int at) throws ParseException {
        int n = payload.length - at;
        if (scanLength + n > maxFrameSize) {
            throw new ParseException("JPEG frame exceeds " + maxFrameSize + " bytes", at);
        }
        if (scanLength + n > scan.length) {
            int doubled = Math.min(maxFrameSize, Math.max(FIRST_SCAN_CAPACITY, scan.length * 2));
            scan = Arrays.copyOf(scan, Math.max(scanLength + n, doubled));
        }
        System.arraycopy(payload, at, scan, scanLength, n);
        scanLength += n;
    }

    private void emit() {
        int baseType = first.type() & ~RtpJpegHeader.RESTART_TYPE_FLAG;
        byte[] headers = JpegHeaders.build(baseType, first.width() * 8, first.height() * 8, restartInterval, tables, precision);
        boolean endsWithEoi = scanLength >= 2 && (scan[scanLength - 2] & 0xFF) == 0xFF && (scan[scanLength - 1] & 0xFF) == 0xD9;
        byte[] image = new byte[headers.length + scanLength + (endsWithEoi ? 0 : 2)];
        System.arraycopy(headers, 0, image, 0, headers.length);
        System.arraycopy(scan, 0, image, headers.length, scanLength);
        if (!endsWithEoi) {
            image[image.length - 2] = (byte) 0xFF;
            image[image.length - 1] = (byte) 0xD9;
        }
        state = State.IDLE;
        int width = first.width() * 8;
        int height = first.height() * 8;
        if (width != reportedWidth || height != reportedHeight) {
            reportedWidth = width;
            reportedHeight = height;
            sink.onFormat(new StreamFormat(width, height, 0, List.of()));
        }
        sink.onSample(MediaSample.video(timestamp, image, true));
    }

    /** Drops the frame this packet belongs to, counting it once; its last packet ends the discarding. */
    private void abandon(RtpPacket packet) {
        if (state != State.DISCARDING) {
            dropped++;
        }
        state = packet.marker() ? State.IDLE : State.DISCARDING;
    }
}
