package io.gscam.client.internal.session;

import io.gscam.client.CameraException;
import io.gscam.client.CameraException.Kind;
import io.gscam.client.CameraOptions;
import io.gscam.client.StreamInfo;
import io.gscam.client.TrackInfo;
import io.gscam.client.Transport;
import io.gscam.client.internal.ClientRuntime;
import io.gscam.client.internal.rtp.MediaTrack;
import io.gscam.client.internal.rtp.ReorderBuffer;
import io.gscam.client.internal.rtp.RtcpReceiver;
import io.gscam.client.internal.udp.TrackUdpPorts;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.sdp.ConnectionData;
import io.gscam.protocol.sdp.MediaDescription;
import io.gscam.protocol.sdp.SessionDescription;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The RTP/UDP session a local SDP file describes, received as {@code ffmpeg -i stream.sdp} receives
 * it: no RTSP. Each wanted audio/video section whose codec the registry reads gets its m= port bound
 * for RTP and the next port (or {@code a=rtcp}, RFC 3605) for RTCP, on every local address; packets
 * go through the same {@link MediaTrack} (reordering, depacketizing) as an RTSP session's. Receiver
 * reports go to the address the sender's RTCP comes from. Unicast only: a multicast {@code c=}
 * address is refused with a clear error. Playing starts as soon as the ports are bound; no packet on
 * any track for the media timeout loses the playback (the owner does not reconnect it).
 */
final class SdpPlayback implements Playback {
    private static final Logger log = LoggerFactory.getLogger(SdpPlayback.class);
    /** An SDP file is a few hundred bytes; a larger one is not an SDP file. */
    static final int MAX_SDP_BYTES = 64 * 1024;

    private final ClientRuntime runtime;
    private final EventLoop loop;
    private final CameraOptions options;
    private final Path file;
    private final Owner owner;
    private final long ownSsrc;

    private final MediaPlane media;

    private PlaybackState state = PlaybackState.INIT;
    private String tool = "";
    private final List<TrackInfo> described = new ArrayList<>();

    SdpPlayback(ClientRuntime runtime, EventLoop loop, CameraOptions options, Owner owner) {
        this.runtime = runtime;
        this.loop = loop;
        this.options = options;
        this.file = options.url().sdpFile().orElseThrow(() -> new IllegalArgumentException("not an SDP file URL"));
        this.owner = owner;
        this.ownSsrc = new SecureRandom().nextInt() & 0xFFFFFFFFL;
        this.media = new MediaPlane(owner, runtime::nanoTime, new MediaWatchdog(options.mediaTimeout(),
                options.mediaTimeout(), this::silentWhere), this::lost);
    }

    private String silentWhere() {
        return " on UDP port " + media.rtpPorts();
    }

    @Override
    public List<MediaTrack> tracks() {
        return media.tracks();
    }

