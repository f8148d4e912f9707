package io.gscam.media.container;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * Where a container writer's bytes go: a file channel (seekable, so sizes can be patched in place
 * after the fact) or any output stream (append only). Writes to a channel go straight to the OS;
 * a stream is buffered and flushed at every {@link #flush}.
 */
final class ContainerOutput implements AutoCloseable {
    private final FileChannel channel;
    private final OutputStream stream;
    private final boolean closeUnderlying;
    private long position;

    private ContainerOutput(FileChannel channel, OutputStream stream, boolean closeUnderlying) throws IOException {
        this.channel = channel;
        this.stream = stream;
        this.closeUnderlying = closeUnderlying;
        this.position = channel != null ? channel.position() : 0;
    }

    static ContainerOutput of(FileChannel channel, boolean closeUnderlying) throws IOException {
        return new ContainerOutput(Objects.requireNonNull(channel, "channel"), null, closeUnderlying);
    }

    static ContainerOutput of(OutputStream stream, boolean closeUnderlying) throws IOException {
        return new ContainerOutput(null, new BufferedOutputStream(Objects.requireNonNull(stream, "stream"), 1 << 16),
                closeUnderlying);
    }

    boolean seekable() {
        return channel != null;
    }

    /** Bytes written so far (plus the channel's position at start). */
    long position() {
        return position;
    }

    void write(byte[] bytes, int off, int len) throws IOException {
        if (channel != null) {
            ByteBuffer buf = ByteBuffer.wrap(bytes, off, len);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } else {
            stream.write(bytes, off, len);
        }
        position += len;
    }

    /**
     * Writes {@code head[0..headLength)} and then all of {@code body}, without joining them first: one
     * gathering write on a channel, two copies into the buffer on a stream.
     */
    void write(byte[] head, int headLength, byte[] body) throws IOException {
        if (channel != null) {
            ByteBuffer[] buffers = {ByteBuffer.wrap(head, 0, headLength), ByteBuffer.wrap(body)};
            while (buffers[0].hasRemaining() || buffers[1].hasRemaining()) {
                channel.write(buffers);
            }
        } else {
            stream.write(head, 0, headLength);
            stream.write(body, 0, body.length);
        }
        position += headLength + body.length;
    }

    void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    /** Overwrites bytes already written, at an absolute position; only on a seekable output. */
    void patch(long at, byte[] bytes) throws IOException {
        if (channel == null) {
            throw new IllegalStateException("output is not seekable");
        }
        if (at < 0 || at + bytes.length > position) {
            throw new IllegalArgumentException("patch at " + at + " outside the written " + position + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        long p = at;
        while (buf.hasRemaining()) {
            p += channel.write(buf, p);
        }
    }

    void flush(boolean sync) throws IOException {
        if (stream != null) {
            stream.flush();
        }
        if (sync && channel != null) {
            channel.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        if (stream != null) {
            stream.flush();
            if (closeUnderlying) {
                stream.close();
            }
        } else if (closeUnderlying) {
            channel.close();
        }
    }
}
