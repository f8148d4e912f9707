package io.gscam.cli.client;

import io.gscam.client.CameraUrl;
import picocli.CommandLine.Parameters;

/**
 * The {@code URL} argument of the commands that play media ({@code probe}, {@code record}): a camera
 * URL, or an SDP file of an RTP/UDP stream as ffmpeg takes one. A picocli mixin, so both commands
 * take and explain it alike.
 */
public final class UrlOrSdpFile {
    @Parameters(index = "0", paramLabel = "URL", description = {"rtsp://[user:password@]host[:port]/channel,",
            "or a local SDP file (stream.sdp, file:///path/stream.sdp) of an RTP/UDP stream, as ffmpeg -i stream.sdp"})
    String url;

    /** The argument parsed; a usage error (credentials redacted) when it is neither. */
    public CameraUrl parse() {
        return CameraFailures.parseUrlOrSdpFile(url);
    }
}
