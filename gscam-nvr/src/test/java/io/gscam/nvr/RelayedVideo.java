package io.gscam.nvr;

import io.gscam.nvr.index.Segment;
import io.gscam.testkit.Ffmpeg;
import io.gscam.testkit.ImpairedRelay.RtpRecord;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The H.264 frames a camera sent through an {@link io.gscam.testkit.ImpairedRelay}, grouped into
 * GOPs, with what a receiver that resumes at the next keyframe after a loss can deliver of them;
 * and the frames a recording holds, as RTP timestamps, to compare GOP by GOP.
 */
final class RelayedVideo {
    private static final int NAL_IDR = 5;
    private static final int NAL_SPS = 7;
    private static final int NAL_FU_A = 28;

    /**
     * One access unit as sent.
     *
     * @param whole      every packet of it reached the client (at least one copy)
     * @param receivable whole, and the packet just before it (by sequence number) arrived too: a
     *                   depacketizer cannot tell a lost packet at an access unit's start from one at
     *                   the previous one's end, so a gap taints the next access unit
     */
    record Frame(long timestamp, boolean keyframe, boolean whole, boolean receivable, Instant at) {
    }

    private RelayedVideo() {
    }

    /** The video frames of the relay's log (dynamic payload types), in sending order. */
    static List<Frame> frames(List<RtpRecord> log) {
        List<RtpRecord> video = log.stream().filter(r -> r.payloadType() >= 96).toList();
        List<Frame> frames = new ArrayList<>();
        int i = 0;
        boolean previousArrived = true;
        while (i < video.size()) {
            RtpRecord first = video.get(i);
            boolean key = false;
            boolean whole = true;
            int j = i;
            while (j < video.size() && video.get(j).timestamp() == first.timestamp()) {
                RtpRecord r = video.get(j);
                int nal = (r.payloadHead() >> 8) & 0x1f;
                key |= nal == NAL_IDR || nal == NAL_SPS || (nal == NAL_FU_A && (r.payloadHead() & 0x1f) == NAL_IDR);
                whole &= r.copies() > 0;
                j++;
            }
            frames.add(new Frame(first.timestamp(), key, whole, whole && previousArrived, first.at()));
            previousArrived = video.get(j - 1).copies() > 0;
            i = j;
        }
        return frames;
    }

    /** Frames from each keyframe to the next; frames before the first keyframe are left out. */
    static List<List<Frame>> gops(List<Frame> frames) {
        List<List<Frame>> gops = new ArrayList<>();
        for (Frame f : frames) {
            if (f.keyframe()) {
                gops.add(new ArrayList<>());
            }
            if (!gops.isEmpty()) {
                gops.get(gops.size() - 1).add(f);
            }
        }
        return gops;
    }

    /** What a receiver resuming at keyframes delivers of a GOP: its frames up to the first it could not receive. */
    static List<Long> deliverable(List<Frame> gop) {
        List<Long> out = new ArrayList<>();
        for (Frame f : gop) {
            if (!f.receivable()) {
                break;
            }
            out.add(f.timestamp());
        }
        return out;
    }

    /**
     * The RTP timestamps of every video frame in the segments: each segment's first frame is the
     * keyframe sent nearest to the segment's start (the NVR's wall clock is the arrival clock, and
     * keyframes come a second apart), the others follow by their presentation times.
     */
    static Set<Long> recorded(Path data, List<Segment> segments, List<Frame> sent) {
        Set<Long> out = new HashSet<>();
        for (Segment s : segments) {
            Path file = data.resolve(s.path());
            List<Map<String, String>> streams = Ffmpeg.streams(file);
            int video = -1;
            for (int i = 0; i < streams.size(); i++) {
                if ("video".equals(streams.get(i).get("codec_type"))) {
                    video = i;
                }
            }
            String[] timeBase = streams.get(video).get("time_base").split("/");
            long num = Long.parseLong(timeBase[0]);
            long den = Long.parseLong(timeBase[1]);
            Frame anchor = sent.stream().filter(Frame::keyframe)
                    .min((a, b) -> Long.compare(Math.abs(Duration.between(a.at(), s.start()).toMillis()),
                            Math.abs(Duration.between(b.at(), s.start()).toMillis())))
                    .orElseThrow();
            long off = Math.abs(Duration.between(anchor.at(), s.start()).toMillis());
            if (off > 400) {
                throw new AssertionError("no keyframe sent within 400 ms of " + s.path() + "'s start (nearest " + off + " ms)");
            }
            List<Map<String, String>> packets = Ffmpeg.packets(file, video);
            long first = Long.parseLong(packets.get(0).get("pts"));
            for (Map<String, String> p : packets) {
                long ticks = (Long.parseLong(p.get("pts")) - first) * 90_000L * num / den;
                out.add((anchor.timestamp() + ticks) & 0xffffffffL);
            }
        }
        return out;
    }

    /**
     * Per GOP (keyframe timestamp), the frames expected and the frames recorded, where they differ:
     * "cut short" when the recorded ones are the first of the expected ones, else "differs".
     */
    static Map<Long, String> mismatches(List<List<Frame>> gops, Set<Long> recorded) {
        Map<Long, String> out = new LinkedHashMap<>();
        for (List<Frame> gop : gops) {
            List<Long> expected = deliverable(gop);
            List<Long> got = gop.stream().map(Frame::timestamp).filter(recorded::contains).toList();
            if (!got.equals(expected)) {
                boolean cutShort = got.size() < expected.size() && expected.subList(0, got.size()).equals(got);
                out.put(gop.get(0).timestamp(), (cutShort ? "cut short: " : "differs: ") + "expected " + expected.size()
                        + " of " + gop.size() + " frames, recorded " + got.size());
            }
        }
        return out;
    }

    /** The timestamps of all frames sent, to check that the recording holds nothing else. */
    static Set<Long> timestamps(List<Frame> frames) {
        Set<Long> out = new HashSet<>();
        frames.forEach(f -> out.add(f.timestamp()));
        return out;
    }
}
