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
 *
 * <p>A channel opened with {@code O_DIRECT} ({@link #direct}) takes whole blocks from an aligned
 * buffer at block-aligned offsets, so each write goes out as the blocks it touches: the written
 * bytes, then zeros to the end of their last block. That last, partial block stays in the buffer and
 * is written again, with what follows, by the next write; a sync cuts the file back to the bytes
 * written ({@link #position}). Append only: no {@link #patch}. The point: no copy into the page cache,
 * which costs the writing thread more than the bytes are worth when many processes write at once.
 */
final class ContainerOutput implements AutoCloseable {
    private final FileChannel channel;
    private final OutputStream stream;
    private final boolean closeUnderlying;
    private long position;
    /** O_DIRECT's block size, 0 otherwise. */
    private final int blockSize;
    /** O_DIRECT: the bytes from {@link #stagedAt} (a block boundary) to {@link #position}; aligned. */
    private ByteBuffer stage;
    private long stagedAt;

    private ContainerOutput(FileChannel channel, OutputStream stream, boolean closeUnderlying, int blockSize)
            throws IOException {
        this.channel = channel;
        this.stream = stream;
        this.closeUnderlying = closeUnderlying;
        this.position = channel != null ? channel.position() : 0;
        this.blockSize = blockSize;
        if (blockSize > 0) {
            if (Integer.bitCount(blockSize) != 1 || position % blockSize != 0) {
                throw new IllegalArgumentException("block size " + blockSize + " at position " + position);
            }
            stage = aligned(16 * blockSize);
            stagedAt = position;
        }
    }

    /**
     * An output on {@code channel}, opened with {@code ExtendedOpenOption.DIRECT}, whose file system
     * takes blocks of {@code blockSize} bytes (a power of two); the channel is closed at close.
     */
    static ContainerOutput direct(FileChannel channel, int blockSize) throws IOException {
        return new ContainerOutput(Objects.requireNonNull(channel, "channel"), null, true, blockSize);
    }

    static ContainerOutput of(FileChannel channel, boolean closeUnderlying) throws IOException {
        return new ContainerOutput(Objects.requireNonNull(channel, "channel"), null, closeUnderlying, 0);
    }

    static ContainerOutput of(OutputStream stream, boolean closeUnderlying) throws IOException {
        return new ContainerOutput(null, new BufferedOutputStream(Objects.requireNonNull(stream, "stream"), 1 << 16),
                closeUnderlying, 0);
    }

    boolean seekable() {
        return channel != null;
    }

    /** Bytes written so far (plus the channel's position at start). */
    long position() {
        return position;
    }

    void write(byte[] bytes, int off, int len) throws IOException {
        if (blockSize > 0) {
            writeDirect(bytes, off, len); // counts them
            return;
        }
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
        if (blockSize > 0) {
            stage(head, 0, headLength);
            writeDirect(body, 0, body.length); // both counted
            return;
        }
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

    /** O_DIRECT: the bytes after the staged ones, then every block they touch out at once. */
    private void writeDirect(byte[] bytes, int off, int len) throws IOException {
        stage(bytes, off, len);
        int end = stage.position();
        int padded = (end + blockSize - 1) & -blockSize;
        for (int i = end; i < padded; i++) {
            stage.put(i, (byte) 0);
        }
        ByteBuffer out = stage.duplicate().position(0).limit(padded);
        long at = stagedAt;
        while (out.hasRemaining()) {
            at += channel.write(out, at);
        }
        // Keep the partial last block (it is written again with what follows); the whole ones are done.
        int whole = end & -blockSize;
        ByteBuffer tail = stage.duplicate().position(whole).limit(end);
        stage.clear();
        stage.put(tail);
        stagedAt += whole;
    }

    /** Appends to the stage (growing it, aligned) and counts the bytes as written. */
    private void stage(byte[] bytes, int off, int len) {
        Objects.checkFromIndexSize(off, len, bytes.length);
        if (stage.remaining() < len + blockSize) {
            long wanted = Math.max(2L * stage.capacity(), (long) stage.position() + len + blockSize);
            ByteBuffer bigger = aligned((int) Math.min(Integer.MAX_VALUE - 2L * blockSize, wanted));
            stage.flip();
            bigger.put(stage);
            stage = bigger;
        }
        stage.put(bytes, off, len);
        position += len;
    }

    /** An aligned buffer of at least {@code capacity} bytes, rounded up to whole blocks. */
    private ByteBuffer aligned(int capacity) {
        int blocks = (capacity + blockSize - 1) & -blockSize;
        return ByteBuffer.allocateDirect(blocks + blockSize).alignedSlice(blockSize);
    }

    /** Overwrites bytes already written, at an absolute position; only on a seekable output. */
    void patch(long at, byte[] bytes) throws IOException {
        if (channel == null || blockSize > 0) {
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
        if (sync && blockSize > 0) {
            channel.truncate(position); // the zeros after the last byte go before the sync
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
            try {
                if (blockSize > 0 && channel.isOpen()) {
                    channel.truncate(position);
                }
            } finally {
                channel.close();
            }
        }
    }
}
