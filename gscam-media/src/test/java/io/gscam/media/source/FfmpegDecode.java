package io.gscam.media.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: decodes a raw H.264 file with ffmpeg and reports frames decoded and what ffmpeg complained about. */
record FfmpegDecode(int frames, String errors) {
    private static final Pattern FRAMES = Pattern.compile("nb_read_frames=(\\d+)");

    static FfmpegDecode of(Path h264) throws IOException, InterruptedException {
        Process decode = new ProcessBuilder(List.of("ffmpeg", "-v", "error", "-f", "h264", "-i", h264.toString(), "-f", "null", "-"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String errors = new String(decode.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        decode.waitFor(60, TimeUnit.SECONDS);
        Process probe = new ProcessBuilder(List.of("ffprobe", "-v", "error", "-f", "h264", "-count_frames",
                "-show_entries", "stream=nb_read_frames", "-of", "default=nw=1", h264.toString()))
                .redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        probe.waitFor(60, TimeUnit.SECONDS);
        Matcher m = FRAMES.matcher(out);
        return new FfmpegDecode(m.find() ? Integer.parseInt(m.group(1)) : -1, errors);
    }

    static boolean available() {
        return FfmpegLiveH264Source.findFfmpeg().isPresent()
                && Files.isExecutable(FfmpegLiveH264Source.findFfmpeg().get().resolveSibling("ffprobe"));
    }
}
