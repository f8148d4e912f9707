package io.gscam.media.h264;

import io.gscam.media.MediaSample;
import io.gscam.media.rtp.RtpPayloadReader;
import io.gscam.media.rtp.SampleSink;
import io.gscam.media.rtp.StreamFormat;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.rtp.RtpPacket;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
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

    private State state = State.IDLE;
    private long auTimestamp;
    private final List<NalUnit> units = new ArrayList<>();
    private int auSize;
    /** The FU-A being reassembled, header byte first; null when none is open. */
    private ByteArrayOutputStream fragment;
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
            readPayload(packet.payload());
        }
        if (packet.marker()) {
            finishAccessUnit();
        }
    }

    private void beginAccessUnit(long timestamp) {
        state = State.COLLECTING;
        auTimestamp = timestamp;
    }

    private void readPayload(byte[] payload) {
        if (payload.length == 0) {
            reject();
            return;
        }
        int type = payload[0] & 0x1F;
        switch (type) {
            case NalUnit.TYPE_STAP_A -> readStapA(payload);
            case NalUnit.TYPE_FU_A -> readFuA(payload);
            case NalUnit.TYPE_STAP_B, NalUnit.TYPE_MTAP16, NalUnit.TYPE_MTAP24, NalUnit.TYPE_FU_B -> reject();
            case 0, 30, 31 -> rejectedPackets++; // undefined: ignore, the access unit is still whole
            default -> {
                if (fragment != null) {
                    breakAccessUnit(); // an FU-A ended without its end fragment
                    return;
                }
                addUnit(payload);
            }
        }
    }

    private void readStapA(byte[] payload) {
        if (fragment != null) {
            breakAccessUnit();
            return;
        }
        List<byte[]> found = new ArrayList<>();
        int at = 1;
        while (at < payload.length) {
            if (payload.length - at < 2) {
                reject();
                return;
            }
            int size = ((payload[at] & 0xFF) << 8) | (payload[at + 1] & 0xFF);
            at += 2;
            if (size == 0) {
                break; // padding after the last unit, as some senders write
            }
            if (size > payload.length - at) {
                reject();
                return;
            }
            byte[] unit = new byte[size];
            System.arraycopy(payload, at, unit, 0, size);
            found.add(unit);
            at += size;
        }
        if (found.isEmpty()) {
            reject();
            return;
        }
        for (byte[] unit : found) {
            if (!addUnit(unit)) {
                return;
            }
        }
    }

    private void readFuA(byte[] payload) {
        if (payload.length < 3) {
            reject(); // indicator, header and at least one byte
            return;
        }
        int header = payload[1] & 0xFF;
        boolean start = (header & 0x80) != 0;
        boolean end = (header & 0x40) != 0;
        int type = header & 0x1F;
        if (start && end) {
            reject(); // RFC 6184 5.8: a unit that fits one packet must not be fragmented
            return;
        }
        if (start) {
            if (fragment != null) {
                breakAccessUnit(); // the previous unit lost its end
                return;
            }
            fragment = new ByteArrayOutputStream(Math.min(64 * 1024, 1 + payload.length * 16));
            fragment.write((payload[0] & 0xE0) | type);
            fragmentType = type;
        } else if (fragment == null) {
            breakAccessUnit(); // a middle or end without its start: joined mid-unit or lost the start
            return;
        } else if (fragmentType != type) {
            reject(); // the FU headers of one unit must agree on its type
            return;
        }
        if (auSize + fragment.size() + payload.length - 2 > maxAccessUnitSize) {
            reject();
            return;
        }
        fragment.write(payload, 2, payload.length - 2);
        if (end) {
            byte[] unit = fragment.toByteArray();
            fragment = null;
            addUnit(unit);
        }
    }

    /**
     * Adds a complete NAL unit to the access unit; false when that broke it. The output is Annex-B, so
     * a unit must survive being framed by start codes (H.264 7.4.1 guarantees it of valid units):
     * trailing zero bytes, trailing_zero_8bits some packetizers leave in, are not part of the unit and
     * are dropped; a unit with a start code inside, or of zero bytes only, would come out of the
     * Annex-B stream as different units, so it is malformed and breaks its access unit.
     */
    private boolean addUnit(byte[] bytes) {
        int length = AnnexB.unitEnd(bytes, 0, bytes.length);
        if (length == 0 || AnnexB.indexOfStartCode(bytes, 0, length) >= 0
                || auSize + 4 + length > maxAccessUnitSize) {
            reject();
            return false;
        }
        if (length < bytes.length) {
            bytes = Arrays.copyOf(bytes, length);
        }
        NalUnit unit = new NalUnit(bytes);
        noteParameterSet(unit);
        units.add(unit);
        auSize += 4 + length;
        return true;
    }

    private void noteParameterSet(NalUnit unit) {
        if (unit.isSps() && (sps == null || !Arrays.equals(sps.bytes(), unit.bytes()))) {
            sps = unit;
            formatChanged = true;
        } else if (unit.isPps() && (pps == null || !Arrays.equals(pps.bytes(), unit.bytes()))) {
            pps = unit;
            formatChanged = true;
        }
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
            if (fragment != null) {
                breakAccessUnit(); // ended inside an FU-A
            } else if (!units.isEmpty()) {
                deliver();
            }
        }
        state = State.IDLE;
        clear();
    }

    private void deliver() {
        boolean keyframe = AnnexB.containsIdr(units);
        if (awaitingKeyframe && !keyframe) {
            droppedSamples++;
            return;
        }
        awaitingKeyframe = false;
        deliveredSamples++;
        reportFormat();
        sink.onSample(MediaSample.video(auTimestamp, AnnexB.join(units), keyframe));
    }

    private void clear() {
        units.clear();
        auSize = 0;
        fragment = null;
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
