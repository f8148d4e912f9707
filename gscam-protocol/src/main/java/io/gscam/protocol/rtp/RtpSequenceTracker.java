package io.gscam.protocol.rtp;

/**
 * Tracks the sequence numbers of one RTP source as RFC 3550 appendix A.1 does: extends them past
 * the 16-bit wrap, counts packets received and lost, tells the caller what each packet was
 * ({@link Kind}), and produces the numbers of a reception report block ({@link #reportBlock}).
 *
 * <p>A jump of {@value #MAX_DROPOUT} or more ahead (or more than {@value #MAX_MISORDER} behind) is
 * not believed at once: the packet is reported as {@link Kind#JUMP} and not counted, and only a
 * second packet that follows it in sequence re-synchronises the tracker ({@link Kind#RESTART}), as a
 * source that restarted would send. Duplicates and late packets are counted as received, as in
 * A.1, so cumulative loss can go negative.
 *
 * <p>Probation (A.1's MIN_SEQUENTIAL) is optional: by default the first packet is believed, since
 * an RTSP client already knows its source from SETUP; {@link #withProbation(int)} requires that
 * many packets in sequence first. Not thread-safe: one per source, fed from one thread.
 */
public final class RtpSequenceTracker {
    public static final int MAX_DROPOUT = 3000;
    public static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;

    /** What a packet's sequence number meant. */
    public enum Kind {
        /** The first packet believed (the tracker starts from it). */
        FIRST,
        /** The next number after the highest so far. */
        NEXT,
        /** Ahead of the highest by more than one: {@link Update#missing()} packets are missing. */
        GAP,
        /** At or a little behind the highest: a duplicate, or a reordered packet that arrived late. */
        DUPLICATE_OR_LATE,
        /** Far from the highest; not counted until a following packet confirms it. */
        JUMP,
        /** The second packet after a jump: the source restarted, counting starts again from here. */
        RESTART,
        /** Still on probation; not counted. */
        PROBATION
    }

    /**
     * The result of {@link #update(int)}.
     *
     * @param missing           packets skipped over by a {@link Kind#GAP}, else 0
     * @param extendedSequence  the packet's sequence number extended with the wrap count, for
     *                          ordering (relative to the current cycle for late packets; it can be
     *                          negative for a packet from before the first one); -1 for
     *                          {@link Kind#JUMP} and {@link Kind#PROBATION}
     */
    public record Update(Kind kind, int missing, long extendedSequence) {
        /** Whether the packet belongs to the stream (everything but JUMP and PROBATION). */
        public boolean accepted() {
            return kind != Kind.JUMP && kind != Kind.PROBATION;
        }
    }

    private final int minSequential;
    private boolean started;
    private int probation;
    private int maxSeq;
    private int baseSeq;
    private int badSeq = SEQ_MOD + 1;
    private long cycles;
    private long received;
    private long expectedPrior;
    private long receivedPrior;

    /** A tracker that believes the first packet. */
    public RtpSequenceTracker() {
        this(1);
    }

    private RtpSequenceTracker(int minSequential) {
        this.minSequential = minSequential;
    }

    /** A tracker that believes a source only after {@code minSequential} packets in sequence (A.1 uses 2). */
    public static RtpSequenceTracker withProbation(int minSequential) {
        if (minSequential < 1) {
            throw new IllegalArgumentException("minSequential must be at least 1, got " + minSequential);
        }
        return new RtpSequenceTracker(minSequential);
    }

    /** Accounts for one packet's sequence number (0..65535), in arrival order. */
    public Update update(int seq) {
        if (seq < 0 || seq >= SEQ_MOD) {
            throw new IllegalArgumentException("sequence number " + seq + " not in 0..65535");
        }
        if (!started) {
            started = true;
            maxSeq = (seq - 1) & 0xFFFF;
            probation = minSequential;
        }
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    restartAt(seq);
                    received++;
                    return new Update(Kind.FIRST, 0, seq);
                }
            } else {
                probation = minSequential - 1;
                maxSeq = seq;
            }
            return new Update(Kind.PROBATION, 0, -1);
        }
        int delta = (seq - maxSeq) & 0xFFFF;
        if (delta == 0) {
            received++;
            return new Update(Kind.DUPLICATE_OR_LATE, 0, cycles + seq);
        }
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
            received++;
            return delta == 1 ? new Update(Kind.NEXT, 0, cycles + seq) : new Update(Kind.GAP, delta - 1, cycles + seq);
        }
        if (delta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                restartAt(seq);
                received++;
                return new Update(Kind.RESTART, 0, seq);
            }
            badSeq = (seq + 1) & 0xFFFF;
            return new Update(Kind.JUMP, 0, -1);
        }
        received++;
        return new Update(Kind.DUPLICATE_OR_LATE, 0, cycles + seq - (seq > maxSeq ? SEQ_MOD : 0));
    }

    private void restartAt(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    /** Whether a packet has been believed yet. */
    public boolean isValid() {
        return started && probation == 0;
    }

    /** The first sequence number counted (since the last restart). */
    public int baseSequence() {
        return baseSeq;
    }

    /** The highest sequence number received, with the wrap count above bit 16 (not truncated to 32 bits). */
    public long extendedHighestSequence() {
        return isValid() ? cycles + maxSeq : 0;
    }

    /** Packets counted as received (duplicates and late packets included, as A.1 counts). */
    public long received() {
        return received;
    }

    /** Packets expected: from the base to the highest sequence number. */
    public long expected() {
        return isValid() ? extendedHighestSequence() - baseSeq + 1 : 0;
    }

    /** Expected minus received; negative when duplicates outnumber losses. */
    public long cumulativeLost() {
        return expected() - received;
    }

    /**
     * A report block for this source with loss figures as A.3 computes them: the fraction lost is
     * over the interval since the previous call, which this call ends.
     *
     * @param ssrc                       the source's SSRC
     * @param jitter                     its {@link InterarrivalJitter#jitter()}
     * @param lastSenderReport           {@link NtpTime#compact} of its last SR's NTP time, 0 if none
     * @param delaySinceLastSenderReport {@link NtpTime#compactDuration} since that SR arrived, 0 if none
     */
    public ReportBlock reportBlock(long ssrc, long jitter, long lastSenderReport, long delaySinceLastSenderReport) {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval <= 0 || lostInterval <= 0
                ? 0 : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        return new ReportBlock(ssrc, fraction, ReportBlock.clampCumulativeLost(cumulativeLost()),
                extendedHighestSequence() & 0xFFFF_FFFFL, jitter, lastSenderReport, delaySinceLastSenderReport);
    }
}
