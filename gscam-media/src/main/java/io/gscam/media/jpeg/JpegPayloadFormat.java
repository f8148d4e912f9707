package io.gscam.media.jpeg;

import io.gscam.media.container.Track;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.RtpPayloadReader;
import io.gscam.media.rtp.RtpPayloadWriter;
import io.gscam.media.rtp.SampleSink;
import io.gscam.media.rtp.StreamFormat;
import io.gscam.media.rtp.VideoPayloadFormat;

import java.util.Map;
import java.util.Optional;

/**
 * MJPEG over RTP (RFC 2435): encoding name {@code JPEG}, clock 90000, static payload type 26 or
 * a dynamic one with {@code a=rtpmap:<pt> JPEG/90000}. A sample is one complete JFIF image.
 */
public final class JpegPayloadFormat extends VideoPayloadFormat {
    public static final String ENCODING_NAME = "JPEG";
    public static final int STATIC_PAYLOAD_TYPE = 26;

    private final JpegPayloadWriter writer;

    /** Writers send at most {@link JpegPayloadWriter#DEFAULT_MAX_PAYLOAD_SIZE} bytes with in-band tables. */
    public JpegPayloadFormat() {
        this(JpegPayloadWriter.DEFAULT_MAX_PAYLOAD_SIZE, false);
    }

    /** See {@link JpegPayloadWriter#JpegPayloadWriter(int, boolean)}. */
    public JpegPayloadFormat(int maxPayloadSize, boolean preferStandardQ) {
        super(ENCODING_NAME);
        this.writer = new JpegPayloadWriter(maxPayloadSize, preferStandardQ);
    }

    /** The SDP format: {@code JPEG/90000} at {@code payloadType} (26, or a dynamic one). */
    public static MediaFormat mediaFormat(int payloadType) {
        return mediaFormat(payloadType, ENCODING_NAME, Map.of());
    }

    @Override
    public RtpPayloadReader newReader(MediaFormat format, SampleSink sink) {
        return new JpegPayloadReader(sink);
    }

    @Override
    public RtpPayloadWriter newWriter(MediaFormat format) {
        return writer; // stateless, so one serves every stream
    }

    /** Motion JPEG, each JFIF image a sample. */
    @Override
    public Optional<Track> containerTrack(MediaFormat format, StreamFormat stream) {
        return Optional.of(Track.mjpeg(stream.width(), stream.height()));
    }
}
