package io.gscam.camera.source;


import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: decodes a raw H.264 file with ffmpeg and reports frames decoded and what ffmpeg complained about. */
record FfmpegDecode(int frames, String errors) {
    private static final Pattern FRAMES = Pattern.compile("nb_read_frames=(\\d+)");

    static FfmpegDecode of(Path h264) throws IOException, InterruptedException {
        Path dir = h264.toAbsolutePath().getParent();
        FfmpegTool.Result decode = FfmpegTool.run(dir, "ffmpeg", "-nostdin", "-v", "error", "-f", "h264",
                "-i", h264.toString(), "-f", "null", "-");
        FfmpegTool.Result probe = FfmpegTool.run(dir, "ffprobe", "-v", "error", "-f", "h264", "-count_frames",
                "-show_entries", "stream=nb_read_frames", "-of", "default=nw=1", h264.toString());
        Matcher m = FRAMES.matcher(probe.stdout() + probe.stderr());
        return new FfmpegDecode(m.find() ? Integer.parseInt(m.group(1)) : -1, decode.stderr().trim());
    }
}
