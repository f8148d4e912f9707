package io.gscam.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ffmpeg and ffprobe as judges of what we write and serve: stream fields, packets, decode errors. */
public final class Ffmpeg {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private Ffmpeg() {
    }

    /** Skips the calling test unless ffmpeg and ffprobe run. */
    public static void assumeInstalled() {
        Peers.assumeInstalled("ffmpeg", "ffprobe");
    }

    /** Runs {@code ffmpeg -nostdin -v error -y ARGS} in {@code dir}; fails the test unless it succeeds. */
    public static PeerResult ffmpeg(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        cmd.addAll(List.of(args));
        return Peers.run(TIMEOUT, dir, cmd).requireSuccess("ffmpeg");
    }

    /** {@code ffprobe -show_streams -count_frames} of a file or URL, one key=value map per stream. */
    public static List<Map<String, String>> streams(String input) {
        PeerResult r = Peers.run(TIMEOUT, List.of("ffprobe", "-v", "error", "-count_frames", "-show_streams", input))
                .requireSuccess("ffprobe " + input);
        return sections(r.stdout(), "[STREAM]", "[/STREAM]");
    }

    public static List<Map<String, String>> streams(Path file) {
        return streams(file.toString());
    }

    /** {@code ffprobe -show_packets} of one stream, one key=value map per packet. */
    public static List<Map<String, String>> packets(Path file, int stream) {
        PeerResult r = Peers.run(TIMEOUT, List.of("ffprobe", "-v", "error", "-select_streams", String.valueOf(stream),
                "-show_packets", file.toString())).requireSuccess("ffprobe " + file);
        return sections(r.stdout(), "[PACKET]", "[/PACKET]");
    }

    /** The codec names of every stream, in order. */
    public static List<String> codecs(Path file) {
        return streams(file).stream().map(s -> s.get("codec_name")).toList();
    }

    /** The first video stream's fields (codec_name, width, height, nb_read_frames, ...). */
    public static Map<String, String> videoStream(Path file) {
        return streams(file).stream().filter(s -> "video".equals(s.get("codec_type"))).findFirst()
                .orElseThrow(() -> new AssertionError("no video stream in " + file));
    }

    /**
     * What {@code ffprobe -rtsp_transport TRANSPORT -show_entries ENTRIES -of compact [EXTRA] URL}
     * prints of an RTSP stream; fails the test unless ffprobe exits 0 with nothing on stderr.
     */
    public static String probeRtsp(String url, String transport, String entries, String... extra) {
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error", "-rtsp_transport", transport,
                "-show_entries", entries, "-of", "compact"));
        cmd.addAll(List.of(extra));
        cmd.add(url);
        return requireClean("ffprobe " + url, Peers.run(Duration.ofSeconds(60), cmd)).stdout();
    }

    /**
     * How many video frames ffmpeg decodes from the first {@code seconds} of an RTSP stream (its
     * framecrc lines); fails the test unless ffmpeg exits 0 with nothing on stderr.
     */
    public static long decodedRtspFrames(String url, String transport, int seconds) {
        PeerResult r = Peers.run(Duration.ofSeconds(90), List.of("ffmpeg", "-nostdin", "-v", "error",
                "-rtsp_transport", transport, "-i", url, "-t", Integer.toString(seconds), "-map", "0:v",
                "-f", "framecrc", "-"));
        return requireClean("ffmpeg " + url, r).stdout().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
    }

    private static PeerResult requireClean(String what, PeerResult r) {
        r.requireSuccess(what);
        if (!r.stderr().isEmpty()) {
            throw new AssertionError(what + " printed errors: " + r.stderr());
        }
        return r;
    }

    /** What {@code ffmpeg -v error -i FILE -f null -} prints: empty when the input decodes cleanly. */
    public static String decodeErrors(String input) {
        PeerResult r = Peers.run(TIMEOUT, List.of("ffmpeg", "-nostdin", "-v", "error", "-i", input, "-f", "null", "-"));
        return (r.stderr() + (r.exit() != 0 ? "exit " + r.exit() : "")).trim();
    }

    public static String decodeErrors(Path file) {
        return decodeErrors(file.toString());
    }

    /** ffmpeg's decode of {@code input} as 16-bit little-endian PCM samples; fails the test unless ffmpeg succeeds. */
    public static short[] pcm16(Path input) {
        byte[] bytes = Peers.run(TIMEOUT, List.of("ffmpeg", "-nostdin", "-v", "error", "-i", input.toString(),
                "-f", "s16le", "-")).requireSuccess("ffmpeg decoding " + input).stdoutBytes();
        short[] out = new short[bytes.length / 2];
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    /** Frames ffprobe counts in a raw elementary stream ({@code -1}: none reported) and what ffmpeg said decoding it. */
    public record Decoded(int frames, String errors) {
    }

    /** Decodes a raw elementary stream of {@code format} (e.g. {@code h264}): frames counted and decode errors. */
    public static Decoded decodeRaw(Path file, String format) {
        String input = file.toAbsolutePath().toString();
        PeerResult decode = Peers.run(TIMEOUT, List.of("ffmpeg", "-nostdin", "-v", "error", "-f", format,
                "-i", input, "-f", "null", "-"));
        PeerResult probe = Peers.run(TIMEOUT, List.of("ffprobe", "-v", "error", "-f", format, "-count_frames",
                "-show_entries", "stream=nb_read_frames", "-of", "default=nw=1", input));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("nb_read_frames=(\\d+)")
                .matcher(probe.stdout() + probe.stderr());
        return new Decoded(m.find() ? Integer.parseInt(m.group(1)) : -1, decode.stderr().trim());
    }

    private static List<Map<String, String>> sections(String text, String open, String close) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = null;
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.equals(open)) {
                current = new LinkedHashMap<>();
            } else if (line.equals(close) && current != null) {
                out.add(current);
                current = null;
            } else if (current != null && line.indexOf('=') > 0) {
                int eq = line.indexOf('=');
                current.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }
}
