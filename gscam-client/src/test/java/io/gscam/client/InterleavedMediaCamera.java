package io.gscam.client;

import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspRequest;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted camera for payload tests over RTP/AVP/TCP: answers OPTIONS, DESCRIBE (with the given
 * SDP, whose tracks have the controls {@code trackID=0, 1, ...}), SETUP (interleaved, as asked) and
 * PLAY; after PLAY it sends each track's packets on that track's channel, the tracks interleaved.
 */
final class InterleavedMediaCamera implements FakeRtspServer.Script {
    private static final String SESSION = "23456789";
    private static final Pattern TRACK = Pattern.compile("trackID=(\\d+)$");
    private static final Pattern INTERLEAVED = Pattern.compile("interleaved=(\\d+)");

    private final String sdp;
    private final List<List<RtpPacket>> packetsPerTrack;
    private final Map<Integer, Integer> channels = new ConcurrentHashMap<>();

    /** @param packetsPerTrack the packets of track 0, track 1, ... */
    InterleavedMediaCamera(String sdp, List<List<RtpPacket>> packetsPerTrack) {
        this.sdp = sdp;
        this.packetsPerTrack = packetsPerTrack;
    }

    @Override
    public void onRequest(FakeRtspServer.Connection c, RtspRequest r) throws IOException {
        switch (r.method().name()) {
            case "OPTIONS" -> c.respond(r, "200 OK", "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n", "");
            case "DESCRIBE" -> c.respond(r, "200 OK", "Content-Type: application/sdp\r\nContent-Base: " + r.uri() + "/\r\n", sdp);
            case "SETUP" -> {
                String transport = r.header("Transport").orElseThrow();
                Matcher track = TRACK.matcher(r.uri());
                Matcher channel = INTERLEAVED.matcher(transport);
                assertThat(track.find() && channel.find()).as(r.uri() + " " + transport).isTrue();
                channels.put(Integer.parseInt(track.group(1)), Integer.parseInt(channel.group(1)));
                c.respond(r, "200 OK", "Session: " + SESSION + ";timeout=60\r\nTransport: " + transport + "\r\n", "");
            }
            case "PLAY" -> {
                c.respond(r, "200 OK", "Session: " + SESSION + "\r\n", "");
                int longest = packetsPerTrack.stream().mapToInt(List::size).max().orElse(0);
                for (int i = 0; i < longest; i++) {
                    for (int t = 0; t < packetsPerTrack.size(); t++) {
                        List<RtpPacket> packets = packetsPerTrack.get(t);
                        if (i < packets.size() && channels.containsKey(t)) {
                            c.send(new InterleavedFrame(channels.get(t), packets.get(i).toBytes()).toBytes());
                        }
                    }
                }
            }
            default -> c.respond(r, "200 OK", "Session: " + SESSION + "\r\n", "");
        }
    }
}
