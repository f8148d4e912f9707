package io.gscam.media.h264;

import io.gscam.media.MediaSample;
import io.gscam.media.rtp.RtpPayloadReader;
import io.gscam.media.rtp.SampleSink;
import io.gscam.media.rtp.StreamFormat;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.rtp.RtpPacket;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The H.264 depacketizer (RFC 6184): single NAL unit packets, STAP-A and FU-A in; whole access
 * units out, as {@link MediaSample#video} in Annex-B form, keyframe when the unit holds an IDR slice.
 *
 * <p>An access unit ends at the marker bit, or when the timestamp changes (senders that never set
 * the marker, or a lost marker packet). Loss is found from sequence numbers: after a gap the access
 * unit in progress is dropped, and so is the access unit of the first packet after the gap, because
 * the lost packets may have been its first NAL units. The reader recovers at the next access unit it
 * receives whole ({@link LossRecovery#NEXT_ACCESS_UNIT}, as androidx media3 and gortsplib do, leaving
 * a decoder to conceal the missing reference); {@link LossRecovery#NEXT_KEYFRAME} instead drops until
 * the next IDR, which is what a recorder wants so that a file never holds undecodable frames.
 *
 * <p>STAP-B, MTAP16/24 and FU-B (interleaved mode only) are rejected; types 0, 30 and 31, undefined
 * by RFC 6184, are ignored. Nothing here throws on bad input: a malformed payload breaks its access
 * unit, which is dropped and counted. A new SPS or PPS (given at construction, or in-band) is
 * reported to {@link SampleSink#onFormat} with the picture size its SPS declares: at construction,
 * and in-band just before the first access unit delivered after it. Not thread safe: one reader per stream, fed in sequence order.
 *
 * <p>The access unit is built in Annex-B form in one buffer that the reader keeps and reuses (it
 * grows to the largest access unit seen, at most the bound): every payload byte is copied into it
 * once, FU-A fragments in place, and the sample gets one exact-size copy of it. Nothing is
 * allocated per packet, which is what an NVR ingesting hundreds of streams spends its time on
 * otherwise.
 */
public final class H264PayloadReader implements RtpPayloadReader {
    /** Where delivery resumes after an access unit was dropped. */
    public enum LossRecovery {
        NEXT_ACCESS_UNIT, NEXT_KEYFRAME
    }

    /** gortsplib's bound: a larger access unit is a broken or hostile stream, not video. */
    public static final int DEFAULT_MAX_ACCESS_UNIT_SIZE = 8 * 1024 * 1024;

    private enum State {
        /** Between access units. */
        IDLE,
        /** Gathering the NAL units of the access unit at {@code auTimestamp}. */
        COLLECTING,
        /** The access unit at {@code auTimestamp} is broken: skip its packets. */
        BROKEN
    }

    private final SampleSink sink;
    private final LossRecovery recovery;
    private final int maxAccessUnitSize;

    private static final int INITIAL_BUFFER = 16 * 1024;

    private State state = State.IDLE;
    private long auTimestamp;
    /** The access unit so far, Annex-B: {@code au[0, auSize)} holds its whole units, each after a 4-byte start code. */
    private byte[] au = new byte[INITIAL_BUFFER];
    private int auSize;
    private int auUnits;
    private boolean auIdr;
    /** The FU-A being reassembled sits after the whole units, start code and header byte first, up to here; -1 when none is open. */
    private int fragmentEnd = -1;
    private int fragmentType;
    private boolean awaitingKeyframe;
    private int lastSequence = -1;

    private NalUnit sps;
    private NalUnit pps;
    /** A parameter set changed since the last {@link SampleSink#onFormat}. */
    private boolean formatChanged;

    private long droppedSamples;
    private long lostPackets;
    private long rejectedPackets;
    private long deliveredSamples;

    public H264PayloadReader(SampleSink sink) {
        this(sink, LossRecovery.NEXT_ACCESS_UNIT, DEFAULT_MAX_ACCESS_UNIT_SIZE, List.of());
    }

    /**
     * @param initialParameterSets SPS and PPS known before any packet, e.g. from the SDP's
     *                             sprop-parameter-sets; other units in the list are ignored
     */
    public H264PayloadReader(SampleSink sink, LossRecovery recovery, int maxAccessUnitSize,
                             List<NalUnit> initialParameterSets) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        if (maxAccessUnitSize <= 0) {
            throw new IllegalArgumentException("max access unit size must be positive, got " + maxAccessUnitSize);
        }
        this.maxAccessUnitSize = maxAccessUnitSize;
        initialParameterSets.forEach(this::noteParameterSet);
        reportFormat();
    }

    @Override
    public void consume(RtpPacket packet) {
        int sequence = packet.sequenceNumber();
        boolean gap = false;
        if (lastSequence >= 0) {
            int delta = (sequence - lastSequence) & RtpPacket.MAX_SEQUENCE;
            if (delta == 0) {
                rejectedPackets++; // a duplicate carries nothing new
                return;
            }
            if (delta != 1) {
                gap = true;
                if (delta < 0x8000) {
                    lostPackets += delta - 1;
                } // else a late packet or a sender restart: resynchronise on it
            }
        }
        lastSequence = sequence;

        long timestamp = packet.timestamp();
        if (gap) {
            breakAccessUnit(); // the lost packets may have been the tail of the access unit in progress
        }
        if (state != State.IDLE && timestamp != auTimestamp) {
            finishAccessUnit();
        }
        if (state == State.IDLE) {
            beginAccessUnit(timestamp);
        }
        if (gap) {
            breakAccessUnit(); // ... or the head of this packet's access unit
        }
        if (state == State.COLLECTING) {
            readPayload(packet);
        }
        if (packet.marker()) {
            finishAccessUnit();
        }
    }

    private void beginAccessUnit(long timestamp) {
        state = State.COLLECTING;
        auTimestamp = timestamp;
    }

    /** The packet's payload is read where it lies (it may be borrowed): only what the access unit keeps is copied. */
    private void readPayload(RtpPacket payload) {
        if (payload.payloadLength() == 0) {
            reject();
            return;
        }
        int type = payload.payloadByte(0) & 0x1F;
        switch (type) {
            case NalUnit.TYPE_STAP_A -> readStapA(payload);
            case NalUnit.TYPE_FU_A -> readFuA(payload);
            case NalUnit.TYPE_STAP_B, NalUnit.TYPE_MTAP16, NalUnit.TYPE_MTAP24, NalUnit.TYPE_FU_B -> reject();
            case 0, 30, 31 -> rejectedPackets++; // undefined: ignore, the access unit is still whole
            default -> {
                if (fragmentEnd >= 0) {
                    breakAccessUnit(); // an FU-A ended without its end fragment
                    return;
                }
                addUnit(payload, 0, payload.payloadLength());
            }
        }
    }

    private void readStapA(RtpPacket payload) {
        if (fragmentEnd >= 0) {
            breakAccessUnit();
            return;
        }
        // The whole packet is checked before any of its units joins the access unit.
        int length = payload.payloadLength();
        int at = 1;
        int found = 0;
        while (at < length) {
            if (length - at < 2) {
                reject();
                return;
            }
            int size = sizeAt(payload, at);
            at += 2;
            if (size == 0) {
                break; // padding after the last unit, as some senders write
            }
            if (size > length - at) {
                reject();
                return;
            }
            found++;
            at += size;
        }
        if (found == 0) {
            reject();
            return;
        }
        at = 1;
        for (int i = 0; i < found; i++) {
            int size = sizeAt(payload, at);
            at += 2;
            if (!addUnit(payload, at, size)) {
                return;
            }
            at += size;
        }
    }

    /** A STAP-A unit's 16-bit size at {@code at} of the payload. */
    private static int sizeAt(RtpPacket payload, int at) {
        return ((payload.payloadByte(at) & 0xFF) << 8) | (payload.payloadByte(at + 1) & 0xFF);
    }

    private void readFuA(RtpPacket payload) {
        int length = payload.payloadLength();
        if (length < 3) {
            reject(); // indicator, header and at least one byte
            return;
        }
        int header = payload.payloadByte(1) & 0xFF;
        boolean start = (header & 0x80) != 0;
        boolean end = (header & 0x40) != 0;
        int type = header & 0x1F;
        if (start && end) {
            reject(); // RFC 6184 5.8: a unit that fits one packet must not be fragmented
            return;
        }
        if (start) {
            if (fragmentEnd >= 0) {
                breakAccessUnit(); // the previous unit lost its end
                return;
            }
            ensureCapacity(auSize + AnnexB.START_CODE.length + 1);
            System.arraycopy(AnnexB.START_CODE, 0, au, auSize, AnnexB.START_CODE.length);
            au[auSize + AnnexB.START_CODE.length] = (byte) ((payload.payloadByte(0) & 0xE0) | type);
            fragmentEnd = auSize + AnnexB.START_CODE.length + 1;
            fragmentType = type;
        } else if (fragmentEnd < 0) {
            breakAccessUnit(); // a middle or end without its start: joined mid-unit or lost the start
            return;
        } else if (fragmentType != type) {
            reject(); // the FU headers of one unit must agree on its type
            return;
        }
        int unitSoFar = fragmentEnd - auSize - AnnexB.START_CODE.length;
        if (auSize + unitSoFar + length - 2 > maxAccessUnitSize) {
            reject();
            return;
        }
        ensureCapacity(fragmentEnd + length - 2);
        payload.copyPayload(2, au, fragmentEnd, length - 2);
        fragmentEnd += length - 2;
        if (end) {
            int unitStart = auSize + AnnexB.START_CODE.length;
            int unitEnd = fragmentEnd;
            fragmentEnd = -1;
            takeUnit(unitEnd - unitStart);
        }
    }

    /** Room for {@code size} bytes of access unit; the buffer only grows, up to what the bound allows. */
    private void ensureCapacity(int size) {
        if (size > au.length) {
            au = Arrays.copyOf(au, Math.max(size, (int) Math.min(Integer.MAX_VALUE - 8, 2L * au.length)));
        }
    }

    /**
     * Adds the unit of {@code size} bytes at {@code from} of the packet's payload: copied to where it
     * goes in the access unit, after a start code, and taken from there ({@link #takeUnit}).
     */
    private boolean addUnit(RtpPacket payload, int from, int size) {
        ensureCapacity(auSize + AnnexB.START_CODE.length + size);
        System.arraycopy(AnnexB.START_CODE, 0, au, auSize, AnnexB.START_CODE.length);
        payload.copyPayload(from, au, auSize + AnnexB.START_CODE.length, size);
        return takeUnit(size);
    }

    /**
     * Adds the complete NAL unit of {@code size} bytes that lies in {@link #au} after a start code at
     * {@link #auSize} (copied there, or reassembled there from FU-A fragments); false when that broke
     * the access unit. A unit refused leaves {@link #auSize} where it was: its bytes are overwritten
     * by what comes next. The output is Annex-B, so a unit must survive being framed by start codes
     * (H.264 7.4.1 guarantees it of valid units): trailing zero bytes, trailing_zero_8bits some
     * packetizers leave in, are not part of the unit and are dropped; a unit with a start code
     * inside, or of zero bytes only, would come out of the Annex-B stream as different units, so it
     * is malformed and breaks its access unit.
     */
    private boolean takeUnit(int size) {
        int at = auSize + AnnexB.START_CODE.length;
        int length = AnnexB.unitEnd(au, at, at + size) - at;
        if (length == 0 || AnnexB.indexOfStartCode(au, at, at + length) >= 0
                || auSize + 4 + length > maxAccessUnitSize) {
            reject();
            return false;
        }
        noteParameterSet(au, at, length);
        auIdr |= NalUnit.type(au[at]) == NalUnit.TYPE_IDR;
        auUnits++;
        auSize = at + length;
        return true;
    }

    private void noteParameterSet(NalUnit unit) {
        noteParameterSet(unit.bytes(), 0, unit.size());
    }

    /** Keeps an SPS or PPS when it differs from the one known; copies it only then. */
    private void noteParameterSet(byte[] bytes, int from, int length) {
        int type = NalUnit.type(bytes[from]);
        if (type == NalUnit.TYPE_SPS && (sps == null || !sameBytes(sps, bytes, from, length))) {
            sps = new NalUnit(Arrays.copyOfRange(bytes, from, from + length));
            formatChanged = true;
        } else if (type == NalUnit.TYPE_PPS && (pps == null || !sameBytes(pps, bytes, from, length))) {
            pps = new NalUnit(Arrays.copyOfRange(bytes, from, from + length));
            formatChanged = true;
        }
    }

    private static boolean sameBytes(NalUnit unit, byte[] bytes, int from, int length) {
        return Arrays.equals(unit.bytes(), 0, unit.size(), bytes, from, from + length);
    }

    /** Tells the sink the parameter sets when they changed: the SPS gives the picture size; an unreadable one gives none. */
    private void reportFormat() {
        if (!formatChanged) {
            return;
        }
        formatChanged = false;
        List<byte[]> config = sps == null ? List.of() : pps == null ? List.of(sps.bytes()) : List.of(sps.bytes(), pps.bytes());
        StreamFormat format = new StreamFormat(0, 0, 0, config);
        if (sps != null) {
            try {
                SequenceParameterSet s = SpsParser.parse(sps.bytes());
                format = new StreamFormat(s.width(), s.height(), s.frameRate().orElse(0), config);
            } catch (ParseException | RuntimeException unreadable) {
                // the configuration still goes to the container; only the size stays unknown
            }
        }
        sink.onFormat(format);
    }

    private void reject() {
        rejectedPackets++;
        breakAccessUnit();
    }

    /** Marks the access unit in progress broken; it is counted once, here. */
    private void breakAccessUnit() {
        if (state == State.COLLECTING) {
            droppedSamples++;
            if (recovery == LossRecovery.NEXT_KEYFRAME) {
                awaitingKeyframe = true;
            }
        }
        if (state != State.IDLE) {
            state = State.BROKEN;
        }
        clear();
    }

    private void finishAccessUnit() {
        if (state == State.COLLECTING) {
            if (fragmentEnd >= 0) {
                breakAccessUnit(); // ended inside an FU-A
            } else if (auUnits > 0) {
                deliver();
            }
        }
        state = State.IDLE;
        clear();
    }

    private void deliver() {
        boolean keyframe = auIdr;
        if (awaitingKeyframe && !keyframe) {
            droppedSamples++;
            return;
        }
        awaitingKeyframe = false;
        deliveredSamples++;
        reportFormat();
        sink.onSample(MediaSample.video(auTimestamp, Arrays.copyOf(au, auSize), keyframe));
    }

    private void clear() {
        auSize = 0;
        auUnits = 0;
        auIdr = false;
        fragmentEnd = -1;
    }

    /** Access units dropped: broken by loss, malformed, or skipped while awaiting a keyframe. */
    @Override
    public long droppedSamples() {
        return droppedSamples;
    }

    /** Packets missing from the sequence numbers seen. */
    public long lostPackets() {
        return lostPackets;
    }

    /** Packets refused: malformed, of an unsupported or undefined type, or duplicated. */
    public long rejectedPackets() {
        return rejectedPackets;
    }

    public long deliveredSamples() {
        return deliveredSamples;
    }

    /** The latest SPS and PPS seen in the stream (or given at construction), once both are known. */
    public Optional<ParameterSets> parameterSets() {
        return sps == null || pps == null ? Optional.empty() : Optional.of(new ParameterSets(sps, pps));
    }
}
