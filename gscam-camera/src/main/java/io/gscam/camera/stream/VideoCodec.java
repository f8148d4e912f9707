package io.gscam.camera.stream;

import java.util.Locale;

/** The video codecs a channel can send ({@code --video CH=h264|mjpeg}). */
public enum VideoCodec {
    /** H.264, RFC 6184, dynamic payload type 96, FU-A. */
    H264,
    /** Motion JPEG, RFC 2435, payload type 26 {@code JPEG/90000}; every frame a keyframe. */
    MJPEG;

    /** The codec a command-line name stands for. */
    public static VideoCodec parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "h264", "h.264" -> H264;
            case "mjpeg", "mjpg", "jpeg" -> MJPEG;
            default -> throw new IllegalArgumentException("video codec " + name + " is not h264 or mjpeg");
        };
    }

    /** The command-line name. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
