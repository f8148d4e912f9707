package io.gscam.camera.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The camera's built-in H.264 test loops: for each channel 0..7, ten seconds of a moving test
 * pattern that shows "CH n", encoded once with libx264 at the stream's exact size, rate and bit rate
 * by {@code scripts/make-test-loops.sh} and shipped as resources (raw Annex-B plus a properties
 * sidecar). Channels 0-3: 704x480, 30 fps, 1024 kbit/s; 4-7: 352x240, 15 fps, 256 kbit/s; IDR
 * with SPS and PPS every second.
 */
public final class BuiltInLoops {
    public static final int CHANNELS = 8;

    private BuiltInLoops() {
    }

    /** The loop of {@code channel} (0..7), read from the resources. */
    public static Clip clip(int channel) {
        if (channel < 0 || channel >= CHANNELS) {
            throw new IllegalArgumentException("no built-in loop for channel " + channel + " (0.." + (CHANNELS - 1) + ")");
        }
        String base = "loop-ch" + channel;
        Properties p = new Properties();
        byte[] stream;
        try (InputStream props = open(base + ".properties"); InputStream h264 = open(base + ".h264")) {
            p.load(props);
            stream = h264.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading built-in loop " + base, e);
        }
        Clip clip = H264Clips.fromAnnexB(stream, intProperty(p, "width"), intProperty(p, "height"),
                FrameRate.of(intProperty(p, "fps")), intProperty(p, "kbps"));
        if (clip.size() != intProperty(p, "frames")) {
            throw new IllegalStateException(base + " holds " + clip.size() + " access units, its sidecar says " + p.getProperty("frames"));
        }
        return clip;
    }

    /** A fresh looping source of {@code channel}'s loop. */
    public static LoopingSource source(int channel) {
        return new LoopingSource(clip(channel));
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = BuiltInLoops.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("resource " + name + " missing from the gscam-camera jar");
        }
        return in;
    }

    private static int intProperty(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("built-in loop sidecar lacks " + key);
        }
        return Integer.parseInt(v.trim());
    }
}
