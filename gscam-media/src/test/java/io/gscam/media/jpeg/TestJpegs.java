package io.gscam.media.jpeg;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** JPEG frames made with javax.imageio for the tests: chosen size, sampling, restart interval, quality. */
final class TestJpegs {
    private TestJpegs() {
    }

    static BufferedImage pattern(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int y = 0; y < height; y += 8) {
            for (int x = 0; x < width; x += 8) {
                g.setColor(new Color((x * 7 + seed * 31) & 0xFF, (y * 5 + seed) & 0xFF, ((x ^ y) + seed * 3) & 0xFF));
                g.fillRect(x, y, 8, 8);
            }
        }
        g.setColor(Color.WHITE);
        g.drawString("gscam " + seed, 10, height / 2);
        g.dispose();
        return image;
    }

    /**
     * @param lumaSampling 0x22 (4:2:0), 0x21 (4:2:2) or 0x11 (4:4:4)
     * @param restartInterval 0 for none
     */
    static byte[] jpeg(BufferedImage image, int lumaSampling, int restartInterval, float quality, boolean progressive)
            throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
        String format = "javax_imageio_jpeg_image_1.0";
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        NodeList components = root.getElementsByTagName("componentSpec");
        for (int i = 0; i < components.getLength(); i++) {
            Element c = (Element) components.item(i);
            int h = i == 0 ? lumaSampling >> 4 : 1;
            int v = i == 0 ? lumaSampling & 0xF : 1;
            c.setAttribute("HsamplingFactor", Integer.toString(h));
            c.setAttribute("VsamplingFactor", Integer.toString(v));
        }
        if (restartInterval > 0) {
            IIOMetadataNode dri = new IIOMetadataNode("dri");
            dri.setAttribute("interval", Integer.toString(restartInterval));
            IIOMetadataNode sequence = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
            sequence.insertBefore(dri, sequence.getFirstChild());
        }
        metadata.setFromTree(format, root);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static BufferedImage decode(byte[] jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        if (image == null) {
            throw new IOException("ImageIO could not decode the image");
        }
        return image;
    }
}
