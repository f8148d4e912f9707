package io.gscam.nvr.web;

import io.gscam.client.CameraListener;
import io.gscam.client.VideoFrame;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;

import java.nio.charset.StandardCharsets;

/**
 * One viewer of an MJPEG camera: each JPEG as a part of a multipart/x-mixed-replace answer. Every
 * JPEG stands alone, so a viewer whose socket is above its high-water mark simply misses frames.
 */
final class MjpegStream implements CameraListener {
    static final String BOUNDARY = "gscamframe";

    private final Channel channel;

    MjpegStream(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void onVideo(VideoFrame f) {
        if (!"JPEG".equalsIgnoreCase(f.codec()) && !"MJPEG".equalsIgnoreCase(f.codec())) {
            return;
        }
        if (!channel.isActive() || !channel.isWritable()) {
            return;
        }
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + f.data().length
                + "\r\nX-Timestamp: " + f.receivedAt().toEpochMilli() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(head, f.data(), "\r\n".getBytes(StandardCharsets.US_ASCII))));
    }
}
