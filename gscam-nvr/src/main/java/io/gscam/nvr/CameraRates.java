package io.gscam.nvr;

/** Frames and bits per second of one camera over the last housekeeping interval. */
final class CameraRates {
    private long lastFrames;
    private long lastBytes;
    private long lastNanos;
    private volatile double fps;
    private volatile double kbps;

    synchronized void sample(long frames, long bytes, long nanos) {
        if (lastNanos != 0 && nanos > lastNanos) {
            double seconds = (nanos - lastNanos) / 1e9;
            fps = (frames - lastFrames) / seconds;
            kbps = (bytes - lastBytes) * 8 / 1000.0 / seconds;
        }
        lastFrames = frames;
        lastBytes = bytes;
        lastNanos = nanos;
    }

    double fps() {
        return fps;
    }

    double kbps() {
        return kbps;
    }
}
