package io.gscam.media.container;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where a container writer's bytes go: a file channel (seekable, so sizes can be patched in place
 * after the fact) or any output stream (append only). Writes to a channel go straight to the OS;
 * a stream is buffered and flushed at every {@link #flush}.
 *
 * <p>A channel opened with {@code O_DIRECT} ({@link #direct}) takes whole blocks at block offsets
 * from an aligned buffer ({@link BlockBuffers}), so the bytes go to the device with no copy into the
 * page cache. A write sends every whole block it completes and keeps the rest (less than a block) to
 * go out with the next one; a {@link #flush} sends that rest too, padded with zeros to its block (which
 * the next write then writes again), and a sync or close cuts the file back to the bytes written. A
 * writer that ends each write on a block boundary ({@link #blockSize}) thus sends every byte once.
 * Append only: no {@link #patch}.
 */
final class ContainerOutput implements AutoCloseable {
    private final FileChannel channel;
    private final OutputStream stream;
    private final boolean closeUnderlying;
    private long position;
    /** O_DIRECT: where the buffers come from; null otherwise. */
    private final BlockBuffers blocks;
    /** O_DIRECT: the bytes after the last whole block sent, at most a block less one. */
    private final byte[] tail;
    private int tailLength;
    /** O_DIRECT: the file offset of {@link #tail}, a block boundary. */
    private long tailAt;
    /** O_DIRECT: the tail as it is went out (padded) and has not changed since. */
    private boolean tailSent;
    /** O_DIRECT: the file may end in zeros after {@link #position} (a flushed tail's padding). */
    private boolean padded;

    private ContainerOutput(FileChannel channel, OutputStream stream, boolean closeUnderlying, BlockBuffers blocks)
            throws IOException {
        this.channel = channel;
        this.stream = stream;
        this.closeUnderlying = closeUnderlying;
        this.position = channel != null ? channel.position() : 0;
        this.blocks = blocks;
        this.tail = blocks == null ? null : new byte[blocks.blockSize()];
        this.tailAt = position;
        if (blocks != null && position % blocks.blockSize() != 0) {
            throw new IllegalArgumentException("O_DIRECT output at position " + position + ", not a block boundary");
        }
    }

    /**
     * An output on {@code channel}, opened with {@code ExtendedOpenOption.DIRECT} on a file system whose
     * blocks are {@code blocks.blockSize()} bytes; the channel is closed at close.
     */
    static ContainerOutput direct(FileChannel channel, BlockBuffers blocks) throws IOException {
        return new ContainerOutput(Objects.requireNonNull(channel, "channel"), null, true,
                Objects.requireNonNull(blocks, "blocks"));
    }

    static ContainerOutput of(FileChannel channel, boolean closeUnderlying) throws IOException {
        return new ContainerOutput(Objects.requireNonNull(channel, "channel"), null, closeUnderlying, null);
    }

    static ContainerOutput of(OutputStream stream, boolean closeUnderlying) throws IOException {
        return new ContainerOutput(null, new BufferedOutputStream(Objects.requireNonNull(stream, "stream"), 1 << 16),
                closeUnderlying, null);
    }

    boolean seekable() {
        return channel != null && blocks == null;
    }

    /** The block a writer should end its writes on so that each byte is sent once: O_DIRECT's, else 1. */
    int blockSize() {
        return blocks == null ? 1 : blocks.blockSize();
    }

    /** Bytes written so far (plus the channel's position at start). */
    long position() {
        return position;
    }

    void write(byte[] bytes, int off, int len) throws IOException {
        if (blocks != null) {
            Objects.checkFromIndexSize(off, len, bytes.length);
            byte[] part = off == 0 ? bytes : Arrays.copyOfRange(bytes, off, off + len); // writers pass 0
            writeDirect(new byte[][]{part}, new int[]{len}, 1, len);
            return; // counted
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
        if (blocks != null) {
            Objects.checkFromIndexSize(0, headLength, head.length);
            writeDirect(new byte[][]{head, body}, new int[]{headLength, body.length}, 2, (long) headLength + body.length);
            return; // counted
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

    /**
     * Writes the first {@code lengths[i]} bytes of each of the first {@code count} arrays, in order, as one
     * write: a gathering write on a channel (no joining copy), one copy into the aligned buffer with O_DIRECT.
     */
    void write(byte[][] arrays, int[] lengths, int count) throws IOException {
        Objects.checkIndex(count - 1, Math.min(arrays.length, lengths.length));
        long total = 0;
        for (int i = 0; i < count; i++) {
            Objects.checkFromIndexSize(0, lengths[i], arrays[i].length);
            total += lengths[i];
        }
        if (blocks != null) {
            writeDirect(arrays, lengths, count, total);
            return; // counted
        }
        if (channel != null) {
            ByteBuffer[] buffers = new ByteBuffer[count];
            for (int i = 0; i < count; i++) {
                buffers[i] = ByteBuffer.wrap(arrays[i], 0, lengths[i]);
            }
            for (long left = total; left > 0; ) {
                left -= channel.write(buffers);
            }
        } else {
            for (int i = 0; i < count; i++) {
                stream.write(arrays[i], 0, lengths[i]);
            }
        }
        position += total;
    }

    /** O_DIRECT: the tail, then the parts; every whole block out, the rest kept as the tail. */
    private void writeDirect(byte[][] arrays, int[] lengths, int count, long bytes) throws IOException {
        int block = blocks.blockSize();
        long total = tailLength + bytes;
        if (total > Integer.MAX_VALUE - 2L * block) {
            throw new IllegalArgumentException("write too large: " + total + " bytes");
        }
        int whole = (int) total & -block;
        if (whole > 0) {
            ByteBuffer buf = blocks.take(whole);
            try {
                buf.put(tail, 0, tailLength);
                int i = 0;
                int from = 0; // in arrays[i]
                while (buf.position() < whole) {
                    int n = Math.min(lengths[i] - from, whole - buf.position());
                    buf.put(arrays[i], from, n);
                    from += n;
                    if (from == lengths[i]) {
                        i++;
                        from = 0;
                    }
                }
                buf.flip();
                long at = tailAt;
                while (buf.hasRemaining()) {
                    at += channel.write(buf, at);
                }
                tailLength = 0;
                tailSent = false;
                for (; i < count; i++, from = 0) {
                    appendTail(arrays[i], from, lengths[i] - from);
                }
            } finally {
                blocks.give(buf);
            }
            tailAt += whole;
            padded = false; // the blocks just written end at or before the tail's block: no zeros after it yet
        } else {
            for (int i = 0; i < count; i++) {
                appendTail(arrays[i], 0, lengths[i]);
            }
        }
        position += bytes;
    }

    private void appendTail(byte[] bytes, int off, int len) {
        System.arraycopy(bytes, off, tail, tailLength, len);
        tailLength += len;
        tailSent &= len == 0;
    }

    /** O_DIRECT: the tail out, padded with zeros to its block; it stays the tail, written again by the next write. */
    private void sendTail() throws IOException {
        if (tailLength == 0 || tailSent) {
            return;
        }
        ByteBuffer buf = blocks.take(blocks.blockSize());
        try {
            buf.put(tail, 0, tailLength);
            while (buf.position() < blocks.blockSize()) {
                buf.put((byte) 0);
            }
            buf.flip();
            long at = tailAt;
            while (buf.hasRemaining()) {
                at += channel.write(buf, at);
            }
        } finally {
            blocks.give(buf);
        }
        tailSent = true;
        padded = true;
    }

    /** Overwrites bytes already written, at an absolute position; only on a seekable output. */
    void patch(long at, byte[] bytes) throws IOException {
        if (!seekable()) {
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
        if (blocks != null) {
            sendTail();
            if (sync) {
                cutPadding(); // the zeros go before the sync
            }
        }
        if (sync && channel != null) {
            channel.force(false);
        }
    }

    private void cutPadding() throws IOException {
        if (padded) {
            channel.truncate(position);
            padded = false;
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
                if (blocks != null && channel.isOpen()) {
                    sendTail();
                    cutPadding();
                }
            } finally {
                channel.close();
            }
        }
    }
}
