package io.gscam.protocol.grandstream;

import io.gscam.protocol.ParseException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stream description a Grandstream camera puts in its DESCRIBE answer's Server header,
 * {@code 704*480*30*1024}: width, height, frames per second and kbit/s. The spec's note says
 * "height, width" but its value 704*480 is width first (704x480 is the NTSC D1 size, and the SPS
 * of the same answer says 704 wide), so gscam reads and writes width first.
 */
public record StreamInfo(int width, int height, int fps, int kbps) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,5})\\*(\\d{1,5})\\*(\\d{1,4})\\*(\\d{1,7})");

    public StreamInfo {
        if (width <= 0 || height <= 0 || fps <= 0 || kbps <= 0) {
            throw new IllegalArgumentException("stream info must be positive: " + width + "*" + height + "*" + fps + "*" + kbps);
        }
    }

    /** Parses {@code W*H*FPS*KBPS}. */
    public static StreamInfo parse(String token) throws ParseException {
        Matcher m = FORM.matcher(token);
        if (!m.matches()) {
            throw new ParseException("'" + token + "' is not width*height*fps*kbps", 0);
        }
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        int f = Integer.parseInt(m.group(3));
        int k = Integer.parseInt(m.group(4));
        if (w == 0 || h == 0 || f == 0 || k == 0) {
            throw new ParseException("'" + token + "' has a zero value", 0);
        }
        return new StreamInfo(w, h, f, k);
    }

    /** {@code W*H*FPS*KBPS}. */
    @Override
    public String toString() {
        return width + "*" + height + "*" + fps + "*" + kbps;
    }
}
