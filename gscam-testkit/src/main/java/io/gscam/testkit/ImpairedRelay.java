package io.gscam.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bad network and a misbehaving camera between an RTSP client and a real camera, all on
 * 127.0.0.1 (this kernel has no netem): an RTSP proxy that passes the control connection through
 * and relays each UDP track through a port pair of its own, rewriting {@code client_port} in the
 * SETUP request and back in its answer. On the way it can
 * <ul>
 *   <li>drop, reorder (hold a datagram back behind the next 1 to 3) and duplicate RTP datagrams,
 *       drawn from a seeded {@link Random} ({@link Impairment});</li>
 *   <li>stop forwarding media while every connection stays open ({@link #stall});</li>
 *   <li>shift RTP timestamps and RTCP sender-report NTP times by a duration ({@link #jumpClock});</li>
 *   <li>send garbage down the media path: datagrams to the client's RTP ports, or bytes between two
 *       interleaved frames of a TCP session ({@link #injectGarbage}).</li>
 * </ul>
 * Interleaved ({@code $}) frames over TCP are relayed in order and never dropped: TCP does not lose.
 * Every RTP datagram the camera sent over UDP is kept in {@link #log()} with how many copies went on.
 * Blocking sockets on daemon threads: a test peer, not production code.
 */
public final class ImpairedRelay implements AutoCloseable {
    private static final Pattern CLIENT_PORT = Pattern.compile("client_port=(\\d+)-(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern RTPMAP = Pattern.compile("a=rtpmap:(\\d+) [^/\\s]+/(\\d+)");
    private static final long MAX_HOLD_NANOS = Duration.ofMillis(30).toNanos();
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

    /**
     * What happens to RTP datagrams over UDP, each drawn independently from {@code seed}.
     *
     * @param loss      probability that a datagram is dropped
     * @param reorder   probability that a datagram is held back behind the next 1 to 3 (30 ms at most,
     *                  as a network reorders in time: a stream that pauses does not hold it longer)
     * @param duplicate probability that a datagram is sent twice
     */
    public record Impairment(double loss, double reorder, double duplicate, long seed) {
        public static Impairment none() {
            return new Impairment(0, 0, 0, 0);
        }
    }

    /**
     * One RTP datagram the camera sent over UDP.
     *
     * @param clientPort  the client's RTP port it was for (one per track)
     * @param sequence    RTP sequence number
     * @param timestamp   RTP timestamp as the camera sent it (before any {@link #jumpClock})
     * @param marker      RTP marker bit
     * @param payloadType RTP payload type
     * @param payloadHead the first two payload bytes (0 when shorter), e.g. an H.264 NAL header
     * @param copies      how many copies went to the client: 0 dropped, 2 duplicated
     * @param at          when it reached the relay
     */
    public record RtpRecord(int clientPort, int sequence, long timestamp, boolean marker, int payloadType,
                            int payloadHead, int copies, Instant at) {
    }

    private final InetSocketAddress camera;
    private final ServerSocket server;
    private final List<Closeable> open = new CopyOnWriteArrayList<>();
    private final List<RtpRecord> log = new CopyOnWriteArrayList<>();
    private final List<UdpPair> pairs = new CopyOnWriteArrayList<>();
    /** Clock rate per RTP payload type, from the SDP answers seen. */
    private final Map<Integer, Integer> clockRates = new ConcurrentHashMap<>();
    /** Pieces of garbage still to send, each {@link #garbageBytes} long. */
    private final java.util.concurrent.atomic.AtomicInteger garbagePieces = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Impairment impairment;
    private volatile boolean stalled;
    private volatile Duration clockJump = Duration.ZERO;
    private volatile int garbageBytes;
    private final Random garbage = new Random(7);
    private volatile boolean closed;

    private ImpairedRelay(InetSocketAddress camera, Impairment impairment) throws IOException {
        this.camera = camera;
        this.impairment = impairment;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        open.add(server);
        daemon("relay-accept", this::accept);
    }

    /** A relay to the camera's RTSP port on 127.0.0.1. */
    public static ImpairedRelay start(int cameraRtspPort, Impairment impairment) throws IOException {
        return new ImpairedRelay(new InetSocketAddress(InetAddress.getLoopbackAddress(), cameraRtspPort), impairment);
    }

    /** The port clients connect to instead of the camera's. */
    public int port() {
        return server.getLocalPort();
    }

    public void impairment(Impairment i) {
        this.impairment = i;
    }

    /** While true, no media reaches the client (UDP datagrams and interleaved frames are swallowed). */
    public void stall(boolean stall) {
        this.stalled = stall;
    }

    /** From now on RTP timestamps (at each payload type's clock rate) and sender-report NTP times run {@code by} apart. */
    public void jumpClock(Duration by) {
        this.clockJump = by;
    }

    /**
     * Sends {@code pieces} pieces of {@code bytes} random bytes down the media path, one with each
     * media packet from now on: over UDP as datagrams to the client's RTP port, over TCP between two
     * interleaved frames.
     */
    public void injectGarbage(int pieces, int bytes) {
        this.garbageBytes = bytes;
        this.garbagePieces.set(pieces);
    }

    /** Pieces of garbage not sent yet. */
    public int garbagePending() {
        return garbagePieces.get();
    }

    /** The next piece of garbage to send, or null when none is due. */
    private byte[] takeGarbage() {
        if (garbagePieces.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
            return null;
        }
        byte[] junk = new byte[garbageBytes];
        synchronized (garbage) {
            garbage.nextBytes(junk);
        }
        return junk;
    }

    /** Every RTP datagram the camera sent over UDP so far, in arrival order. */
    public List<RtpRecord> log() {
        return List.copyOf(log);
    }

    public long dropped() {
        return log.stream().filter(r -> r.copies() == 0).count();
    }

    public long duplicated() {
        return log.stream().filter(r -> r.copies() > 1).count();
    }

    public long reordered() {
        return pairs.stream().mapToLong(p -> p.reordered).sum();
    }

    @Override
    public void close() {
        closed = true;
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    // ---- the control connections ----

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(camera, 5000);
                open.add(client);
                open.add(upstream);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                Connection c = new Connection(client, upstream);
                daemon("relay-up", () -> c.pump(client.getInputStream(), upstream.getOutputStream(), false));
                daemon("relay-down", () -> c.pump(upstream.getInputStream(), client.getOutputStream(), true));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** One client connection and its camera connection; each direction pumped by its own thread. */
    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        /** Relay port pair ("r1-r2") to the client's ("a-b"), for rewriting the SETUP answer. */
        private final Map<String, String> answerPorts = new ConcurrentHashMap<>();

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(InputStream rawIn, OutputStream out, boolean fromCamera) {
            try {
                DataInputStream in = new DataInputStream(new BufferedInputStream(rawIn, 65536));
                while (true) {
                    int first = in.read();
                    if (first < 0) {
                        break;
                    }
                    if (first == '$') {
                        int channel = in.readUnsignedByte();
                        int length = in.readUnsignedShort();
                        byte[] data = new byte[length];
                        in.readFully(data);
                        if (fromCamera) {
                            if (stalled) {
                                continue;
                            }
                            sendGarbageOnTcp(out);
                            shift(data, (channel & 1) == 1);
                        }
                        out.write(new byte[]{'$', (byte) channel, (byte) (length >> 8), (byte) length});
                        out.write(data);
                        out.flush();
                    } else {
                        out.write(message(first, in, fromCamera));
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // the other side went away: close both
            } finally {
                closeQuietly(client);
                closeQuietly(upstream);
            }
        }

        private void sendGarbageOnTcp(OutputStream out) throws IOException {
            byte[] junk = takeGarbage();
            if (junk != null) {
                out.write(junk);
            }
        }

        /** An RTSP message whose first byte is read: its header lines (Transport rewritten) and body. */
        private byte[] message(int first, DataInputStream in, boolean fromCamera) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.write(first);
            int prev = first;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException();
                }
                head.write(b);
                if (b == '\n' && (prev == '\n' || endsWithBlankLine(head))) {
                    break;
                }
                prev = b;
            }
            String header = head.toString(StandardCharsets.ISO_8859_1);
            Matcher length = CONTENT_LENGTH.matcher(header);
            byte[] body = new byte[length.find() ? Integer.parseInt(length.group(1)) : 0];
            in.readFully(body);
            if (fromCamera) {
                learnClockRates(new String(body, StandardCharsets.ISO_8859_1));
            }
            StringBuilder rewritten = new StringBuilder();
            for (String line : header.split("(?<=\n)")) {
                rewritten.append(line.regionMatches(true, 0, "Transport:", 0, 10) ? transport(line, fromCamera) : line);
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
            all.write(body);
            return all.toByteArray();
        }

        private static boolean endsWithBlankLine(ByteArrayOutputStream head) {
            byte[] b = head.toByteArray();
            int n = b.length;
            return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
        }

        private String transport(String line, boolean fromCamera) throws IOException {
            Matcher m = CLIENT_PORT.matcher(line);
            if (!m.find()) {
                return line;
            }
            if (fromCamera) {
                String clientPorts = answerPorts.get(m.group(1) + "-" + m.group(2));
                return clientPorts == null ? line : m.replaceFirst("client_port=" + clientPorts);
            }
            InetAddress clientHost = client.getInetAddress();
            UdpPair pair = new UdpPair(new InetSocketAddress(clientHost, Integer.parseInt(m.group(1))),
                    new InetSocketAddress(clientHost, Integer.parseInt(m.group(2))));
            pairs.add(pair);
            String relayPorts = pair.rtp.getLocalPort() + "-" + pair.rtcp.getLocalPort();
            answerPorts.put(relayPorts, m.group(1) + "-" + m.group(2));
            return m.replaceFirst("client_port=" + relayPorts);
        }
    }

    private void learnClockRates(String sdp) {
        Matcher m = RTPMAP.matcher(sdp);
        while (m.find()) {
            clockRates.put(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
    }

    /** Shifts an RTP packet's timestamp, or a sender report's NTP and RTP times, by the clock jump. */
    private void shift(byte[] data, boolean rtcp) {
        Duration by = clockJump;
        if (by.isZero() || data.length < 12) {
            return;
        }
        if (!rtcp) {
            int rate = clockRates.getOrDefault(data[1] & 0x7f, 8000);
            addU32(data, 4, by.toMillis() * rate / 1000);
        } else if ((data[1] & 0xff) == 200 && data.length >= 20) { // SR: NTP seconds at 8, RTP time at 16
            addU32(data, 8, by.toSeconds());
            // The SR's RTP time is in the clock of the sender's payload type, which it does not name:
            // take the video rate when the SDP has one, else 8000.
            int rate = clockRates.values().stream().mapToInt(Integer::intValue).max().orElse(8000);
            addU32(data, 16, by.toMillis() * rate / 1000);
        }
    }

    private static void addU32(byte[] b, int at, long add) {
        long v = ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
        v = (v + add) & 0xffffffffL;
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    // ---- the UDP tracks ----

    /** The relay's RTP and RTCP sockets for one track and where their datagrams go on. */
    private final class UdpPair {
        final DatagramSocket rtp;
        final DatagramSocket rtcp;
        final InetSocketAddress clientRtp;
        final InetSocketAddress clientRtcp;
        /** Datagrams held back: {data, datagrams still to go before it, copies, latest release (nanoTime)}. */
        private final List<Object[]> held = new ArrayList<>();
        private final Random random;
        volatile long reordered;

        UdpPair(InetSocketAddress clientRtp, InetSocketAddress clientRtcp) throws SocketException {
            this.clientRtp = clientRtp;
            this.clientRtcp = clientRtcp;
            this.random = new Random(impairment.seed() * 31 + pairs.size()); // the same draws each run, per track
            DatagramSocket[] sockets = consecutivePair();
            this.rtp = sockets[0];
            this.rtcp = sockets[1];
            open.add(rtp);
            open.add(rtcp);
            daemon("relay-rtp-" + clientRtp.getPort(), () -> relay(rtp, true));
            daemon("relay-rtcp-" + clientRtp.getPort(), () -> relay(rtcp, false));
        }

        private void relay(DatagramSocket socket, boolean isRtp) {
            byte[] buffer = new byte[65536];
            try {
                if (isRtp) {
                    socket.setSoTimeout(5);
                }
                while (!closed) {
                    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                    try {
                        socket.receive(p);
                    } catch (java.net.SocketTimeoutException idle) {
                        release(false);
                        continue;
                    }
                    byte[] data = java.util.Arrays.copyOf(p.getData(), p.getLength());
                    if (isRtp) {
                        onRtp(data);
                    } else if (!stalled) {
                        shift(data, true);
                        send(rtcp, data, clientRtcp);
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }

        private void onRtp(byte[] data) throws IOException {
            Impairment imp = impairment;
            int copies;
            boolean holdBack;
            synchronized (random) {
                copies = random.nextDouble() < imp.loss() ? 0 : random.nextDouble() < imp.duplicate() ? 2 : 1;
                holdBack = copies > 0 && random.nextDouble() < imp.reorder();
            }
            if (stalled) {
                copies = 0;
            }
            if (data.length >= 12) {
                int payload = 12 + 4 * (data[0] & 0x0f);
                if ((data[0] & 0x10) != 0 && data.length >= payload + 4) {
                    payload += 4 + 4 * (((data[payload + 2] & 0xff) << 8) | (data[payload + 3] & 0xff));
                }
                int headBytes = data.length >= payload + 2 ? ((data[payload] & 0xff) << 8) | (data[payload + 1] & 0xff) : 0;
                long ts = ((data[4] & 0xffL) << 24) | ((data[5] & 0xffL) << 16) | ((data[6] & 0xffL) << 8) | (data[7] & 0xffL);
                log.add(new RtpRecord(clientRtp.getPort(), ((data[2] & 0xff) << 8) | (data[3] & 0xff), ts,
                        (data[1] & 0x80) != 0, data[1] & 0x7f, headBytes, copies, Instant.now()));
            }
            byte[] junk = stalled ? null : takeGarbage();
            if (junk != null) {
                send(rtp, junk, clientRtp);
            }
            shift(data, false);
            List<byte[]> due = release(true);
            if (holdBack) {
                reordered++;
                int behind;
                synchronized (random) {
                    behind = 1 + random.nextInt(3);
                }
                held.add(new Object[]{data, behind, copies, System.nanoTime() + MAX_HOLD_NANOS});
            } else {
                for (int i = 0; i < copies; i++) {
                    send(rtp, data, clientRtp);
                }
            }
            for (byte[] d : due) {
                send(rtp, d, clientRtp);
            }
        }

        /**
         * Takes the held datagrams that are due: those whose count of datagrams to go ends with this
         * one ({@code counting}) or whose time is up. Sends them when not counting (the idle path);
         * returns them for the caller to send after the current datagram otherwise.
         */
        private List<byte[]> release(boolean counting) throws IOException {
            List<byte[]> due = new ArrayList<>();
            long now = System.nanoTime();
            for (Iterator<Object[]> it = held.iterator(); it.hasNext(); ) {
                Object[] h = it.next();
                int left = (Integer) h[1] - (counting ? 1 : 0);
                if (left <= 0 || now - (Long) h[3] >= 0) {
                    for (int i = 0; i < (Integer) h[2]; i++) {
                        due.add((byte[]) h[0]);
                    }
                    it.remove();
                } else {
                    h[1] = left;
                }
            }
            if (!counting) {
                for (byte[] d : due) {
                    send(rtp, d, clientRtp);
                }
            }
            return due;
        }

        private void send(DatagramSocket from, byte[] data, InetSocketAddress to) throws IOException {
            from.send(new DatagramPacket(data, data.length, to));
        }
    }

    /** Two UDP sockets on 127.0.0.1 with consecutive ports, RTP on the even one (as RTSP servers expect). */
    private static DatagramSocket[] consecutivePair() throws SocketException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int i = 0; i < 100; i++) {
            DatagramSocket a = new DatagramSocket(new InetSocketAddress(loopback, 0));
            int port = a.getLocalPort();
            if ((port & 1) != 0 || port >= 65534) {
                a.close();
                continue;
            }
            try {
                return new DatagramSocket[]{a, new DatagramSocket(new InetSocketAddress(loopback, port + 1))};
            } catch (SocketException taken) {
                a.close();
            }
        }
        throw new SocketException("no consecutive UDP port pair on 127.0.0.1");
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closing
        }
    }

    private interface Io {
        void run() throws IOException;
    }

    private static void daemon(String name, Io body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (IOException e) {
                // a relay thread ends with its socket
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ImpairedRelay{:%d -> %s, %s}", port(), camera, impairment);
    }
}
