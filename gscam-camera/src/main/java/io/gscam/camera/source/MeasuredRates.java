package io.gscam.camera.source;

/**
 * Rates measured from a file (frames over its length, bytes over its length) turned into the
 * values a track announces. A file has no nominal rate of its own, so the measured one is snapped
 * to the fraction a camera would have used.
 */
final class MeasuredRates {
    private MeasuredRates() {
    }

    /** A measured rate as a fraction: whole, NTSC-style n*1000/1001, or in thousandths. */
    static FrameRate frameRate(double fps) {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("frame rate " + fps);
        }
        long whole = Math.round(fps);
        if (whole >= 1 && Math.abs(fps - whole) < 0.01) {
            return FrameRate.of((int) whole);
        }
        long ntsc = Math.round(fps * 1.001);
        if (ntsc >= 1 && Math.abs(fps - ntsc / 1.001) < 0.001) {
            return new FrameRate((int) ntsc * 1000, 1001);
        }
        return new FrameRate((int) Math.max(1, Math.round(fps * 1000)), 1000);
    }

    /** The average bit rate in kbit/s, at least 1 for any data; 0 for no length. */
    static int kbps(long bytes, double seconds) {
        return seconds <= 0 ? 0 : (int) Math.max(1, Math.round(bytes * 8 / seconds / 1000));
    }
}
