package io.gscam.nvr.web;

import io.gscam.client.CameraListener;
import io.gscam.client.StreamInfo;
import io.gscam.client.VideoFrame;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;

import java.nio.charset.StandardCharsets;

/**
 * One viewer of an MJPEG camera: each JPEG as a part of a multipart/x-mixed-replace answer, its
 * capture time in {@code X-Timestamp} (as the {@code prft} of {@link LiveStream}). Every JPEG
 * stands alone, so a viewer whose socket is above its high-water mark simply misses frames.
 */
final class MjpegStream implements CameraListener {
    static final String BOUNDARY = "gscamframe";

    private final Channel channel;
    private int videoIndex = -1;

    MjpegStream(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void onStreamInfo(StreamInfo info) {
        videoIndex = LiveView.isMjpeg(info) ? info.video().orElseThrow().index() : -1;
    }

    @Override
    public void onVideo(VideoFrame f) {
        if (f.trackIndex() != videoIndex) {
            return;
        }
        if (!channel.isActive() || !channel.isWritable()) {
            return;
        }
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + f.data().length
                + "\r\nX-Timestamp: " + f.captureTime().orElse(f.receivedAt()).toEpochMilli() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(head, f.data(), "\r\n".getBytes(StandardCharsets.US_ASCII))));
    }
}