    @Override
    public CompletableFuture<StreamInfo> start() {
        if (state != PlaybackState.INIT) {
            throw new IllegalStateException("playback is " + state + ", not " + PlaybackState.INIT);
        }
        state = PlaybackState.SETUP;
        List<Receiving> receiving;
        try {
            receiving = describe(read(file));
        } catch (CameraException e) {
            state = PlaybackState.CLOSED;
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> bound = CompletableFuture.completedFuture(null);
        for (Receiving r : receiving) {
            bound = bound.thenCompose(v -> bind(r));
        }
        return bound.thenApply(v -> playing()).whenComplete((info, error) -> {
            if (error != null && state != PlaybackState.CLOSED) {
                close(false);
            }
        });
    }

    /** A track to receive and the ports it arrives on. */
    private record Receiving(TrackInfo info, io.gscam.media.rtp.MediaFormat format, int rtpPort, int rtcpPort) {
    }

    private static SessionDescription read(Path file) throws CameraException {
        try {
            if (Files.size(file) > MAX_SDP_BYTES) {
                throw new CameraException(Kind.PROTOCOL, file + " is larger than " + MAX_SDP_BYTES + " bytes: not an SDP file");
            }
            return SessionDescription.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new CameraException(Kind.NOT_FOUND, "no such SDP file: " + file, e);
        } catch (IOException e) {
            throw new CameraException(Kind.IO, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new CameraException(Kind.PROTOCOL, file + ": unreadable SDP: " + e.getMessage(), e);
        }
    }

    /** Reads every section into {@link #described}; returns those to receive, with their ports. */
    private List<Receiving> describe(SessionDescription sdp) throws CameraException {
        tool = sdp.attribute("tool").orElse("").trim();
        String url = options.url().requestUrl();
        List<Receiving> receiving = new ArrayList<>();
        Set<Integer> portsInUse = new HashSet<>();
        for (MediaDescription md : sdp.media()) {
            int index = described.size();
            Optional<DescribedTrack> section = DescribedTrack.of(md, index, url, Optional.empty(), options,
                    runtime.payloadFormats());
            if (section.isEmpty()) {
                continue;
            }
            TrackInfo info = section.get().info();
            String why = info.setUp() ? unreceivable(sdp, md) : null;
            if (why != null) {
                info = notSetUp(info);
            }
            described.add(info);
            if (section.get().wantedButUnreadable(options)) {
                log.info("{}: track {} ({} {}): no payload format reads it, not received", file, index, md.media(), info.codec());
            } else if (why != null) {
                log.info("{}: track {} ({} {}): {}, not received", file, index, md.media(), info.codec(), why);
            }
            if (!info.setUp()) {
                continue;
            }
            String multicast = multicastAddress(md.connection().or(sdp::connection));
            if (multicast != null) {
                throw new CameraException(Kind.IO, file + ": track " + index + " is sent to multicast address "
                        + multicast + "; gscam receives unicast RTP only");
            }
            int rtcpPort = rtcpPort(md);
            if (!portsInUse.add(md.port()) || !portsInUse.add(rtcpPort)) {
                throw new CameraException(Kind.PROTOCOL, file + ": track " + index + " shares UDP port "
                        + md.port() + " or " + rtcpPort + " with another track");
            }
            receiving.add(new Receiving(info, section.get().format(), md.port(), rtcpPort));
        }
        if ((options.video() || options.audio()) && receiving.isEmpty()) {
            throw new CameraException(Kind.NO_TRACKS, "no track to receive: " + file + " describes "
                    + described.stream().map(t -> t.kind().name().toLowerCase(Locale.ROOT) + " " + t.codec()).toList());
        }
        return receiving;
    }

    /** Why a section cannot be received even though its codec is known, or null. */
    private static String unreceivable(SessionDescription sdp, MediaDescription md) {
        if (md.port() == 0) {
            return "port 0 (disabled)";
        }
        String proto = md.proto().toUpperCase(Locale.ROOT);
        if (!proto.equals("RTP/AVP") && !proto.equals("RTP/AVPF")) {
            return "transport " + md.proto() + " (gscam receives RTP/AVP over UDP)";
        }
        if (md.portCount() > 1) {
            return "layered port count " + md.portCount();
        }
        return null;
    }

    private static TrackInfo notSetUp(TrackInfo t) {
        return new TrackInfo(t.index(), t.kind(), t.codec(), t.payloadType(), t.clockRate(), t.width(), t.height(), t.fps(),
                t.kbps(), t.sampleRate(), t.channels(), t.controlUrl(), false, t.fmtp());
    }

    /** RFC 3605 {@code a=rtcp:PORT}, else the RTP port + 1 (RFC 3550 section 11). */
    private static int rtcpPort(MediaDescription md) throws CameraException {
        Optional<String> attribute = md.attribute("rtcp");
        if (attribute.isEmpty()) {
            return md.port() + 1;
        }
        String digits = attribute.get().trim().split(" ")[0];
        try {
            int port = Integer.parseInt(digits);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new CameraException(Kind.PROTOCOL, "unreadable a=rtcp port: " + attribute.get());
        }
    }

    /** The address when {@code c=} names an IPv4 (224/4) or IPv6 (ff00::/8) multicast group, else null. */
    static String multicastAddress(Optional<ConnectionData> connection) {
        if (connection.isEmpty()) {
            return null;
        }
        String address = connection.get().address();
        int slash = address.indexOf('/');
        String host = slash < 0 ? address : address.substring(0, slash);
        if (host.indexOf(':') >= 0) {
            return host.toLowerCase(Locale.ROOT).startsWith("ff") ? host : null;
        }
        int dot = host.indexOf('.');
        try {
            int first = Integer.parseInt(dot < 0 ? host : host.substring(0, dot));
            return first >= 224 && first <= 239 ? host : null;
        } catch (NumberFormatException e) {
            return null; // a host name: unicast as far as we can tell without resolving it
        }
    }

    private CompletableFuture<Void> bind(Receiving r) {
        if (state == PlaybackState.CLOSED) {
            return CompletableFuture.failedFuture(new CameraException(Kind.CONNECTION_LOST, "closed while starting"));
        }
        MediaTrack track = new MediaTrack(r.info(), r.format(), runtime.payloadFormats().find(r.format()).orElseThrow(),
                new ReorderBuffer(MediaPlane.REORDER_CAPACITY, MediaPlane.REORDER_DELAY),
                new RtcpReceiver(ownSsrc, "gscam@" + file.getFileName(), r.info().clockRate()), runtime.clock(), owner);
        return TrackUdpPorts.bindExactly(runtime, loop, r.rtpPort(), r.rtcpPort(),
                (data, sender) -> {
                    if (state == PlaybackState.PLAYING || state == PlaybackState.SETUP) {
                        media.onRtp(track, data);
                    }
                },
                (data, sender) -> {
                    // Receiver reports go back to where the sender's RTCP came from; a sender that sends none gets none.
                    media.rtcpDestination(track, sender);
                    media.onRtcp(track, data);
                }).thenAccept(pair -> {
                    if (state == PlaybackState.CLOSED) {
                        pair.close();
                        return;
                    }
                    media.addUdp(track, pair);
                });
    }

    private StreamInfo playing() {
        if (state == PlaybackState.CLOSED) {
            throw new java.util.concurrent.CompletionException(new CameraException(Kind.CONNECTION_LOST, "closed while starting"));
        }
        state = PlaybackState.PLAYING;
        media.startTicking(loop);
        List<TrackInfo> infos = new ArrayList<>(described);
        for (MediaTrack t : media.tracks()) {
            infos.set(t.info().index(), t.info());
        }
        log.debug("{}: receiving {} track(s) on UDP", file, media.tracks().size());
        return new StreamInfo(options.url().requestUrl(), tool, "", Duration.ZERO, Transport.UDP, infos);
    }

    private void lost(CameraException cause) {
        if (state != PlaybackState.PLAYING) {
            return;
        }
        close(false);
        owner.onPlaybackLost(this, cause);
    }

    /** Closes the sockets; RTP over UDP has nobody to say goodbye to ({@code goodbye} is ignored). */
    @Override
    public void close(boolean goodbye) {
        if (state == PlaybackState.CLOSED) {
            return;
        }
        media.close();
        state = PlaybackState.CLOSED;
    }
}
