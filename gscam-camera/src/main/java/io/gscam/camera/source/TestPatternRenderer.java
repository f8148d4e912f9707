package io.gscam.camera.source;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * Draws the live test pattern of one channel with Java2D: colour bars, a bar that sweeps across the
 * picture once every two seconds of frames, a bouncing square, the channel number large in the
 * middle, and the wall-clock time (UTC, milliseconds) with the frame number, so a viewer sees both
 * motion and latency. Output as baseline JPEG (JFIF, YCbCr 4:2:0, the standard Huffman tables, as
 * RFC 2435 type 1 wants) or as raw BGR24 for an external encoder.
 *
 * <p>Thread safe: calls are serialised, since the picture buffer and the JPEG writer are reused.
 * Width and height must be multiples of 16, whole 4:2:0 MCUs, as RTP/JPEG requires.
 */
public final class TestPatternRenderer implements AutoCloseable {
    private static final Color[] BARS = {
            new Color(192, 192, 192), new Color(192, 192, 0), new Color(0, 192, 192), new Color(0, 192, 0),
            new Color(192, 0, 192), new Color(192, 0, 0), new Color(0, 0, 192)};
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final int channel;
    private final int width;
    private final int height;
    private final FrameRate frameRate;
    private final float quality;
    private final BufferedImage image;
    private final Font channelFont;
    private final Font clockFont;
    private final ImageWriter jpegWriter;
    private final ImageWriteParam jpegParam;

    /**
     * @param quality JPEG quality 0.0..1.0 (ImageIO's scale; 0.75 is its default)
     */
    public TestPatternRenderer(int channel, int width, int height, FrameRate frameRate, float quality) {
        if (width <= 0 || height <= 0 || width % 16 != 0 || height % 16 != 0 || width > 2040 || height > 2040) {
            throw new IllegalArgumentException("picture " + width + "x" + height + " must be multiples of 16, at most 2040");
        }
        if (!(quality > 0f && quality <= 1f)) {
            throw new IllegalArgumentException("JPEG quality " + quality + " not in (0, 1]");
        }
        this.channel = channel;
        this.width = width;
        this.height = height;
        this.frameRate = frameRate;
        this.quality = quality;
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.channelFont = new Font(Font.SANS_SERIF, Font.BOLD, height / 5);
        this.clockFont = new Font(Font.MONOSPACED, Font.BOLD, Math.max(10, height / 20));
        this.jpegWriter = ImageIO.getImageWritersByFormatName("jpeg").next();
        this.jpegParam = jpegWriter.getDefaultWriteParam();
        jpegParam.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        jpegParam.setCompressionQuality(quality);
        jpegParam.setProgressiveMode(ImageWriteParam.MODE_DISABLED);
    }

    public TestPatternRenderer(int channel, int width, int height, FrameRate frameRate) {
        this(channel, width, height, frameRate, 0.75f);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public float quality() {
        return quality;
    }

    /** Frame {@code frameIndex} showing {@code wallClock}, as a baseline 4:2:0 JPEG. */
    public synchronized byte[] renderJpeg(long frameIndex, Instant wallClock) {
        draw(frameIndex, wallClock);
        ByteArrayOutputStream out = new ByteArrayOutputStream(width * height / 8);
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            jpegWriter.setOutput(ios);
            jpegWriter.write(null, new IIOImage(image, null, null), jpegParam);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding to memory failed", e);
        } finally {
            jpegWriter.setOutput(null);
        }
        return out.toByteArray();
    }

    /** Frame {@code frameIndex} showing {@code wallClock}, as packed BGR24 rows (ffmpeg's {@code bgr24}). */
    public synchronized byte[] renderBgr24(long frameIndex, Instant wallClock) {
        draw(frameIndex, wallClock);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        return Arrays.copyOf(pixels, pixels.length);
    }

    @Override
    public synchronized void close() {
        jpegWriter.dispose();
    }

    private void draw(long frameIndex, Instant wallClock) {
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int barWidth = (width + BARS.length - 1) / BARS.length;
            for (int i = 0; i < BARS.length; i++) {
                g.setColor(BARS[i]);
                g.fillRect(i * barWidth, 0, barWidth, height);
            }
            // Motion tied to the frame number, so it is smooth whatever the wall clock does.
            int period = Math.max(2, frameRate.rounded() * 2);
            int phase = (int) Math.floorMod(frameIndex, (long) period);
            int sweepX = phase * width / period;
            g.setColor(Color.WHITE);
            g.fillRect(sweepX, 0, Math.max(4, width / 64), height);
            int side = height / 6;
            int bounce = (int) Math.floorMod(frameIndex * 4, 2L * (width - side));
            int squareX = bounce < width - side ? bounce : 2 * (width - side) - bounce;
            g.setColor(Color.BLACK);
            g.fillRect(squareX, height - side - height / 10, side, side);

            String label = "CH " + channel;
            g.setFont(channelFont);
            FontMetrics fm = g.getFontMetrics();
            int tx = (width - fm.stringWidth(label)) / 2;
            int ty = (height - fm.getHeight()) / 2 + fm.getAscent();
            g.setColor(new Color(0, 0, 0, 160));
            g.fillRect(tx - 12, ty - fm.getAscent() - 6, fm.stringWidth(label) + 24, fm.getHeight() + 12);
            g.setColor(Color.WHITE);
            g.drawString(label, tx, ty);

            String clock = CLOCK.format(wallClock) + "  #" + frameIndex;
            g.setFont(clockFont);
            fm = g.getFontMetrics();
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, Math.min(width, fm.stringWidth(clock) + 16), fm.getHeight() + 8);
            g.setColor(Color.YELLOW);
            g.drawString(clock, 8, 4 + fm.getAscent());
            g.setStroke(new BasicStroke(2));
            g.setColor(Color.WHITE);
            g.drawRect(1, 1, width - 3, height - 3);
        } finally {
            g.dispose();
        }
    }
}
