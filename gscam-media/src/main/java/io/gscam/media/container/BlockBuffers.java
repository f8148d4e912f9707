package io.gscam.media.container;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The aligned native buffers that {@code O_DIRECT} writes go out from, lent for the length of one
 * write to whichever writer writes, for every file of a file system with {@link #blockSize} blocks.
 * {@code O_DIRECT} wants the memory, the file offset and the length aligned to the block; the bytes
 * are copied in here (where an ordinary channel write copies a heap array into the JDK's own
 * temporary native buffer) and the device takes them from here, with no copy into the page cache.
 *
 * <p>A buffer is lent to one write at a time; as many are kept as were ever lent at once (the
 * writing threads, a couple), each growing to the largest write it took. Thread safe.
 */
public final class BlockBuffers {
    /** No buffer is smaller than this, so small writes do not leave a trail of small buffers. */
    private static final int MIN_CAPACITY = 64 << 10;
    /** A bound on the buffers kept, however many threads once wrote at the same time. */
    private static final int MAX_KEPT = 8;

    private final int blockSize;
    private final ConcurrentLinkedQueue<ByteBuffer> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger kept = new AtomicInteger();

    /**
     * @param blockSize the file system's block size: a power of two from 512 to 64 KiB
     */
    public BlockBuffers(int blockSize) {
        if (blockSize < 512 || blockSize > 65536 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size must be a power of two from 512 to 65536: " + blockSize);
        }
        this.blockSize = blockSize;
    }

    public int blockSize() {
        return blockSize;
    }

    /** A cleared buffer, aligned, of at least {@code capacity} bytes in whole blocks; hand it back with {@link #give}. */
    ByteBuffer take(int capacity) {
        ByteBuffer b = idle.poll();
        if (b != null) {
            kept.decrementAndGet();
            if (b.capacity() >= capacity) {
                return b.clear();
            }
            // Too small: dropped (the collector frees its memory) for one that fits.
        }
        return allocate(Math.max(capacity, b == null ? MIN_CAPACITY : 2 * b.capacity()));
    }

    /** Takes back a buffer from {@link #take}. */
    void give(ByteBuffer b) {
        if (kept.incrementAndGet() <= MAX_KEPT) {
            idle.add(b);
        } else {
            kept.decrementAndGet();
        }
    }

    private ByteBuffer allocate(int capacity) {
        long blocks = ((long) capacity + blockSize - 1) / blockSize;
        if (blocks * blockSize + blockSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("write too large: " + capacity + " bytes");
        }
        int bytes = (int) (blocks * blockSize);
        return ByteBuffer.allocateDirect(bytes + blockSize).alignedSlice(blockSize).limit(bytes);
    }
}
